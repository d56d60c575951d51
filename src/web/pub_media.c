/*
 * The public side of media (issue 4 item 7): the photo library (Thư
 * viện ảnh, /thu-vien-anh) and what an item's page shows of its media:
 * the album of a photo item, the HTML5 players of audio and video with
 * their captions and transcript (WCAG 1.2), and the attached documents.
 *
 * Photos go out as <picture>: WebP sources first, JPEG as the fallback,
 * both with every width media.c made (srcset) and sizes matching the
 * layout in site.css, so a phone loads a 320-pixel file and a wide
 * screen the one it needs; width and height are the largest variant's,
 * so the browser reserves the space before the file arrives (no layout
 * shift).  Nothing needs JavaScript.
 *
 * Only paths that pass web_media_path_ok reach a page: a row with a
 * strange path (a restore from elsewhere, a hand edit) is left out
 * rather than trusted inside a srcset.
 */
#include "common.h"

#include "catalog.h"
#include "config.h"
#include "media.h"
#include "web_int.h"

#define PHOTOS_PATH "/thu-vien-anh"

/* The slot each picture fills (site.css "photo library and players"):
 * album photos are two to a row in the 48rem article, one column below
 * 40rem; library cards are three to four to a row of the 72rem page. */
#define ALBUM_SIZES "(min-width: 40rem) 24rem, 100vw"
#define CARD_SIZES "(min-width: 60rem) 18rem, (min-width: 36rem) 50vw, 100vw"

/* A medium's path, if it may go into a page. */
static bool
media_path_usable(const struct media *m)
{
	return web_nonempty(m->path) && web_media_path_ok(m->path);
}

/* The <picture> of image m: sources, fallback, size, alt text. */
static struct tval *
picture_map(struct arena *a, const struct media *m, const char *sizes,
            bool lazy)
{
	struct tval *p = tv_map(a);

	tv_set_str(p, "webp_srcset", web_srcset(a, m, IMAGE_WEBP));
	tv_set_str(p, "jpeg_srcset", web_srcset(a, m, IMAGE_JPEG));
	tv_set_strf(p, "src", "/media/%s", m->path);
	tv_set_str(p, "sizes", sizes);
	tv_set_int(p, "width", m->width > 0 ? m->width : WEB_IMAGE_W);
	tv_set_int(p, "height",
	           m->height > 0 ? m->height : WEB_IMAGE_W * 9 / 16);
	tv_set_str(p, "alt", m->alt ? m->alt : "");
	tv_set_bool(p, "lazy", lazy);
	return p;
}

const char *
pub_media_size(struct arena *a, int64_t bytes)
{
	int64_t kb, tenths;

	if (bytes < 0)
		bytes = 0;
	/* Below a megabyte: whole kilobytes, rounded up (never "0 KB"). */
	if (bytes < 1024 * 1024 - 512) {
		kb = (bytes + 1023) / 1024;
		return arena_printf(a, "%lld KB", (long long)(kb ? kb : 1));
	}
	/* Vietnamese writes the decimal comma: "1,5 MB". */
	tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
	if (tenths % 10 == 0)
		return arena_printf(a, "%lld MB", (long long)(tenths / 10));
	return arena_printf(a, "%lld,%lld MB", (long long)(tenths / 10),
	                    (long long)(tenths % 10));
}

/* What a document is, in words a reader knows, by its stored type. */
static const struct doc_type {
	const char *mime;
	const char *name;
} doc_types[] = {
        {"application/pdf", "PDF"},
        {"application/msword", "Word"},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.",
         "Word"},
        {"application/vnd.ms-excel", "Excel"},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.",
         "Excel"},
        {"application/vnd.ms-powerpoint", "PowerPoint"},
        {"application/vnd.openxmlformats-officedocument.presentationml.",
         "PowerPoint"},
        {"application/vnd.oasis.opendocument.text", "OpenDocument Text"},
        {"application/vnd.oasis.opendocument.spreadsheet",
         "OpenDocument Spreadsheet"},
        {"application/vnd.oasis.opendocument.presentation",
         "OpenDocument Presentation"},
};

static const char *
doc_type_name(const struct media *m)
{
	for (size_t i = 0; m->mime && i < ARRAY_SIZE(doc_types); i++)
		if (!strncmp(m->mime, doc_types[i].mime,
		             strlen(doc_types[i].mime)))
			return doc_types[i].name;
	return m->kind == MEDIA_PDF ? "PDF" : "Tài liệu";
}

/* The short name of a recording's format for its download link: its
 * extension in capitals ("MP3"), in a. */
static const char *
av_format_name(struct arena *a, const struct media *m)
{
	const char *dot = strrchr(m->path, '.');
	char *s;

	if (!dot || !dot[1] || strchr(dot, '/'))
		return m->kind == MEDIA_VIDEO ? "video" : "âm thanh";
	s = arena_strdup(a, dot + 1);
	for (char *p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

/* One album photo: its picture and caption (the album's, else the
 * medium's own). */
static struct tval *
photo_map(struct arena *a, const struct item_media *im, size_t i)
{
	struct tval *p = tv_map(a);
	const char *cap =
	        web_nonempty(im->caption) ? im->caption : im->m.caption;

	/* The first photo is what the reader sees first: no lazy loading. */
	tv_set(p, "picture", picture_map(a, &im->m, ALBUM_SIZES, i > 0));
	tv_set_str(p, "caption", cap ? cap : "");
	tv_set_bool(p, "has_caption", web_nonempty(cap));
	tv_set_int(p, "num", (int64_t)i + 1);
	return p;
}

/* One player: the file, its captions (WCAG 1.2.2) and transcript
 * (1.2.1, 1.2.3). */
static struct tval *
player_map(struct req *r, const struct item_media *im)
{
	struct arena *a = r->arena;
	const struct media *m = &im->m;
	struct tval *p = tv_map(a);
	struct media vtt;
	const char *title = web_nonempty(im->caption)  ? im->caption
	                    : web_nonempty(m->caption) ? m->caption
	                                               : m->original_name;

	tv_set_bool(p, "video", m->kind == MEDIA_VIDEO);
	tv_set_bool(p, "audio", m->kind == MEDIA_AUDIO);
	tv_set_strf(p, "src", "/media/%s", m->path);
	tv_set_str(p, "mime", m->mime ? m->mime : "");
	tv_set_str(p, "title", title ? title : "");
	tv_set_bool(p, "has_title", web_nonempty(title));
	tv_set_bool(p, "has_captions", false);
	if (m->captions_id &&
	    store_media_get(web_store, a, m->captions_id, &vtt) == ERR_OK &&
	    vtt.kind == MEDIA_CAPTION && media_path_usable(&vtt)) {
		tv_set_bool(p, "has_captions", true);
		tv_set_strf(p, "captions_src", "/media/%s", vtt.path);
	}
	tv_set_str(p, "transcript", m->transcript ? m->transcript : "");
	tv_set_bool(p, "has_transcript", web_nonempty(m->transcript));
	tv_set_str(p, "format", av_format_name(a, m));
	tv_set_str(p, "size", pub_media_size(a, m->bytes));
	return p;
}

/* One attached document: name, type in words, size, link. */
static struct tval *
attachment_map(struct arena *a, const struct item_media *im)
{
	const struct media *m = &im->m;
	struct tval *p = tv_map(a);
	const char *name = web_nonempty(im->caption)  ? im->caption
	                   : web_nonempty(m->caption) ? m->caption
	                                              : m->original_name;

	tv_set_strf(p, "url", "/media/%s", m->path);
	tv_set_str(p, "mime", m->mime ? m->mime : "");
	tv_set_str(p, "name", web_nonempty(name) ? name : "Tệp đính kèm");
	tv_set_str(p, "type", doc_type_name(m));
	tv_set_str(p, "size", pub_media_size(a, m->bytes));
	return p;
}

enum err
pub_media_map(struct req *r, const struct item *it, struct tval **out_map,
              size_t *out_nphotos)
{
	struct arena *a = r->arena;
	struct tval *out = tv_map(a);
	struct tval *photos = tv_list(a), *players = tv_list(a),
	            *docs = tv_list(a);
	struct item_media *v;
	size_t n, nphotos = 0;
	enum err e;

	*out_map = NULL;
	*out_nphotos = 0;
	if ((e = media_album_get(web_store, a, it->id, &v, &n)) != ERR_OK)
		return e;
	for (size_t i = 0; i < n; i++) {
		const struct item_media *im = &v[i];

		if (!media_path_usable(&im->m))
			continue;
		switch (im->m.kind) {
		case MEDIA_IMAGE:
			tv_push(photos, photo_map(a, im, nphotos++));
			break;
		case MEDIA_AUDIO:
		case MEDIA_VIDEO:
			tv_push(players, player_map(r, im));
			break;
		case MEDIA_PDF:
		case MEDIA_OFFICE:
			tv_push(docs, attachment_map(a, im));
			break;
		case MEDIA_CAPTION:
		case MEDIA_KIND__MAX:
			/* A caption file belongs to its recording. */
			break;
		}
	}
	tv_set(out, "photos", photos);
	tv_set_bool(out, "has_photos", nphotos > 0);
	tv_set_int(out, "photo_count", (int64_t)nphotos);
	/* A photo item is its album; elsewhere the photos illustrate. */
	tv_set_bool(out, "is_album", it->kind == ITEM_KIND_ANH);
	tv_set(out, "players", players);
	tv_set_bool(out, "has_players", tv_len(players) > 0);
	tv_set(out, "attachments", docs);
	tv_set_bool(out, "has_attachments", tv_len(docs) > 0);
	*out_map = out;
	*out_nphotos = nphotos;
	return ERR_OK;
}

/* A card of the photo library. */
static struct tval *
photo_card_map(struct arena *a, const struct photo_card *pc)
{
	const struct item *it = &pc->item;
	struct tval *c = tv_map(a);
	bool cover = web_nonempty(it->cover_image) &&
	             web_media_path_ok(it->cover_image);

	tv_set_str(c, "title", it->title);
	tv_set_str(c, "url", web_item_path(a, it));
	tv_set_str(c, "date", web_time(a, it->published_at, VNTIME_DATE));
	tv_set_str(c, "date_iso", web_time(a, it->published_at, VNTIME_ISO));
	tv_set_str(c, "photos",
	           arena_printf(a, "%lld ảnh", (long long)pc->photos));
	tv_set_bool(c, "has_photos", pc->photos > 0);
	if (pc->cover.id && media_path_usable(&pc->cover)) {
		tv_set(c, "picture",
		       picture_map(a, &pc->cover, CARD_SIZES, true));
		tv_set_bool(c, "has_picture", true);
	} else if (cover) {
		/* An item from before the media library: its cover alone,
		 * in the two renditions of web_card. */
		tv_set_str(c, "thumb", web_thumb_url(a, it->cover_image));
		tv_set_str(c, "thumb_alt", it->cover_alt ? it->cover_alt : "");
		tv_set_bool(c, "has_thumb", true);
	}
	return c;
}

void
pub_photo_library(struct req *r, struct resp *rs)
{
	struct arena *a = r->arena;
	struct photo_list l;
	struct catalog *cat;
	struct tval *ctx, *cards;
	size_t pg, pages, off;
	enum err e;

	if (!web_parse_page(req_query(r, "trang"), &pg)) {
		http_error(r, rs, 404, NULL);
		return;
	}
	off = web_page_offset(pg, PUB_PHOTOS_PER_PAGE);
	if (off == SIZE_MAX) {
		http_error(r, rs, 404, NULL);
		return;
	}
	e = store_photo_items(web_store, a, off, PUB_PHOTOS_PER_PAGE, &l);
	if (e != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	pages = web_page_count(l.total, PUB_PHOTOS_PER_PAGE);
	if (pg > pages) {
		http_error(r, rs, 404, NULL);
		return;
	}
	cat = catalog_get();
	ctx = web_ctx(r, cat, NULL);
	web_page(r, ctx,
	         pg > 1 ? arena_printf(a, "Thư viện ảnh – Trang %zu", pg)
	                : "Thư viện ảnh",
	         arena_printf(a,
	                      "Ảnh về các hoạt động của %s, mới nhất "
	                      "trước.",
	                      config.site.name),
	         pg > 1 ? arena_printf(a, "%s?trang=%zu", PHOTOS_PATH, pg)
	                : PHOTOS_PATH);
	web_crumbs(r, ctx, NULL, "Thư viện ảnh");
	cards = tv_list(a);
	for (size_t i = 0; i < l.n; i++)
		tv_push(cards, photo_card_map(a, &l.v[i]));
	tv_set(ctx, "albums", cards);
	tv_set_bool(ctx, "has_albums", l.n > 0);
	tv_set_int(ctx, "total", (int64_t)l.total);
	tv_set(ctx, "pager", web_pager(a, PHOTOS_PATH, "", pg, pages));
	web_render(r, rs, "photo-library", ctx);
	if (rs->status == 200 || rs->status == 0) {
		/* Publishing, unpublishing or correcting any item drops
		 * "site" (workflow.c), so a new album shows at once. */
		rs->cache_tags = "site";
		rs->max_age = 0;
	}
	catalog_put(cat);
}
