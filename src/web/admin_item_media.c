/*
 * An item's photos and files in the newsroom (issue 4 items 4 and 7):
 * /quan-tri/tin-bai/:id/tep lists the item's media in order with their
 * captions, takes an upload straight into the item or a file chosen in
 * the library (?bai=:id there), and /tep/cap-nhat reorders, captions and
 * removes them; /tep/anh-dai-dien makes one of its photos the cover.
 *
 * The routes are ADMIN_SIGNED_IN: who may see or change which item is
 * the workflow's (workflow_load: WF_VIEW to see, WF_EDIT to change), and
 * what an item may hold is media.c's (media_album_edit: a photo item
 * holds photos only...; during a correction of a published item the
 * changes go to a pending album that only the correction's publication
 * makes public).  These pages show the newsroom's album
 * (media_album_work: the pending one during a correction).  A file
 * chosen in the library must be one the user may see there
 * (media_may_see).  The page lists what the item's media still lack
 * (media_accessible), the sentences the workflow will refuse to send
 * the item on with.
 */
#include "common.h"

#include "log.h"
#include "media.h"
#include "workflow.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

/* What the page says after a redirect (?xong=code). */
static const struct {
	const char *code;
	const char *text;
} done_notes[] = {
        {"tai-len", "Đã tải tệp lên và đưa vào tin, bài."},
        {"trung", "Tệp này đã có trong thư viện: đã đưa tệp có sẵn vào "
                  "tin, bài."},
        {"them", "Đã thêm tệp từ thư viện vào tin, bài."},
        {"cap-nhat", "Đã lưu thứ tự, chú thích và danh sách ảnh, tệp."},
        {"anh-dai-dien", "Đã đặt ảnh đại diện của tin, bài."},
};

/* The kinds an upload into an item of kind k may be: a photo item takes
 * photos, an audio or video item its recording, others anything but a
 * caption file (captions belong to a recording: its file page). */
static unsigned
upload_kinds(enum item_kind k)
{
	switch (k) {
	case ITEM_KIND_ANH:
		return 1u << MEDIA_IMAGE;
	case ITEM_KIND_AM_THANH:
		return 1u << MEDIA_AUDIO;
	case ITEM_KIND_VIDEO:
		return 1u << MEDIA_VIDEO;
	default:
		return ((1u << MEDIA_KIND__MAX) - 1) & ~(1u << MEDIA_CAPTION);
	}
}

static const char *
upload_hint(enum item_kind k)
{
	switch (k) {
	case ITEM_KIND_ANH:
		return "Tin ảnh chỉ nhận ảnh (JPEG, PNG, WebP, GIF).";
	case ITEM_KIND_AM_THANH:
		return "Tin âm thanh nhận tệp âm thanh (MP3, M4A, AAC, OGG, "
		       "WAV); phụ đề và bản ghi lời thêm ở trang của tệp.";
	case ITEM_KIND_VIDEO:
		return "Tin video nhận tệp video (MP4, WebM); phụ đề và bản "
		       "ghi lời thêm ở trang của tệp.";
	default:
		return "Nhận ảnh, âm thanh, video, PDF và tài liệu Word, "
		       "Excel, PowerPoint, OpenDocument.";
	}
}

/* The item of the route's :id as c's user may see it, or an error page
 * (false); with edit, WF_EDIT is required too (403 otherwise). */
static bool
load_item(struct req *r, struct resp *rs, struct admin_ctx *c, bool edit,
          struct wf_view *v)
{
	int64_t id;
	enum err e;

	if (!r->nparams || !web_parse_id(r->params[0], &id)) {
		http_error(r, rs, 404, "Không có tin, bài này.");
		return false;
	}
	if ((e = workflow_load(web_store, r->arena, &c->user, id, v)) !=
	    ERR_OK) {
		admin_media_item_fail(r, rs, e);
		return false;
	}
	if (edit && !(v->actions & WF_BIT(WF_EDIT))) {
		http_error(r, rs, 403,
		           "Anh/chị không được sửa ảnh, tệp của tin, bài này "
		           "ở trạng thái hiện tại.");
		return false;
	}
	return true;
}

/* The path of image m's largest JPEG variant: what the cover shows. */
static const char *
cover_path(struct arena *a, const struct media *m)
{
	const char *comma = strrchr(m->widths, ',');
	long w = strtol(comma ? comma + 1 : m->widths, NULL, 10);
	struct buf b = BUF_INIT;
	const char *s;

	if (w <= 0)
		return m->path;
	media_variant_path(&b, m, (int)w, IMAGE_JPEG);
	s = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return s;
}

/* An upload or choice the page re-shows with its problem. */
struct media_error {
	const char *msg;
	bool upload; /* the upload form's: keep what was typed */
};

static void
render(struct req *r, struct resp *rs, struct admin_ctx *c,
       const struct wf_view *v, const struct media_error *me)
{
	struct arena *a = r->arena;
	int64_t id = v->item.id;
	const char *base =
	        arena_printf(a, "/quan-tri/tin-bai/%lld/tep", (long long)id);
	struct tval *ctx = admin_ctx_view(
	        r, c, arena_printf(a, "Ảnh, tệp: %s", v->item.title), base);
	struct tval *rows = tv_list(a), *lacks = tv_list(a);
	const char *done = req_query(r, "xong");
	bool edit = (v->actions & WF_BIT(WF_EDIT)) != 0;
	struct item_media *im;
	struct media_lack lack;
	size_t n;
	enum err e;

	if ((e = media_album_work(web_store, a, id, &im, &n)) != ERR_OK ||
	    (e = media_accessible(web_store, a, &v->item, &lack)) != ERR_OK) {
		log_errx("media of item %lld: %s", (long long)id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct tval *row = admin_media_view(r, &im[i].m);
		bool image = im[i].m.kind == MEDIA_IMAGE;

		tv_set_int(row, "pos", (int64_t)i + 1);
		tv_set_str(row, "item_caption", im[i].caption);
		tv_set_bool(row, "is_first", i == 0);
		tv_set_bool(row, "is_last", i + 1 == n);
		tv_set_bool(row, "is_cover",
		            image && web_nonempty(v->item.cover_image) &&
		                    !strcmp(v->item.cover_image,
		                            cover_path(a, &im[i].m)));
		tv_push(rows, row);
	}
	for (size_t i = 0; i < lack.n; i++)
		tv_push(lacks, tv_str(a, lack.v[i]));

	tv_set(ctx, "tabs", admin_item_tabs(a, v, "on_media"));
	tv_set_int(ctx, "item_id", id);
	tv_set_str(ctx, "item_title", v->item.title);
	tv_set_bool(ctx, "is_album", v->item.kind == ITEM_KIND_ANH);
	tv_set(ctx, "rows", rows);
	tv_set_bool(ctx, "has_rows", n > 0);
	tv_set(ctx, "lacks", lacks);
	tv_set_bool(ctx, "has_lacks", lack.n > 0);
	tv_set_bool(ctx, "can_edit", edit);
	tv_set_str(ctx, "upload_hint", upload_hint(v->item.kind));
	tv_set_bool(ctx, "images_only", v->item.kind == ITEM_KIND_ANH);
	tv_set_str(
	        ctx, "library_url",
	        arena_printf(a, "/quan-tri/thu-vien?bai=%lld%s", (long long)id,
	                     v->item.kind == ITEM_KIND_ANH ? "&loai=anh" : ""));
	tv_set_bool(ctx, "has_cover", web_nonempty(v->item.cover_image));
	if (web_nonempty(v->item.cover_image))
		tv_set_str(ctx, "cover_url",
		           arena_printf(a, "/media/%s", v->item.cover_image));
	tv_set_str(ctx, "cover_alt",
	           v->item.cover_alt ? v->item.cover_alt : "");
	for (size_t i = 0; done && !me && i < ARRAY_SIZE(done_notes); i++)
		if (!strcmp(done, done_notes[i].code))
			tv_set_str(ctx, "done", done_notes[i].text);
	tv_set_bool(ctx, "has_error", me != NULL);
	tv_set_str(ctx, "error", me ? me->msg : "");
	tv_set_bool(ctx, "upload_error", me && me->upload);
	tv_set_bool(ctx, "list_error", me && !me->upload);
	tv_set_str(ctx, "alt",
	           me && me->upload ? admin_form_text(r, "alt") : "");
	tv_set_str(ctx, "caption",
	           me && me->upload ? admin_form_text(r, "chu_thich") : "");
	if (me)
		rs->status = 422;
	web_render(r, rs, "admin/item-media", ctx);
}

void
admin_item_media(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct wf_view v;

	if (load_item(r, rs, c, false, &v))
		render(r, rs, c, &v, NULL);
}

/* The album as it is, as entries media_album_edit takes, with room for
 * one more; the store's errors. */
static enum err
album_entries(struct req *r, int64_t item_id, struct media_album_entry **out,
              size_t *n)
{
	struct item_media *im;
	enum err e;

	if ((e = media_album_work(web_store, r->arena, item_id, &im, n)) !=
	    ERR_OK)
		return e;
	*out = arena_calloc(r->arena, *n + 1, sizeof(**out));
	for (size_t i = 0; i < *n; i++) {
		(*out)[i].media_id = im[i].media_id;
		(*out)[i].caption = im[i].caption;
	}
	return ERR_OK;
}

/* Appends medium mid (with caption) to the item's media.  ERR_INVALID
 * with *why as media_album_edit says. */
static enum err
album_append(struct req *r, struct admin_ctx *c, int64_t item_id, int64_t mid,
             const char *caption, const char **why)
{
	struct media_album_entry *v;
	struct audit_actor actor;
	size_t n;
	enum err e;

	*why = NULL;
	if ((e = album_entries(r, item_id, &v, &n)) != ERR_OK)
		return e;
	v[n].media_id = mid;
	v[n].caption = caption;
	admin_actor(r, c, &actor);
	return media_album_edit(web_store, r->arena, &c->user, &actor, item_id,
	                        v, n + 1, c->now, why);
}

static void
to_page(struct req *r, struct resp *rs, int64_t id, const char *done)
{
	resp_redirect(
	        rs, 303,
	        arena_printf(r->arena,
	                     "/quan-tri/tin-bai/%lld/tep?xong=%s#danh-sach",
	                     (long long)id, done));
}

/* The outcome of a change: 303 on success, the page with the problem
 * (422), or the error page. */
static void
finish(struct req *r, struct resp *rs, struct admin_ctx *c,
       const struct wf_view *v, enum err e, const char *why, bool upload,
       const char *done)
{
	struct media_error me = {why, upload};

	if (e == ERR_OK) {
		to_page(r, rs, v->item.id, done);
		return;
	}
	if (e == ERR_INVALID) {
		if (!me.msg)
			me.msg = "Dữ liệu không hợp lệ.";
		render(r, rs, c, v, &me);
		return;
	}
	if (e == ERR_NOTFOUND) {
		me.msg = "Tệp đã chọn không còn trong thư viện.";
		render(r, rs, c, v, &me);
		return;
	}
	admin_media_item_fail(r, rs, e);
}

void
admin_item_media_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *them = req_form(r, "them");
	const struct upload *up = admin_upload_get(r, "tep");
	const char *why = NULL;
	struct wf_view v;
	struct media m;
	int64_t mid;
	bool dup;
	enum err e;

	if (!load_item(r, rs, c, true, &v))
		return;
	/* A file chosen in the library. */
	if (them) {
		if (!web_parse_id(them, &mid)) {
			http_error(r, rs, 400, "Tệp đã chọn không hợp lệ.");
			return;
		}
		/* The library's rule: someone else's file only for those
		 * who see the whole library. */
		e = store_media_get(web_store, r->arena, mid, &m);
		if (e == ERR_OK && !media_may_see(&c->user, &m)) {
			http_error(r, rs, 403,
			           "Anh/chị chỉ thêm được tệp do mình tải lên "
			           "vào tin, bài.");
			return;
		}
		if (e == ERR_OK)
			e = album_append(r, c, v.item.id, mid, NULL, &why);
		finish(r, rs, c, &v, e, why, false, "them");
		return;
	}
	if (!up || (up->len == 0 && !web_nonempty(up->filename))) {
		finish(r, rs, c, &v, ERR_INVALID,
		       "Vui lòng chọn một tệp để tải lên.", true, NULL);
		return;
	}
	e = admin_media_take(r, c, up, upload_kinds(v.item.kind), &m, &dup,
	                     &why);
	if (e == ERR_INVALID) {
		finish(r, rs, c, &v, e, why, true, NULL);
		return;
	}
	if (e != ERR_OK) {
		http_error(r, rs, 500, why);
		return;
	}
	e = album_append(r, c, v.item.id, m.id, admin_form_text(r, "chu_thich"),
	                 &why);
	finish(r, rs, c, &v, e, why, true, dup ? "trung" : "tai-len");
}

/* True if id is one of v[0..n). */
static bool
listed(const struct media_album_entry *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].media_id == id)
			return true;
	return false;
}

void
admin_item_media_update(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct arena *a = r->arena;
	const char *up = req_form(r, "len"), *down = req_form(r, "xuong");
	struct media_album_entry *cur, *v;
	struct audit_actor actor;
	const char *why = NULL;
	struct wf_view wv;
	size_t ncur, n = 0;
	int64_t mv = 0;
	bool go_up;
	enum err e;

	if (!load_item(r, rs, c, true, &wv))
		return;
	if ((e = album_entries(r, wv.item.id, &cur, &ncur)) != ERR_OK) {
		admin_media_item_fail(r, rs, e);
		return;
	}
	v = arena_calloc(a, ncur + 1, sizeof(*v));
	/* The order the page showed, of the media still there: a file
	 * someone else removed meanwhile is not brought back... */
	for (size_t i = 0; i < r->form.n; i++) {
		const struct kv *kv = &r->form.v[i];
		int64_t id;

		if (strcmp(kv->key, "tep") || !web_parse_id(kv->val, &id) ||
		    !listed(cur, ncur, id) || listed(v, n, id))
			continue;
		v[n++].media_id = id;
	}
	/* ...and one someone else added meanwhile is kept, at the end. */
	for (size_t i = 0; i < ncur; i++)
		if (!listed(v, n, cur[i].media_id))
			v[n++] = cur[i];
	/* Captions as typed; the ones the page did not show stay. */
	for (size_t i = 0; i < n; i++) {
		const char *key = arena_printf(a, "chu_thich_%lld",
		                               (long long)v[i].media_id);
		const char *cap = req_form(r, key);

		if (cap)
			v[i].caption = admin_form_text(r, key);
		else if (!v[i].caption)
			for (size_t k = 0; k < ncur; k++)
				if (cur[k].media_id == v[i].media_id)
					v[i].caption = cur[k].caption;
	}
	/* One step up or down: the button pressed. */
	go_up = up && web_parse_id(up, &mv);
	if (go_up || (down && web_parse_id(down, &mv)))
		for (size_t i = 0; i < n; i++) {
			struct media_album_entry t;
			size_t j;

			if (v[i].media_id != mv)
				continue;
			if (go_up ? i == 0 : i + 1 == n)
				break;
			j = go_up ? i - 1 : i + 1;
			t = v[i];
			v[i] = v[j];
			v[j] = t;
			break;
		}
	/* Removals last, so the positions above are the page's. */
	for (size_t i = 0; i < n;) {
		const char *key =
		        arena_printf(a, "bo_%lld", (long long)v[i].media_id);

		if (req_form(r, key)) {
			memmove(&v[i], &v[i + 1], (n - i - 1) * sizeof(*v));
			n--;
		} else {
			i++;
		}
	}
	admin_actor(r, c, &actor);
	e = media_album_edit(web_store, a, &c->user, &actor, wv.item.id, v, n,
	                     c->now, &why);
	finish(r, rs, c, &wv, e, why, false, "cap-nhat");
}

void
admin_item_media_cover(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct arena *a = r->arena;
	const char *anh = req_form(r, "anh");
	struct item_media *im;
	const struct media *m = NULL;
	struct item_revision rv;
	struct audit_actor actor;
	struct wf_draft d;
	struct wf_view v;
	int64_t mid;
	size_t n;
	enum err e;

	if (!load_item(r, rs, c, true, &v))
		return;
	if (!anh || !web_parse_id(anh, &mid)) {
		http_error(r, rs, 400, "Ảnh đã chọn không hợp lệ.");
		return;
	}
	if ((e = media_album_work(web_store, a, v.item.id, &im, &n)) !=
	    ERR_OK) {
		admin_media_item_fail(r, rs, e);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (im[i].media_id == mid)
			m = &im[i].m;
	if (!m || m->kind != MEDIA_IMAGE) {
		struct media_error me = {
		        "Ảnh đại diện phải là một ảnh của tin, bài này.",
		        false};

		render(r, rs, c, &v, &me);
		return;
	}
	/*
	 * A save in which every text but the cover is NULL, so it stays as
	 * it is; times and flags are always taken as given, so they are
	 * passed as they are now (a correction's from its own revision,
	 * which the save builds on).
	 */
	memset(&d, 0, sizeof(d));
	d.kind = v.item.kind;
	d.cover_image = cover_path(a, m);
	d.cover_alt = m->alt;
	d.source_date = v.item.source_date;
	if (v.flow.pending_rev &&
	    store_revision_get(web_store, a, v.item.id, v.flow.pending_rev,
	                       &rv) == ERR_OK)
		d.source_date = rv.source_date;
	d.cited = v.flow.cited;
	d.event_ended_at = v.flow.event_ended_at;
	d.doc_issued_at = v.flow.doc_issued_at;
	admin_actor(r, c, &actor);
	e = workflow_save(web_store, &c->user, &actor, v.item.id, &d,
	                  "Đặt ảnh đại diện", c->now, NULL);
	finish(r, rs, c, &v, e,
	       e == ERR_INVALID ? "Không đặt được ảnh đại diện cho tin, bài "
	                          "này."
	                        : NULL,
	       false, "anh-dai-dien");
}
