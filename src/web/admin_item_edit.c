/*
 * The item editor of the newsroom (issue 4 items 3 and 4): writing a new
 * item, saving an item as its next revision, and the conversion service
 * the editor's paste handler calls for text in a legacy Vietnamese
 * encoding.
 *
 * The guard (admin.c) has checked the session, the route's permission
 * and, on POST, the form token before any of these runs.  Who may edit
 * which item in which state is the domain's (workflow.c): the edit pages
 * ask workflow_load for WF_EDIT and workflow_save checks again inside
 * its transaction.  The body reaches the database only through the
 * domain, which sanitises it (sanitize.c); this file sanitises it once
 * more only to tell the writer, next to the field, that it cannot be
 * saved.
 *
 * Text in TCVN3, VNI or VIQR (Điều 3: Unicode TCVN 6909:2001) is
 * converted here, before the domain sees it: each text field and the
 * text of the body, whether typed, pasted without the editor's script or
 * read from an uploaded .txt file.  The writer is told which encoding
 * was converted, on the form or, after a save, through the redirect's
 * ?chuyen-ma= query.
 *
 * Nothing the writer typed is lost on an error: every refusal renders
 * the form again with the values as sent (converted, if they were) and
 * the messages, each next to its field.
 */
#include "common.h"

#include <inttypes.h>

#include "catalog.h"
#include "log.h"
#include "role.h"
#include "sanitize.h"
#include "utf8.h"
#include "vnlegacy.h"
#include "vntime.h"
#include "workflow.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"
#include "admin_item_form.h"

#define ITEM_NEW_PATH "/quan-tri/tin-bai/moi"
#define ITEM_PATH "/quan-tri/tin-bai/"
/* Largest text the paste conversion takes (vnlegacy_detect reads at most
 * 256 KiB anyway). */
#define ITEM_CONVERT_MAX ((size_t)256 << 10)
/* A field's detection below this confidence that it is Unicode may take
 * the encoding found elsewhere in the same form (see convert_fields). */
#define ITEM_UNSURE_CONFIDENCE 50

static const char denied_edit_message[] =
        "Anh/chị không thể sửa tin, bài này: chỉ người được giao xử lý "
        "mới sửa được, và chỉ khi tin, bài đang ở bước cho phép sửa.";
static const char denied_view_message[] =
        "Anh/chị không có quyền xem tin, bài này.";
static const char notfound_message[] = "Không tìm thấy tin, bài này.";
static const char invalid_message[] =
        "Không lưu được tin, bài: vui lòng kiểm tra lại các mục đã nhập.";

/* ---- the form ---- */

enum ifield {
	IF_KIND,
	IF_SECTION,
	IF_TITLE,
	IF_SUMMARY,
	IF_BODY,
	IF_AUTHOR,
	IF_SOURCE,
	IF_SOURCE_DATE,
	IF_SENDER_NAME,
	IF_SENDER_AGENCY,
	IF_SENDER_TITLE,
	IF_SENDER_CONTACT,
	IF_EVENT_ENDED,
	IF_DOC_ISSUED,
	IF_NOTE,
	IF_TEXT_FILE,
	IF__MAX
};

/* A field: its form name (also the input's id), the name a message
 * calls it by, its limit in characters (0: none here) and whether its
 * text is checked for a legacy encoding. */
struct ifield_def {
	const char *key;
	const char *name;
	size_t max;
	bool legacy;
};

static const struct ifield_def ifields[IF__MAX] = {
        [IF_KIND] = {"loai", "loại tin, bài", 0, false},
        [IF_SECTION] = {"chuyen_muc", "chuyên mục", 0, false},
        [IF_TITLE] = {"tieu_de", "tiêu đề", 300, true},
        [IF_SUMMARY] = {"tom_tat", "tóm tắt", 2000, true},
        [IF_BODY] = {"noi_dung", "nội dung", 0, true},
        [IF_AUTHOR] = {"tac_gia", "tác giả", 200, true},
        [IF_SOURCE] = {"nguon", "nguồn", 300, true},
        [IF_SOURCE_DATE] = {"ngay_nguon", "ngày của nguồn", 0, false},
        [IF_SENDER_NAME] = {"nguoi_gui", "họ tên người gửi", 200, true},
        [IF_SENDER_AGENCY] = {"co_quan_gui", "cơ quan, đơn vị", 300, true},
        [IF_SENDER_TITLE] = {"chuc_vu_gui", "chức vụ", 200, true},
        [IF_SENDER_CONTACT] = {"lien_he_gui", "điện thoại hoặc địa chỉ", 300,
                               true},
        [IF_EVENT_ENDED] = {"ket_thuc_su_kien", "thời điểm kết thúc sự kiện", 0,
                            false},
        [IF_DOC_ISSUED] = {"ngay_ban_hanh", "ngày ban hành văn bản", 0, false},
        [IF_NOTE] = {"ghi_chu", "ghi chú", 500, true},
        [IF_TEXT_FILE] = {"tep_van_ban", "tệp văn bản", 0, false},
};

struct item_form {
	bool edit;
	int64_t id;       /* edit: the item */
	int64_t base_rev; /* edit: the revision the form was opened on */
	const char *value[IF__MAX]; /* as typed (trimmed, NFC, converted) */
	const char *error[IF__MAX]; /* NULL: fine */
	size_t nerrors;
	const char *message; /* about the whole form; NULL: none */
	bool cited;
	bool show_sender;
	enum item_kind kind;
	int64_t category_id;
	time_t source_date, event_ended_at, doc_issued_at;
	enum vnlegacy_enc converted; /* the first encoding converted */
	bool conv[IF__MAX];          /* the fields it was converted in */
	const char *item_title;      /* edit: the saved title, for the tabs */
};

static void
form_error(struct item_form *f, enum ifield i, const char *msg)
{
	if (f->error[i])
		return;
	f->error[i] = msg;
	f->nerrors++;
}

/* True if the account writes from outside the Board, its Secretariat
 * and the Office: its new items are contributions (Điều 9.1.c), as the
 * domain decides in workflow_create. */
static bool
writes_contributions(const struct user *u)
{
	const unsigned inside =
	        ROLE_BIT(ROLE_BOARD_HEAD) | ROLE_BIT(ROLE_BOARD_DEPUTY) |
	        ROLE_BIT(ROLE_BOARD_MEMBER) | ROLE_BIT(ROLE_SECRETARIAT) |
	        ROLE_BIT(ROLE_OFFICE);

	return !(user_roles(u) & inside);
}

/* ---- times as the inputs show them (Asia/Ho_Chi_Minh) ---- */

static const char *
ymd_value(struct arena *a, time_t t)
{
	return t ? web_time(a, t, VNTIME_YMD) : "";
}

/* "yyyy-mm-ddThh:mm", the value of an input type=datetime-local. */
static const char *
local_value(struct arena *a, time_t t)
{
	if (!t)
		return "";
	return arena_printf(a, "%sT%s", web_time(a, t, VNTIME_YMD),
	                    web_time(a, t, VNTIME_TIME));
}

/* Parses "yyyy-mm-dd" (or dd/mm/yyyy) as local midnight. */
static bool
parse_day(const char *s, time_t *out)
{
	return vntime_parse_date(s, out);
}

/* ---- legacy encodings ---- */

/* Records that field i was converted from enc. */
static void
note_converted(struct item_form *f, enum ifield i, enum vnlegacy_enc enc)
{
	if (f->converted == VNLEGACY_NONE)
		f->converted = enc;
	f->conv[i] = true;
}

/* The decoded text of in[0..len) in enc, in the arena; NULL if it cannot
 * be decoded. */
static const char *
decode_to(struct arena *a, enum vnlegacy_enc enc, const char *in, size_t len)
{
	struct buf b = BUF_INIT;
	const char *s = NULL;

	if (vnlegacy_decode(enc, in, len, &b) == ERR_OK)
		s = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return s;
}

/*
 * Converts every text field (and the body's text) that is in a legacy
 * encoding.  Each field is judged on its own first, so a title typed in
 * Unicode stays as it is beside a body pasted in TCVN3.  A short field
 * (a name, a date of a source) may be too short for the detector to be
 * sure; once another field of the same form was found in an encoding, a
 * field the detector thought might be legacy (low confidence that it is
 * Unicode) and that is made only of what that encoding can produce is
 * converted too.
 */
static void
convert_fields(struct req *r, struct item_form *f, bool body_done)
{
	bool unsure[IF__MAX] = {false};

	for (int i = 0; i < IF__MAX; i++) {
		const char *v = f->value[i], *nv;
		enum vnlegacy_enc enc;
		struct buf b = BUF_INIT;
		int conf = 100;

		if (!ifields[i].legacy || !web_nonempty(v))
			continue;
		if (i == IF_BODY) {
			if (!body_done &&
			    item_convert_html(r->arena, v, &nv, &enc)) {
				f->value[i] = nv;
				note_converted(f, (enum ifield)i, enc);
			}
			continue;
		}
		if (vnlegacy_fix(v, strlen(v), &b, &enc)) {
			f->value[i] = arena_strndup(r->arena, b.p, b.len);
			note_converted(f, (enum ifield)i, enc);
		} else {
			(void)vnlegacy_detect(v, strlen(v), &conf);
			unsure[i] = conf < ITEM_UNSURE_CONFIDENCE;
		}
		buf_release(&b);
	}
	if (f->converted == VNLEGACY_NONE)
		return;
	for (int i = 0; i < IF__MAX; i++) {
		const char *v = f->value[i], *nv;
		enum vnlegacy_enc enc = f->converted;

		if (!unsure[i] || f->conv[i])
			continue;
		/* Only the cp1252 shapes: VIQR marks in a lone name are too
		 * easily plain punctuation. */
		if (enc == VNLEGACY_TCVN3)
			enc = VNLEGACY_TCVN3_CP1252;
		else if (enc == VNLEGACY_VNI)
			enc = VNLEGACY_VNI_CP1252;
		if ((enc != VNLEGACY_TCVN3_CP1252 &&
		     enc != VNLEGACY_VNI_CP1252) ||
		    !item_cp1252_shaped(v))
			continue;
		if ((nv = decode_to(r->arena, enc, v, strlen(v))) != NULL) {
			f->value[i] = nv;
			f->conv[i] = true;
		}
	}
}

/* The sentence that tells the writer what was converted. */
static const char *
converted_notice(struct arena *a, const struct item_form *f)
{
	struct buf b = BUF_INIT;
	const char *s;
	bool first = true;

	if (f->converted == VNLEGACY_NONE)
		return NULL;
	buf_adds(&b, "Đã chuyển ");
	for (int i = 0; i < IF__MAX; i++) {
		if (!f->conv[i])
			continue;
		buf_adds(&b, first ? "" : ", ");
		buf_adds(&b, ifields[i].name);
		first = false;
	}
	buf_addf(&b,
	         " từ bảng mã %s sang Unicode. Vui lòng đọc lại trước khi "
	         "gửi đi.",
	         vnlegacy_name(f->converted));
	s = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return s;
}

static const struct upload *
find_upload(const struct req *r, const char *field)
{
	for (size_t i = 0; i < r->nuploads; i++)
		if (!strcmp(r->uploads[i].field, field) && r->uploads[i].len)
			return &r->uploads[i];
	return NULL;
}

/* ---- reading and checking a posted form ---- */

static void
check_length(struct item_form *f, struct arena *a, enum ifield i)
{
	const char *v = f->value[i];

	if (!ifields[i].max || !v)
		return;
	if (utf8_count(v, strlen(v)) > ifields[i].max)
		form_error(f, i,
		           arena_printf(a, "Mục %s dài quá %zu ký tự.",
		                        ifields[i].name, ifields[i].max));
}

/* Reads the posted form into f and checks it; f->nerrors tells whether
 * it may go to the domain. */
static void
form_read(struct req *r, struct item_form *f, const struct catalog *cat)
{
	const struct upload *up;
	bool body_done = false;
	const char *v;
	int64_t id;

	for (int i = 0; i < IF__MAX; i++)
		f->value[i] = admin_form_text(r, ifields[i].key);
	f->cited = web_nonempty(req_form(r, "trich_dan"));

	/* A text file replaces the body typed in the box. */
	if ((up = find_upload(r, ifields[IF_TEXT_FILE].key)) != NULL) {
		enum vnlegacy_enc enc;
		const char *err, *html = item_text_file(r->arena, up->data,
		                                        up->len, &enc, &err);

		if (!html) {
			form_error(f, IF_TEXT_FILE, err);
		} else {
			f->value[IF_BODY] = html;
			body_done = true;
			if (enc != VNLEGACY_NONE)
				note_converted(f, IF_BODY, enc);
		}
	}
	convert_fields(r, f, body_done);

	if (!item_kind_from_code(f->value[IF_KIND], &f->kind))
		form_error(f, IF_KIND, "Vui lòng chọn loại tin, bài.");
	if (!web_parse_id(f->value[IF_SECTION], &id) ||
	    !catalog_find_id(cat, id))
		form_error(f, IF_SECTION, "Vui lòng chọn chuyên mục.");
	else
		f->category_id = id;
	if (!*f->value[IF_TITLE])
		form_error(f, IF_TITLE, "Vui lòng nhập tiêu đề.");
	for (int i = 0; i < IF__MAX; i++)
		check_length(f, r->arena, (enum ifield)i);

	v = f->value[IF_SOURCE_DATE];
	if (*v && !parse_day(v, &f->source_date))
		form_error(f, IF_SOURCE_DATE,
		           "Ngày của nguồn không hợp lệ; vui lòng nhập theo "
		           "dạng ngày/tháng/năm.");
	v = f->value[IF_DOC_ISSUED];
	if (*v && !parse_day(v, &f->doc_issued_at))
		form_error(f, IF_DOC_ISSUED,
		           "Ngày ban hành không hợp lệ; vui lòng nhập theo "
		           "dạng ngày/tháng/năm.");
	v = f->value[IF_EVENT_ENDED];
	if (*v && !vntime_parse_local(v, &f->event_ended_at))
		form_error(f, IF_EVENT_ENDED,
		           "Thời điểm kết thúc sự kiện không hợp lệ; vui lòng "
		           "nhập ngày và giờ.");

	/* The domain sanitises the body again and has the last word; this
	 * puts the refusal next to the field. */
	v = f->value[IF_BODY];
	if (*v) {
		struct buf b = BUF_INIT;

		if (sanitize_html(&b, v, strlen(v), NULL, NULL) != ERR_OK)
			form_error(f, IF_BODY,
			           "Nội dung quá dài hoặc có cấu trúc lồng "
			           "nhau quá sâu nên không lưu được.");
		buf_release(&b);
	}
}

/* The draft the domain takes from a checked form. */
static void
form_draft(const struct item_form *f, struct wf_draft *d)
{
	memset(d, 0, sizeof(*d));
	d->kind = f->kind;
	d->category_id = f->category_id;
	d->title = f->value[IF_TITLE];
	d->summary = f->value[IF_SUMMARY];
	d->body_html = f->value[IF_BODY];
	d->author_name = f->value[IF_AUTHOR];
	d->source = f->value[IF_SOURCE];
	d->source_date = f->source_date;
	d->cited = f->cited;
	/* Hidden sender fields keep what the item has (NULL); a new
	 * item's empty ones take the account's details (workflow.c). */
	if (f->show_sender) {
		d->sender_name = f->value[IF_SENDER_NAME];
		d->sender_agency = f->value[IF_SENDER_AGENCY];
		d->sender_title = f->value[IF_SENDER_TITLE];
		d->sender_contact = f->value[IF_SENDER_CONTACT];
	}
	d->event_ended_at = f->event_ended_at;
	d->doc_issued_at = f->doc_issued_at;
}

/* ---- rendering ---- */

static struct tval *
kinds_view(struct arena *a, const struct item_form *f)
{
	struct tval *l = tv_list(a);

	for (int k = 0; k < ITEM_KIND__MAX; k++) {
		struct tval *m = tv_map(a);

		tv_set_str(m, "code", item_kind_code((enum item_kind)k));
		tv_set_str(m, "name", web_kind_name((enum item_kind)k));
		tv_set_bool(m, "selected",
		            !strcmp(f->value[IF_KIND],
		                    item_kind_code((enum item_kind)k)));
		tv_push(l, m);
	}
	return l;
}

/* Every section in tree order, indented by depth; a hidden one (or one
 * under a hidden one) says so, since its items are not shown. */
static struct tval *
sections_view(struct arena *a, const struct catalog *cat,
              const struct item_form *f)
{
	struct tval *l = tv_list(a);

	for (size_t i = 0; i < cat->nall; i++) {
		const struct cat_node *n = cat->all[i];
		struct tval *m = tv_map(a);
		struct buf b = BUF_INIT;

		for (int d = 0; d < n->depth; d++)
			buf_adds(&b, "— ");
		buf_adds(&b, n->c.name);
		if (!web_cat_visible(n))
			buf_adds(&b, " (đang ẩn)");
		tv_set_int(m, "id", n->c.id);
		tv_set(m, "name",
		       tv_strn(a, arena_strndup(a, b.p, b.len), b.len));
		tv_set_bool(m, "selected", n->c.id == f->category_id);
		tv_push(l, m);
		buf_release(&b);
	}
	return l;
}

static struct tval *
form_view(struct req *r, const struct item_form *f, const struct catalog *cat)
{
	struct arena *a = r->arena;
	struct tval *v = tv_map(a), *errors = tv_list(a);

	for (int i = 0; i < IF__MAX; i++) {
		struct tval *m = tv_map(a);

		tv_set_str(m, "value", f->value[i] ? f->value[i] : "");
		if (f->error[i]) {
			struct tval *e = tv_map(a);

			tv_set_str(m, "error", f->error[i]);
			tv_set_str(e, "key", ifields[i].key);
			tv_set_str(e, "message", f->error[i]);
			tv_push(errors, e);
		}
		tv_set(v, ifields[i].key, m);
	}
	tv_set(v, "errors", errors);
	tv_set_bool(v, "has_errors", f->nerrors > 0);
	tv_set_bool(v, "has_message", f->message != NULL);
	tv_set_str(v, "message", f->message ? f->message : "");
	tv_set(v, "kinds", kinds_view(a, f));
	tv_set(v, "sections", sections_view(a, cat, f));
	tv_set_bool(v, "cited", f->cited);
	tv_set_bool(v, "show_sender", f->show_sender);
	tv_set_bool(v, "edit", f->edit);
	tv_set_int(v, "base_rev", f->base_rev);
	return v;
}

/* Renders the new or edit page with f; status is 200, 409 or 422. */
static void
render_form(struct req *r, struct resp *rs, struct admin_ctx *c,
            const struct item_form *f, const char *notice, int status)
{
	struct catalog *cat = catalog_get();
	const char *path =
	        f->edit ? arena_printf(r->arena, ITEM_PATH "%" PRId64 "/sua",
	                               f->id)
	                : ITEM_NEW_PATH;
	struct tval *ctx = admin_ctx_view(
	        r, c, f->edit ? "Sửa tin, bài" : "Viết tin, bài", path);

	tv_set(ctx, "f", form_view(r, f, cat));
	tv_set_str(ctx, "action", path);
	tv_set_bool(ctx, "has_notice", notice != NULL);
	tv_set_str(ctx, "notice", notice ? notice : "");
	if (f->edit) {
		struct tval *tabs = tv_map(r->arena);

		tv_set_int(tabs, "id", f->id);
		tv_set_str(tabs, "title", f->item_title ? f->item_title : "");
		tv_set_bool(tabs, "can_edit", true);
		tv_set_bool(tabs, "on_edit", true);
		tv_set(ctx, "tabs", tabs);
		web_render(r, rs, "admin/item-edit", ctx);
	} else {
		tv_set_bool(ctx, "nav_write", true);
		web_render(r, rs, "admin/item-new", ctx);
	}
	catalog_put(cat);
	if (rs->status == 200)
		rs->status = status;
}

/* Renders a posted form again (status 409 or 422), telling the writer
 * what the paste conversion changed, so nothing is lost unnoticed. */
static void
render_posted(struct req *r, struct resp *rs, struct admin_ctx *c,
              const struct item_form *f, int status)
{
	render_form(r, rs, c, f, converted_notice(r->arena, f), status);
}

const char *
admin_item_legacy_notice(struct req *r)
{
	const char *q = req_query(r, "chuyen-ma");

	if (!q)
		return NULL;
	for (int e = 0; e < VNLEGACY__MAX; e++)
		if (vnlegacy_is_legacy((enum vnlegacy_enc)e) &&
		    !strcmp(q, vnlegacy_name((enum vnlegacy_enc)e)))
			return arena_printf(r->arena,
			                    "Đã chuyển văn bản từ bảng mã %s "
			                    "sang Unicode. Vui lòng đọc lại "
			                    "trước khi gửi đi.",
			                    q);
	return NULL;
}

/* Where a successful save goes: the item's page, with what to tell. */
static const char *
after_path(struct req *r, int64_t id, const char *done,
           const struct item_form *f)
{
	struct buf b = BUF_INIT;
	const char *s;
	char sep = '?';

	buf_addf(&b, ITEM_PATH "%" PRId64, id);
	if (done) {
		buf_addf(&b, "?xong=%s", done);
		sep = '&';
	}
	if (f->converted != VNLEGACY_NONE) {
		const char *name = vnlegacy_name(f->converted);

		buf_addf(&b, "%cchuyen-ma=", sep);
		buf_add_url(&b, name, strlen(name));
	}
	s = arena_strndup(r->arena, b.p, b.len);
	buf_release(&b);
	return s;
}

/* ---- new item ---- */

void
admin_item_new_form(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct item_form f = {.kind = ITEM_KIND_TIN};
	const struct user *u = &c->user;

	for (int i = 0; i < IF__MAX; i++)
		f.value[i] = "";
	f.value[IF_KIND] = item_kind_code(ITEM_KIND_TIN);
	f.value[IF_AUTHOR] = u->full_name;
	/* Điều 9.1.c: a contribution names its sender; the account's
	 * details are the likely answer, and the writer may change them. */
	f.show_sender = writes_contributions(u);
	if (f.show_sender) {
		f.value[IF_SENDER_NAME] = u->full_name;
		f.value[IF_SENDER_AGENCY] = admin_unit_name(r, u->unit_id);
		f.value[IF_SENDER_TITLE] = u->title ? u->title : "";
		f.value[IF_SENDER_CONTACT] = u->phone ? u->phone : "";
	}
	render_form(r, rs, c, &f, NULL, 200);
}

void
admin_item_new_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct item_form f = {.kind = ITEM_KIND_TIN};
	struct audit_actor au;
	struct wf_draft d;
	struct catalog *cat = catalog_get();
	int64_t id = 0;
	enum err e;

	f.show_sender = writes_contributions(&c->user);
	form_read(r, &f, cat);
	catalog_put(cat);
	if (f.nerrors) {
		render_posted(r, rs, c, &f, 422);
		return;
	}
	form_draft(&f, &d);
	admin_actor(r, c, &au);
	e = workflow_create(web_store, &c->user, &au, &d, c->now, &id);
	switch (e) {
	case ERR_OK:
		resp_redirect(rs, 303, after_path(r, id, NULL, &f));
		return;
	case ERR_INVALID:
		f.message = invalid_message;
		render_posted(r, rs, c, &f, 422);
		return;
	case ERR_DENIED:
		http_error(r, rs, 403,
		           "Tài khoản của anh/chị không có quyền viết tin, "
		           "bài.");
		return;
	default:
		log_errx("cannot create an item for user %lld: %s",
		         (long long)c->user.id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
}

/* ---- editing ---- */

/* Answers a failure of workflow_load or workflow_save. */
static void
item_fail(struct req *r, struct resp *rs, enum err e)
{
	switch (e) {
	case ERR_NOTFOUND:
		http_error(r, rs, 404, notfound_message);
		break;
	case ERR_DENIED:
		http_error(r, rs, 403, denied_view_message);
		break;
	case ERR_CONFLICT:
		http_error(r, rs, 409, admin_item_conflict_message);
		break;
	default:
		web_fail(r, rs, e);
		break;
	}
}

/*
 * Loads item :id for editing into v: 404 for an unknown item, 403 unless
 * c's user may see it and edit it now.  During a correction the form
 * edits the pending revision, not the live text (workflow.h).  Returns
 * false when it has answered.
 */
static bool
edit_load(struct req *r, struct resp *rs, struct admin_ctx *c,
          struct wf_view *v)
{
	int64_t id;
	enum err e;

	if (!web_parse_id(r->params[0], &id)) {
		http_error(r, rs, 404, notfound_message);
		return false;
	}
	if ((e = workflow_load(web_store, r->arena, &c->user, id, v)) !=
	    ERR_OK) {
		item_fail(r, rs, e);
		return false;
	}
	if (!(v->actions & WF_BIT(WF_EDIT))) {
		http_error(r, rs, 403, denied_edit_message);
		return false;
	}
	/* The live row if the pending revision cannot be read. */
	(void)workflow_working_copy(web_store, r->arena, &v->flow, &v->item);
	return true;
}

static const char *
nz(const char *s)
{
	return s ? s : "";
}

void
admin_item_edit_form(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct item_form f = {.edit = true};
	struct wf_view v;

	if (!edit_load(r, rs, c, &v))
		return;
	f.id = v.item.id;
	f.base_rev = v.flow.revision;
	f.item_title = v.item.title;
	f.kind = v.item.kind;
	f.category_id = v.item.category_id;
	f.cited = v.flow.cited;
	f.show_sender = v.flow.contribution;
	for (int i = 0; i < IF__MAX; i++)
		f.value[i] = "";
	f.value[IF_KIND] = nz(item_kind_code(v.item.kind));
	f.value[IF_TITLE] = nz(v.item.title);
	f.value[IF_SUMMARY] = nz(v.item.summary);
	f.value[IF_BODY] = nz(v.item.body_html);
	f.value[IF_AUTHOR] = nz(v.item.author_name);
	f.value[IF_SOURCE] = nz(v.item.source);
	f.value[IF_SOURCE_DATE] = ymd_value(r->arena, v.item.source_date);
	f.value[IF_SENDER_NAME] = nz(v.flow.sender_name);
	f.value[IF_SENDER_AGENCY] = nz(v.flow.sender_agency);
	f.value[IF_SENDER_TITLE] = nz(v.flow.sender_title);
	f.value[IF_SENDER_CONTACT] = nz(v.flow.sender_contact);
	f.value[IF_EVENT_ENDED] = local_value(r->arena, v.flow.event_ended_at);
	f.value[IF_DOC_ISSUED] = ymd_value(r->arena, v.flow.doc_issued_at);
	render_form(r, rs, c, &f, admin_item_legacy_notice(r), 200);
}

void
admin_item_edit_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct item_form f = {.edit = true};
	struct audit_actor au;
	struct wf_draft d;
	struct wf_view v;
	struct catalog *cat;
	int64_t base = 0;
	enum err e;

	if (!edit_load(r, rs, c, &v))
		return;
	f.id = v.item.id;
	f.item_title = v.item.title;
	f.show_sender = v.flow.contribution;
	cat = catalog_get();
	form_read(r, &f, cat);
	catalog_put(cat);
	f.base_rev = v.flow.revision;
	if (web_parse_id(req_form(r, "phien_ban"), &base))
		f.base_rev = base;
	if (f.nerrors) {
		render_posted(r, rs, c, &f, 422);
		return;
	}
	/* Someone saved since this form was opened: saving now would
	 * silently undo their revision.  The writer keeps the text and
	 * decides (the revisions page compares the two). */
	if (base && base != v.flow.revision) {
		f.message = "Tin, bài đã được người khác lưu phiên bản mới "
		            "sau khi anh/chị mở trang này. Nội dung anh/chị "
		            "vừa nhập vẫn còn bên dưới; vui lòng xem phiên "
		            "bản mới rồi lưu lại.";
		f.base_rev = v.flow.revision;
		render_posted(r, rs, c, &f, 409);
		return;
	}
	form_draft(&f, &d);
	admin_actor(r, c, &au);
	e = workflow_save(web_store, &c->user, &au, f.id, &d, f.value[IF_NOTE],
	                  c->now, NULL);
	switch (e) {
	case ERR_OK:
		resp_redirect(rs, 303, after_path(r, f.id, "save", &f));
		return;
	case ERR_INVALID:
		f.message = invalid_message;
		render_posted(r, rs, c, &f, 422);
		return;
	case ERR_DENIED:
		http_error(r, rs, 403, denied_edit_message);
		return;
	case ERR_CONFLICT:
		http_error(r, rs, 409, admin_item_conflict_message);
		return;
	default:
		log_errx("cannot save item %lld for user %lld: %s",
		         (long long)f.id, (long long)c->user.id, err_str(e));
		item_fail(r, rs, e);
		return;
	}
}

/* ---- the paste conversion (JSON) ---- */

static void
json_error(struct resp *rs, const char *msg)
{
	rs->status = 400;
	rs->content_type = "application/json; charset=utf-8";
	buf_reset(&rs->body);
	buf_adds(&rs->body, "{\"error\":");
	buf_add_json_str(&rs->body, msg, strlen(msg));
	buf_adds(&rs->body, "}\n");
}

/*
 * POST /quan-tri/chuyen-ma, fields csrf and text (a form, so that the
 * guard checks its token as for every POST): answers
 * {"text", "encoding", "notice"}, the text converted to Unicode NFC with
 * the encoding's name and the sentence for the writer, or the text as
 * sent (NFC) with null for both when it is not in a legacy encoding.
 */
void
admin_item_convert(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *t = req_form(r, "text");
	struct buf out = BUF_INIT, nfc = BUF_INIT;
	enum vnlegacy_enc enc = VNLEGACY_NONE;
	bool fixed;
	size_t len;

	(void)c;
	if (!t) {
		json_error(rs, "Thiếu văn bản cần chuyển mã.");
		return;
	}
	len = strlen(t);
	if (len > ITEM_CONVERT_MAX) {
		json_error(rs, "Văn bản quá dài để chuyển mã (tối đa 256 KB).");
		return;
	}
	fixed = vnlegacy_fix(t, len, &out, &enc);
	if (!fixed && utf8_nfc(&nfc, t, len) != 0) {
		json_error(rs, "Văn bản không hợp lệ.");
		goto out;
	}
	rs->content_type = "application/json; charset=utf-8";
	buf_adds(&rs->body, "{\"text\":");
	if (fixed)
		buf_add_json_str(&rs->body, out.p, out.len);
	else
		buf_add_json_str(&rs->body, nfc.p, nfc.len);
	buf_adds(&rs->body, ",\"encoding\":");
	if (fixed) {
		const char *name = vnlegacy_name(enc);
		const char *notice = vnlegacy_notice(enc);

		buf_add_json_str(&rs->body, name, strlen(name));
		buf_adds(&rs->body, ",\"notice\":");
		buf_add_json_str(&rs->body, notice, strlen(notice));
	} else {
		buf_adds(&rs->body, "null,\"notice\":null");
	}
	buf_adds(&rs->body, "}\n");
out:
	buf_release(&out);
	buf_release(&nfc);
}
