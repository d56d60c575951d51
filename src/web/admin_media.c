/*
 * The newsroom's media library (issue 4 item 7): the list of every file
 * uploaded, searched and filtered by kind, 50 a page; the upload form;
 * and a file's own page, where its alt text and caption are edited and
 * an audio or video file gets its WebVTT captions and its transcript
 * (WCAG 1.1.1, 1.2).
 *
 * Everything about a file's content (what it is, its size, alt text
 * being required for a photo, re-encoding, EXIF removal) is the domain's
 * (media.c): these handlers pass what the form sent and show the
 * domain's Vietnamese *why.  Files are served by the http layer at
 * /media/<path>; these pages only link to them.
 *
 * The routes are ADMIN_WRITE (roles that write items): the guard
 * (admin.c) has checked the session, the role and, on POST, the form
 * token before any of these runs.  Who sees which file is media.c's
 * (media_may_see: the Board, the Secretariat and the Office every file,
 * other authors their own uploads), and so is whether a file may be
 * edited (media_editable: not while a published item shows it).
 */
#include "common.h"

#include "config.h"
#include "log.h"
#include "media.h"
#include "utf8.h"
#include "workflow.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

#define LIBRARY_PATH "/quan-tri/thu-vien"
#define UPLOAD_PATH LIBRARY_PATH "/tai-len"
/* Rows of one library page. */
#define LIBRARY_PER_PAGE 50
/* Caption files offered in the choice of a recording's captions. */
#define CAPTION_CHOICES 100
/* The 403 of a file one may not see or edit. */
#define FILE_DENIED                                                                               \
	"Anh/chị chỉ xem và sửa được tệp do mình tải lên. Tệp của người " \
	"khác do Ban Biên tập, Tổ thư ký hoặc Văn phòng quản lý."

/* The kind filter's URL codes (?loai=) and names, by enum media_kind. */
static const char *const kind_codes[MEDIA_KIND__MAX] = {
        "anh",       /* MEDIA_IMAGE */
        "am-thanh",  /* MEDIA_AUDIO */
        "video",     /* MEDIA_VIDEO */
        "pdf",       /* MEDIA_PDF */
        "van-phong", /* MEDIA_OFFICE */
        "phu-de",    /* MEDIA_CAPTION */
};
static const char *const kind_names[MEDIA_KIND__MAX] = {
        "Ảnh",             /* MEDIA_IMAGE */
        "Âm thanh",        /* MEDIA_AUDIO */
        "Video",           /* MEDIA_VIDEO */
        "PDF",             /* MEDIA_PDF */
        "Tài liệu Office", /* MEDIA_OFFICE */
        "Phụ đề (WebVTT)", /* MEDIA_CAPTION */
};

/* What a file's page says after a redirect (?xong=code). */
static const struct {
	const char *code;
	const char *text;
} done_notes[] = {
        {"tai-len", "Đã tải tệp lên thư viện."},
        {"trung", "Tệp này đã có trong thư viện: đây là tệp đã tải lên "
                  "trước đó, không tải lên lần nữa."},
        {"mo-ta", "Đã lưu văn bản thay thế và chú thích."},
        {"phu-de", "Đã cập nhật phụ đề."},
        {"ban-ghi-loi", "Đã lưu bản ghi lời."},
};

const char *
admin_media_kind_name(enum media_kind k)
{
	return (unsigned)k < MEDIA_KIND__MAX ? kind_names[k] : "—";
}

const struct upload *
admin_upload_get(struct req *r, const char *field)
{
	for (size_t i = 0; i < r->nuploads; i++)
		if (!strcmp(r->uploads[i].field, field))
			return &r->uploads[i];
	return NULL;
}

/* "12 KB", "1,5 MB" (a decimal comma, as Vietnamese writes it). */
static const char *
size_text(struct arena *a, int64_t n)
{
	if (n >= 1024 * 1024) {
		int64_t tenths = (n * 10 + 512 * 1024) / (1024 * 1024);

		return arena_printf(a, "%lld,%lld MB", (long long)(tenths / 10),
		                    (long long)(tenths % 10));
	}
	return arena_printf(a, "%lld KB", (long long)((n + 1023) / 1024));
}

/* "/media/" and a path below the media folder. */
static const char *
media_url(struct arena *a, const char *path)
{
	return arena_printf(a, "/media/%s", path);
}

/* The smallest width of an image's variants ("320,640,800"), 0 if none. */
static int
smallest_width(const struct media *m)
{
	long w = m->widths ? strtol(m->widths, NULL, 10) : 0;

	return w > 0 && w <= IMAGE_MAX_SIDE ? (int)w : 0;
}

/* The largest width of an image's variants, 0 if none. */
static int
largest_width(const struct media *m)
{
	const char *comma = m->widths ? strrchr(m->widths, ',') : NULL;
	long w = comma ? strtol(comma + 1, NULL, 10)
	               : (m->widths ? strtol(m->widths, NULL, 10) : 0);

	return w > 0 && w <= IMAGE_MAX_SIDE ? (int)w : 0;
}

/* The <picture> of an image for the partial admin/media-thumb: its
 * srcsets (WebP first, JPEG), the smallest JPEG as src and its size. */
static void
picture_view(struct arena *a, struct tval *v, const struct media *m, bool thumb)
{
	struct buf b = BUF_INIT;
	int w = thumb ? smallest_width(m) : largest_width(m);
	int h = 0;

	if (w && m->width > 0)
		h = (int)(((int64_t)m->height * w + m->width / 2) / m->width);
	tv_set_str(v, "srcset_webp", web_srcset(a, m, IMAGE_WEBP));
	tv_set_str(v, "srcset_jpeg", web_srcset(a, m, IMAGE_JPEG));
	if (w) {
		buf_adds(&b, "/media/");
		media_variant_path(&b, m, w, IMAGE_JPEG);
		tv_set_str(v, "src", arena_strndup(a, b.p, b.len));
	} else {
		tv_set_str(v, "src", media_url(a, m->path));
	}
	tv_set_int(v, "width", w);
	tv_set_int(v, "height", h);
	tv_set_bool(v, "has_size", w > 0 && h > 0);
	/* A thumbnail is shown 96 px wide; the preview up to the column. */
	tv_set_str(v, "sizes",
	           thumb ? "96px" : "(max-width: 48rem) 100vw, 48rem");
	buf_release(&b);
}

struct tval *
admin_media_view(struct req *r, const struct media *m)
{
	struct arena *a = r->arena;
	struct tval *v = tv_map(a);

	tv_set_int(v, "id", m->id);
	tv_set_str(v, "page_url",
	           arena_printf(a, LIBRARY_PATH "/%lld", (long long)m->id));
	tv_set_str(v, "url", media_url(a, m->path));
	tv_set_str(v, "name", m->original_name);
	tv_set_str(v, "kind", admin_media_kind_name(m->kind));
	tv_set_str(v, "size", size_text(a, m->bytes));
	tv_set_str(v, "alt", m->alt ? m->alt : "");
	tv_set_str(v, "caption", m->caption ? m->caption : "");
	tv_set_bool(v, "has_caption", web_nonempty(m->caption));
	tv_set_str(v, "uploaded_at",
	           web_time(a, m->uploaded_at, VNTIME_DATETIME));
	tv_set_str(v, "uploaded_iso", web_time(a, m->uploaded_at, VNTIME_ISO));
	tv_set_bool(v, "is_image", m->kind == MEDIA_IMAGE);
	tv_set_bool(v, "is_audio", m->kind == MEDIA_AUDIO);
	tv_set_bool(v, "is_video", m->kind == MEDIA_VIDEO);
	tv_set_bool(v, "is_recording",
	            m->kind == MEDIA_AUDIO || m->kind == MEDIA_VIDEO);
	tv_set_bool(v, "has_captions", m->captions_id != 0);
	tv_set_bool(v, "has_transcript", web_nonempty(m->transcript));
	if (m->kind == MEDIA_IMAGE) {
		struct tval *p = tv_map(a);

		picture_view(a, p, m, true);
		tv_set_str(p, "alt", m->alt ? m->alt : "");
		tv_set(v, "thumb", p);
	}
	return v;
}

/* The uploader's name, looked up once per page for each account. */
struct names {
	int64_t id[LIBRARY_PER_PAGE];
	const char *name[LIBRARY_PER_PAGE];
	size_t n;
};

static const char *
uploader_name(struct req *r, struct names *nm, int64_t id)
{
	struct user u;
	const char *s;

	if (!id)
		return "—";
	for (size_t i = 0; i < nm->n; i++)
		if (nm->id[i] == id)
			return nm->name[i];
	s = store_user_get(web_store, r->arena, id, &u) == ERR_OK ? u.full_name
	                                                          : "—";
	if (nm->n < ARRAY_SIZE(nm->id)) {
		nm->id[nm->n] = id;
		nm->name[nm->n++] = s;
	}
	return s;
}

static bool
kind_from_code(const char *code, enum media_kind *out)
{
	for (int k = 0; k < MEDIA_KIND__MAX; k++)
		if (!strcmp(code, kind_codes[k])) {
			*out = (enum media_kind)k;
			return true;
		}
	return false;
}

/* The kind filter's options, with sel selected (MEDIA_KIND__MAX: all). */
static struct tval *
kind_options(struct arena *a, enum media_kind sel)
{
	struct tval *l = tv_list(a);

	for (int k = 0; k < MEDIA_KIND__MAX; k++) {
		struct tval *o = tv_map(a);

		tv_set_str(o, "code", kind_codes[k]);
		tv_set_str(o, "name", kind_names[k]);
		tv_set_bool(o, "selected", (int)sel == k);
		tv_push(l, o);
	}
	return l;
}

/* "key=value&" percent-encoded, when value is not empty. */
static void
query_add(struct buf *b, const char *key, const char *val)
{
	if (!web_nonempty(val))
		return;
	if (b->len)
		buf_addch(b, '&');
	buf_adds(b, key);
	buf_addch(b, '=');
	buf_add_url(b, val, strlen(val));
}

void
admin_media_library(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct arena *a = r->arena;
	struct str qt = web_trim(req_query(r, "q"));
	const char *q = utf8_nfc_dup(a, qt.p, qt.len);
	const char *loai = req_query(r, "loai");
	const char *bai = req_query(r, "bai");
	struct media_query mq = {.kind = MEDIA_KIND__MAX,
	                         .limit = LIBRARY_PER_PAGE};
	struct media_list l;
	struct wf_view item;
	struct names nm = {.n = 0};
	struct tval *ctx, *rows;
	struct buf query = BUF_INIT;
	int64_t item_id = 0;
	bool can_add = false;
	size_t page, pages;
	enum err e;

	if (web_nonempty(loai) && !kind_from_code(loai, &mq.kind)) {
		http_error(r, rs, 400, "Loại tệp không hợp lệ.");
		return;
	}
	if (!web_parse_page(req_query(r, "trang"), &page) ||
	    (mq.offset = web_page_offset(page, LIBRARY_PER_PAGE)) == SIZE_MAX) {
		web_fail(r, rs, ERR_INVALID);
		return;
	}
	/* Opened from an item's media page: each row can be added to it,
	 * if this user may change the item. */
	if (bai) {
		if (!web_parse_id(bai, &item_id)) {
			http_error(r, rs, 404, "Không có tin, bài này.");
			return;
		}
		e = workflow_load(web_store, a, &c->user, item_id, &item);
		if (e != ERR_OK) {
			admin_media_item_fail(r, rs, e);
			return;
		}
		can_add = (item.actions & WF_BIT(WF_EDIT)) != 0;
	}
	mq.text = q;
	if (!media_sees_all(&c->user))
		mq.uploaded_by = c->user.id;
	if ((e = media_find(web_store, a, &mq, &l)) != ERR_OK) {
		if (e != ERR_INVALID)
			log_errx("media library: %s", err_str(e));
		web_fail(r, rs, e);
		return;
	}
	pages = web_page_count(l.total, LIBRARY_PER_PAGE);
	if (page > pages) {
		http_error(r, rs, 404, "Thư viện không có trang này.");
		return;
	}

	query_add(&query, "q", q);
	query_add(&query, "loai", loai);
	query_add(&query, "bai", bai);
	ctx = admin_ctx_view(
	        r, c,
	        page > 1 ? arena_printf(a, "Thư viện tệp (trang %zu)", page)
	                 : "Thư viện tệp",
	        LIBRARY_PATH);
	rows = tv_list(a);
	for (size_t i = 0; i < l.n; i++) {
		struct tval *v = admin_media_view(r, &l.v[i]);

		tv_set_str(v, "uploaded_by",
		           uploader_name(r, &nm, l.v[i].uploaded_by));
		tv_push(rows, v);
	}
	tv_set(ctx, "rows", rows);
	tv_set_bool(ctx, "has_rows", l.n > 0);
	tv_set_int(ctx, "total", (int64_t)l.total);
	tv_set_int(ctx, "page", (int64_t)page);
	tv_set_int(ctx, "pages", (int64_t)pages);
	tv_set_bool(ctx, "has_pages", pages > 1);
	tv_set(ctx, "pager",
	       web_pager(a, LIBRARY_PATH, arena_strndup(a, query.p, query.len),
	                 page, pages));
	tv_set_str(ctx, "q", q ? q : "");
	tv_set(ctx, "kinds", kind_options(a, mq.kind));
	tv_set_bool(ctx, "filtered", web_nonempty(q) || web_nonempty(loai));
	tv_set_bool(ctx, "for_item", item_id != 0);
	tv_set_bool(ctx, "can_add", can_add);
	if (item_id) {
		tv_set_int(ctx, "item_id", item_id);
		tv_set_str(ctx, "item_title", item.item.title);
	}
	tv_set_bool(ctx, "nav_media", true);
	buf_release(&query);
	web_render(r, rs, "admin/media-library", ctx);
}

void
admin_media_item_fail(struct req *r, struct resp *rs, enum err e)
{
	switch (e) {
	case ERR_NOTFOUND:
		http_error(r, rs, 404, "Không có tin, bài này.");
		break;
	case ERR_DENIED:
		http_error(r, rs, 403,
		           "Anh/chị không có quyền xem hoặc sửa ảnh, tệp của "
		           "tin, bài này.");
		break;
	case ERR_CONFLICT:
		http_error(r, rs, 409, admin_item_conflict_message);
		break;
	default:
		log_errx("item media: %s", err_str(e));
		web_fail(r, rs, e);
	}
}

/* ---- Upload ---- */

static void
render_upload(struct req *r, struct resp *rs, struct admin_ctx *c,
              const char *error)
{
	struct tval *ctx = admin_ctx_view(r, c, "Tải tệp lên", UPLOAD_PATH);

	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_str(ctx, "alt", error ? admin_form_text(r, "alt") : "");
	tv_set_str(ctx, "caption",
	           error ? admin_form_text(r, "chu_thich") : "");
	tv_set_str(ctx, "max", size_text(r->arena, (int64_t)config.upload_max));
	tv_set_bool(ctx, "nav_media", true);
	if (error)
		rs->status = 422;
	web_render(r, rs, "admin/media-upload", ctx);
}

void
admin_media_upload_form(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	render_upload(r, rs, c, NULL);
}

enum err
admin_media_take(struct req *r, struct admin_ctx *c, const struct upload *up,
                 unsigned kinds, struct media *out, bool *duplicate,
                 const char **why)
{
	struct media_upload u = {
	        .data = up->data,
	        .len = up->len,
	        .name = up->filename,
	        .alt = admin_form_text(r, "alt"),
	        .caption = admin_form_text(r, "chu_thich"),
	        .kinds = kinds,
	};
	struct audit_actor actor;
	enum err e;

	admin_actor(r, c, &actor);
	e = media_upload(web_store, r->arena, &actor, &u, c->now, out,
	                 duplicate, why);
	if (e != ERR_OK && e != ERR_INVALID)
		log_errx("cannot store the upload '%s' of user %lld: %s",
		         up->filename, (long long)c->user.id, err_str(e));
	return e;
}

void
admin_media_upload_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const struct upload *up = admin_upload_get(r, "tep");
	struct media m;
	bool dup;
	const char *why;
	enum err e;

	if (!up || (up->len == 0 && !web_nonempty(up->filename))) {
		render_upload(r, rs, c, "Vui lòng chọn một tệp để tải lên.");
		return;
	}
	e = admin_media_take(r, c, up, 0, &m, &dup, &why);
	if (e == ERR_INVALID) {
		render_upload(r, rs, c, why ? why : "Không nhận tệp này.");
		return;
	}
	if (e != ERR_OK) {
		http_error(r, rs, 500, why);
		return;
	}
	if (dup && !media_may_see(&c->user, &m)) {
		/* Someone else's file, which this account may not open: say
		 * where the same bytes can still be used. */
		render_upload(
		        r, rs, c,
		        "Tệp này đã có trong thư viện (do người khác tải "
		        "lên). Để đưa nó vào tin, bài của anh/chị, hãy tải "
		        "lên ở thẻ “Ảnh, tệp” của tin, bài đó.");
		return;
	}
	resp_redirect(rs, 303,
	              arena_printf(r->arena, LIBRARY_PATH "/%lld?xong=%s",
	                           (long long)m.id, dup ? "trung" : "tai-len"));
}

/* ---- A file's page ---- */

/* Which form of the file's page failed, with what. */
struct file_error {
	const char *part; /* "mo-ta", "phu-de", "ban-ghi-loi" */
	const char *msg;
};

static enum err
render_file(struct req *r, struct resp *rs, struct admin_ctx *c,
            const struct media *m, const struct file_error *fe)
{
	struct arena *a = r->arena;
	const char *path =
	        arena_printf(a, LIBRARY_PATH "/%lld", (long long)m->id);
	struct tval *ctx = admin_ctx_view(
	        r, c, arena_printf(a, "Tệp “%s”", m->original_name), path);
	struct tval *v = admin_media_view(r, m), *choices;
	const char *done = req_query(r, "xong");
	struct names nm = {.n = 0};
	struct media vtt;
	struct media_list vl;
	struct media_query vq = {.kind = MEDIA_CAPTION,
	                         .limit = CAPTION_CHOICES};
	const char *locked = NULL;
	enum err e;

	/* A file a published item shows: its forms give way to why not. */
	e = media_editable(web_store, a, &c->user, m, &locked);
	if (e != ERR_OK && e != ERR_CONFLICT)
		return e;
	if (e == ERR_CONFLICT) {
		tv_set_str(ctx, "locked", locked);
		tv_set_bool(ctx, "locked_alert", fe != NULL);
	}
	if (!media_sees_all(&c->user))
		vq.uploaded_by = c->user.id;

	if (m->kind == MEDIA_IMAGE) {
		struct tval *p = tv_map(a);

		picture_view(a, p, m, false);
		tv_set_str(p, "alt", m->alt);
		tv_set(v, "preview", p);
	}
	tv_set_str(v, "public_url", web_abs(a, media_url(a, m->path)));
	tv_set_str(v, "mime", m->mime);
	tv_set_str(v, "uploaded_by", uploader_name(r, &nm, m->uploaded_by));
	if (m->kind == MEDIA_IMAGE && m->width > 0)
		tv_set_str(v, "dimensions",
		           arena_printf(a, "%d × %d điểm ảnh", m->width,
		                        m->height));
	if (m->captions_id &&
	    store_media_get(web_store, a, m->captions_id, &vtt) == ERR_OK) {
		tv_set_str(v, "captions_url", media_url(a, vtt.path));
		tv_set_str(v, "captions_name", vtt.original_name);
		tv_set_str(v, "captions_page",
		           arena_printf(a, LIBRARY_PATH "/%lld",
		                        (long long)vtt.id));
	}
	tv_set_str(v, "transcript",
	           fe && !strcmp(fe->part, "ban-ghi-loi")
	                   ? req_form(r, "ban_ghi_loi")
	                             ? req_form(r, "ban_ghi_loi")
	                             : ""
	                   : m->transcript);
	if (fe && !strcmp(fe->part, "mo-ta")) {
		tv_set_str(v, "alt", admin_form_text(r, "alt"));
		tv_set_str(v, "caption", admin_form_text(r, "chu_thich"));
	}
	tv_set(ctx, "m", v);

	/* The caption files one may choose for a recording. */
	choices = tv_list(a);
	if (m->kind == MEDIA_AUDIO || m->kind == MEDIA_VIDEO) {
		if ((e = media_find(web_store, a, &vq, &vl)) != ERR_OK)
			return e;
		for (size_t i = 0; i < vl.n; i++) {
			struct tval *o = tv_map(a);

			tv_set_int(o, "id", vl.v[i].id);
			tv_set_str(o, "name", vl.v[i].original_name);
			tv_set_str(o, "at",
			           web_time(a, vl.v[i].uploaded_at,
			                    VNTIME_DATETIME));
			tv_set_bool(o, "selected",
			            vl.v[i].id == m->captions_id);
			tv_push(choices, o);
		}
	}
	tv_set(ctx, "caption_files", choices);
	tv_set_bool(ctx, "has_caption_files", tv_len(choices) > 0);

	for (size_t i = 0; done && i < ARRAY_SIZE(done_notes); i++)
		if (!strcmp(done, done_notes[i].code))
			tv_set_str(ctx, "done", done_notes[i].text);
	tv_set_bool(ctx, "err_text", fe && !strcmp(fe->part, "mo-ta"));
	tv_set_bool(ctx, "err_captions", fe && !strcmp(fe->part, "phu-de"));
	tv_set_bool(ctx, "err_transcript",
	            fe && !strcmp(fe->part, "ban-ghi-loi"));
	tv_set_str(ctx, "error", fe ? fe->msg : "");
	tv_set_str(ctx, "max_transcript", "512 KB");
	tv_set_bool(ctx, "nav_media", true);
	if (fe)
		rs->status = 422;
	web_render(r, rs, "admin/media-file", ctx);
	return ERR_OK;
}

/* The medium of the route's :id if c's user may see it, or an error
 * page (false). */
static bool
load_media(struct req *r, struct resp *rs, struct admin_ctx *c, struct media *m)
{
	int64_t id;
	enum err e;

	if (!r->nparams || !web_parse_id(r->params[0], &id)) {
		http_error(r, rs, 404, "Không có tệp này trong thư viện.");
		return false;
	}
	e = store_media_get(web_store, r->arena, id, m);
	if (e == ERR_NOTFOUND) {
		http_error(r, rs, 404, "Không có tệp này trong thư viện.");
		return false;
	}
	if (e != ERR_OK) {
		log_errx("media %lld: %s", (long long)id, err_str(e));
		web_fail(r, rs, e);
		return false;
	}
	if (!media_may_see(&c->user, m)) {
		http_error(r, rs, 403, FILE_DENIED);
		return false;
	}
	return true;
}

void
admin_media_page(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct media m;
	enum err e;

	if (!load_media(r, rs, c, &m))
		return;
	if ((e = render_file(r, rs, c, &m, NULL)) != ERR_OK)
		web_fail(r, rs, e);
}

/* The captions form: a new WebVTT file uploaded, one chosen from the
 * library, or none. */
static enum err
save_captions(struct req *r, struct admin_ctx *c, const struct media *m,
              const struct audit_actor *actor, const char **why)
{
	const struct upload *up = admin_upload_get(r, "tep_phu_de");
	const char *chosen = req_form(r, "phu_de");
	int64_t vtt_id = 0;
	struct media vtt;
	bool dup;
	enum err e;

	if (up && up->len > 0) {
		e = admin_media_take(r, c, up, 1u << MEDIA_CAPTION, &vtt, &dup,
		                     why);
		if (e != ERR_OK)
			return e;
		vtt_id = vtt.id;
	} else if (web_nonempty(chosen) && strcmp(chosen, "0") != 0) {
		if (!web_parse_id(chosen, &vtt_id)) {
			*why = "Tệp phụ đề đã chọn không hợp lệ.";
			return ERR_INVALID;
		}
	}
	if (vtt_id == m->captions_id)
		return ERR_OK;
	e = media_set_captions(web_store, r->arena, &c->user, actor, m->id,
	                       vtt_id, c->now, why);
	if (e == ERR_NOTFOUND && vtt_id) {
		*why = "Tệp phụ đề đã chọn không còn trong thư viện.";
		return ERR_INVALID;
	}
	return e;
}

void
admin_media_save(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *part = req_form(r, "muc");
	struct file_error fe = {NULL, NULL};
	struct audit_actor actor;
	const char *why = NULL, *alt, *caption, *text;
	struct media m;
	enum err e;

	if (!load_media(r, rs, c, &m))
		return;
	admin_actor(r, c, &actor);
	if (!part || (strcmp(part, "mo-ta") && strcmp(part, "phu-de") &&
	              strcmp(part, "ban-ghi-loi"))) {
		http_error(r, rs, 400, "Biểu mẫu không hợp lệ.");
		return;
	}
	/* Refused before a caption file is uploaded for nothing; the
	 * domain checks again as it writes. */
	e = media_editable(web_store, r->arena, &c->user, &m, &why);
	if (e == ERR_OK && !strcmp(part, "mo-ta")) {
		alt = admin_form_text(r, "alt");
		caption = admin_form_text(r, "chu_thich");
		/* Unchanged text writes nothing (and no audit entry). */
		if (strcmp(alt, m.alt) || strcmp(caption, m.caption))
			e = media_set_text(web_store, r->arena, &c->user,
			                   &actor, m.id, alt, caption, c->now,
			                   &why);
	} else if (e == ERR_OK && !strcmp(part, "phu-de")) {
		e = save_captions(r, c, &m, &actor, &why);
	} else if (e == ERR_OK) {
		text = req_form(r, "ban_ghi_loi");
		if (strcmp(text ? text : "", m.transcript))
			e = media_set_transcript(web_store, r->arena, &c->user,
			                         &actor, m.id, text ? text : "",
			                         c->now, &why);
	}
	if (e == ERR_DENIED) {
		http_error(r, rs, 403, FILE_DENIED);
		return;
	}
	/* ERR_CONFLICT: a published item shows the file (the page says
	 * so in place of the forms). */
	if (e == ERR_INVALID || (e == ERR_CONFLICT && why)) {
		fe.part = part;
		fe.msg = why ? why : "Dữ liệu không hợp lệ.";
		if ((e = render_file(r, rs, c, &m, &fe)) != ERR_OK)
			web_fail(r, rs, e);
		return;
	}
	if (e != ERR_OK) {
		log_errx("cannot save media %lld: %s", (long long)m.id,
		         err_str(e));
		if (why)
			http_error(r, rs, e == ERR_NOTFOUND ? 404 : 500, why);
		else
			web_fail(r, rs, e);
		return;
	}
	resp_redirect(rs, 303,
	              arena_printf(r->arena, LIBRARY_PATH "/%lld?xong=%s",
	                           (long long)m.id, part));
}
