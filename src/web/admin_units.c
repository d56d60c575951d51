/*
 * The IT administrator's pages for units (issue 3 items 1, 4; Điều 8.1:
 * each unit's address, phone, fax and e-mail; Điều 9.1.a: its focal
 * point): the list, adding, editing and closing a unit.
 *
 * The guard (admin.c) has checked the session, the IT administrator's
 * role and, on POST, the form token before any of these runs.  The rules
 * that protect the data (an open parent, no parent loop, moving people
 * before a close) and the audit entries are the domain's (unit.c); this
 * file checks the form so that each mistake gets its own Vietnamese
 * message, and the domain's ERR_INVALID remains the last word.
 *
 * A closed unit is kept in history (district-level government was
 * abolished in 2025) and is read-only here: its record is what the
 * history of its people refers to.  Every change redirects (303) to the
 * unit's page, so the back button and a reload never post twice.
 */
#include "common.h"

#include "log.h"
#include "unit.h"
#include "user.h"
#include "utf8.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

#define UNITS_PATH "/quan-tri/don-vi"
#define UNIT_POSITION_MAX 100000

/* Everything a unit form chooses from, read once per request. */
struct unit_data {
	struct unit_kind *kinds;
	size_t nkinds;
	struct unit *units;
	size_t nunits;
	struct user *users;
	size_t nusers;
};

static enum err
data_load(struct req *r, struct unit_data *d)
{
	enum err e;

	if ((e = store_unit_kinds(web_store, r->arena, &d->kinds,
	                          &d->nkinds)) != ERR_OK)
		return e;
	if ((e = store_units(web_store, r->arena, &d->units, &d->nunits)) !=
	    ERR_OK)
		return e;
	return store_users(web_store, r->arena, 0, &d->users, &d->nusers);
}

static const struct unit *
data_unit(const struct unit_data *d, int64_t id)
{
	for (size_t i = 0; i < d->nunits; i++)
		if (d->units[i].id == id)
			return &d->units[i];
	return NULL;
}

static const struct user *
data_user(const struct unit_data *d, int64_t id)
{
	for (size_t i = 0; i < d->nusers; i++)
		if (d->users[i].id == id)
			return &d->users[i];
	return NULL;
}

/* Active accounts of unit id: those a close must move elsewhere. */
static size_t
data_active(const struct unit_data *d, int64_t id)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nusers; i++)
		n += d->users[i].unit_id == id && d->users[i].active;
	return n;
}

/* ---- the form ---- */

enum ufield {
	UF_KIND,
	UF_NAME,
	UF_PARENT,
	UF_ADDRESS,
	UF_PHONE,
	UF_FAX,
	UF_EMAIL,
	UF_FOCAL,
	UF_POSITION,
	UF__MAX
};

struct unit_form {
	const char *value[UF__MAX]; /* as typed (trimmed, NFC), for re-render */
	const char *error[UF__MAX]; /* NULL: fine */
	size_t nerrors;
	struct unit u; /* the typed result once every field is fine */
};

typedef const char *(*ufield_check_fn)(struct arena *a, const char *v,
                                       const struct unit_data *d,
                                       struct unit *u);

/* A field: its form name (also the input's id), its limit in
 * characters, whether it may be empty, and the check that turns the
 * text into u's field or returns the message to show. */
struct ufield_def {
	const char *key;
	size_t max;
	const char *missing; /* NULL: optional */
	ufield_check_fn check;
};

static const char *
check_kind(struct arena *a, const char *v, const struct unit_data *d,
           struct unit *u)
{
	int64_t id;
	(void)a;

	if (web_parse_id(v, &id))
		for (size_t i = 0; i < d->nkinds; i++)
			if (d->kinds[i].id == id) {
				u->kind_id = id;
				return NULL;
			}
	return "Loại đơn vị không có trong danh sách; vui lòng chọn lại.";
}

static const char *
check_name(struct arena *a, const char *v, const struct unit_data *d,
           struct unit *u)
{
	(void)a;
	(void)d;
	u->name = v;
	return NULL;
}

static const char *
check_parent(struct arena *a, const char *v, const struct unit_data *d,
             struct unit *u)
{
	const struct unit *p;
	int64_t id;
	(void)a;

	if (!*v) {
		u->parent_id = 0;
		return NULL;
	}
	if (!web_parse_id(v, &id) || !(p = data_unit(d, id)) || p->closed_at ||
	    id == u->id)
		return "Đơn vị cấp trên phải là một đơn vị khác đang hoạt "
		       "động.";
	/* The domain refuses a loop too (STMT_UNIT_CYCLE); saying why here
	 * is kinder than its bare refusal.  The walk is bounded by the
	 * number of units, so a loop already in the data cannot hang it. */
	for (size_t n = 0; p && n <= d->nunits; n++) {
		if (p->id == u->id)
			return "Không thể chọn một đơn vị trực thuộc chính đơn "
			       "vị này làm đơn vị cấp trên.";
		p = p->parent_id ? data_unit(d, p->parent_id) : NULL;
	}
	u->parent_id = id;
	return NULL;
}

static const char *
check_address(struct arena *a, const char *v, const struct unit_data *d,
              struct unit *u)
{
	(void)a;
	(void)d;
	u->address = v;
	return NULL;
}

/* A phone or fax number as people write it: digits with spaces and
 * + . - ( ), at least six digits, so that a tel: link made of its digits
 * dials something. */
static bool
phone_ok(const char *v)
{
	size_t digits = 0;

	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +.-()", *p))
			return false;
	}
	return digits >= 6;
}

/* What phone_ok wants, said after the field's name. */
#define PHONE_RULE "chỉ gồm chữ số (ít nhất 6), dấu cách và các dấu + . - ( )."

static const char *
check_phone(struct arena *a, const char *v, const struct unit_data *d,
            struct unit *u)
{
	(void)a;
	(void)d;
	u->phone = v;
	return *v && !phone_ok(v) ? "Số điện thoại " PHONE_RULE : NULL;
}

static const char *
check_fax(struct arena *a, const char *v, const struct unit_data *d,
          struct unit *u)
{
	(void)a;
	(void)d;
	u->fax = v;
	return *v && !phone_ok(v) ? "Số fax " PHONE_RULE : NULL;
}

static const char *
check_email(struct arena *a, const char *v, const struct unit_data *d,
            struct unit *u)
{
	(void)a;
	(void)d;
	u->email = "";
	if (*v && user_email_normalise(a, v, &u->email) != ERR_OK)
		return "Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: "
		       "vanphong@stp.kontum.gov.vn).";
	return NULL;
}

static const char *
check_focal(struct arena *a, const char *v, const struct unit_data *d,
            struct unit *u)
{
	const struct user *p;
	int64_t id;
	(void)a;

	if (!*v) {
		u->focal_user_id = 0;
		return NULL;
	}
	/* A disabled account stays acceptable only if it already is the
	 * focal point (saving other fields must not drop it silently). */
	if (!web_parse_id(v, &id) || !(p = data_user(d, id)) ||
	    (!p->active && id != u->focal_user_id))
		return "Người làm đầu mối phải là một tài khoản đang hoạt "
		       "động.";
	u->focal_user_id = id;
	return NULL;
}

static const char *
check_position(struct arena *a, const char *v, const struct unit_data *d,
               struct unit *u)
{
	int64_t n;
	(void)a;

	if (!*v) {
		/* New units go last; an edit keeps the position it had. */
		if (!u->id) {
			u->position = 0;
			for (size_t i = 0; i < d->nunits; i++)
				if (d->units[i].position > u->position)
					u->position = d->units[i].position;
			if (u->position < UNIT_POSITION_MAX)
				u->position++;
		}
		return NULL;
	}
	if (!web_parse_id(v, &n) || n > UNIT_POSITION_MAX)
		return "Thứ tự hiển thị là một số từ 1 đến 100000.";
	u->position = (int)n;
	return NULL;
}

static const struct ufield_def ufields[UF__MAX] = {
        /* UF_KIND */
        {"loai", 20, "Vui lòng chọn loại đơn vị.", check_kind},
        /* UF_NAME */
        {"ten", 200, "Vui lòng nhập tên đơn vị.", check_name},
        /* UF_PARENT */
        {"don_vi_cha", 20, NULL, check_parent},
        /* UF_ADDRESS */
        {"dia_chi", 300, NULL, check_address},
        /* UF_PHONE */
        {"dien_thoai", 50, NULL, check_phone},
        /* UF_FAX */
        {"fax", 50, NULL, check_fax},
        /* UF_EMAIL */
        {"email", 254, NULL, check_email},
        /* UF_FOCAL */
        {"dau_moi", 20, NULL, check_focal},
        /* UF_POSITION */
        {"thu_tu", 6, NULL, check_position},
};

/* Reads and checks every field into f; f->u starts as base (the unit
 * being edited, or zero for a new one).  True if all are fine. */
static bool
form_read(struct req *r, const struct unit_data *d, const struct unit *base,
          struct unit_form *f)
{
	memset(f, 0, sizeof(*f));
	f->u = *base;
	for (size_t i = 0; i < UF__MAX; i++) {
		const struct ufield_def *fd = &ufields[i];
		const char *v = admin_form_text(r, fd->key);

		f->value[i] = v;
		if (!*v && fd->missing)
			f->error[i] = fd->missing;
		else if (utf8_count(v, strlen(v)) > fd->max)
			f->error[i] = arena_printf(
			        r->arena, "Nội dung dài quá %zu ký tự.",
			        fd->max);
		else
			f->error[i] = fd->check(r->arena, v, d, &f->u);
		f->nerrors += f->error[i] != NULL;
	}
	return f->nerrors == 0;
}

/* The form's values from a stored unit, for the first display. */
static void
form_from_unit(struct req *r, const struct unit *u, struct unit_form *f)
{
	memset(f, 0, sizeof(*f));
	f->u = *u;
	f->value[UF_KIND] =
	        arena_printf(r->arena, "%lld", (long long)u->kind_id);
	f->value[UF_NAME] = u->name;
	f->value[UF_PARENT] = u->parent_id
	                              ? arena_printf(r->arena, "%lld",
	                                             (long long)u->parent_id)
	                              : "";
	f->value[UF_ADDRESS] = u->address;
	f->value[UF_PHONE] = u->phone;
	f->value[UF_FAX] = u->fax;
	f->value[UF_EMAIL] = u->email;
	f->value[UF_FOCAL] = u->focal_user_id
	                             ? arena_printf(r->arena, "%lld",
	                                            (long long)u->focal_user_id)
	                             : "";
	f->value[UF_POSITION] =
	        u->position > 0 ? arena_printf(r->arena, "%d", u->position)
	                        : "";
	for (size_t i = 0; i < UF__MAX; i++)
		if (!f->value[i])
			f->value[i] = "";
}

static bool
same_id(const char *v, int64_t id)
{
	int64_t x;

	return web_parse_id(v, &x) && x == id;
}

/* Options of the open units but self, with sel selected; the first is
 * the empty choice labelled none. */
static struct tval *
unit_options(struct arena *a, const struct unit_data *d, int64_t self,
             const char *sel)
{
	struct tval *l = tv_list(a);

	for (size_t i = 0; i < d->nunits; i++) {
		const struct unit *u = &d->units[i];
		struct tval *o;

		if (u->closed_at || u->id == self)
			continue;
		o = tv_map(a);
		tv_set_int(o, "id", u->id);
		tv_set_str(o, "name", u->name);
		tv_set_bool(o, "selected", same_id(sel, u->id));
		tv_push(l, o);
	}
	return l;
}

/* The "f" map the unit-fields partial reads: f.<key>.value/.error and
 * the options of the three selects. */
static struct tval *
form_view(struct req *r, const struct unit_data *d, const struct unit_form *f)
{
	struct arena *a = r->arena;
	struct tval *m = tv_map(a), *kinds = tv_list(a), *users = tv_list(a);
	struct tval *errs = tv_list(a);

	for (size_t i = 0; i < UF__MAX; i++) {
		struct tval *fm = tv_map(a);

		tv_set_str(fm, "value", f->value[i] ? f->value[i] : "");
		if (f->error[i]) {
			struct tval *e = tv_map(a);

			tv_set_str(fm, "error", f->error[i]);
			tv_set_str(e, "key", ufields[i].key);
			tv_set_str(e, "message", f->error[i]);
			tv_push(errs, e);
		}
		tv_set(m, ufields[i].key, fm);
	}
	for (size_t i = 0; i < d->nkinds; i++) {
		struct tval *o = tv_map(a);

		tv_set_int(o, "id", d->kinds[i].id);
		tv_set_str(o, "name", d->kinds[i].name);
		tv_set_bool(o, "selected",
		            same_id(f->value[UF_KIND], d->kinds[i].id));
		tv_push(kinds, o);
	}
	for (size_t i = 0; i < d->nusers; i++) {
		const struct user *u = &d->users[i];
		const struct unit *uu = data_unit(d, u->unit_id);
		struct tval *o;

		if (!u->active && u->id != f->u.focal_user_id)
			continue;
		o = tv_map(a);
		tv_set_int(o, "id", u->id);
		tv_set_str(o, "name",
		           arena_printf(a, "%s%s%s%s", u->full_name,
		                        uu ? " – " : "", uu ? uu->name : "",
		                        u->active ? "" : " (đã vô hiệu hóa)"));
		tv_set_bool(o, "selected", same_id(f->value[UF_FOCAL], u->id));
		tv_push(users, o);
	}
	tv_set(m, "kinds", kinds);
	tv_set(m, "parents", unit_options(a, d, f->u.id, f->value[UF_PARENT]));
	tv_set(m, "users", users);
	tv_set(m, "errors", errs);
	tv_set_bool(m, "has_errors", f->nerrors > 0);
	return m;
}

/* ---- the list ---- */

static const char *
closed_text(struct arena *a, time_t t)
{
	return arena_printf(a, "Đã giải thể/đã đóng ngày %s",
	                    web_time(a, t, VNTIME_DATE));
}

static struct tval *
list_row(struct req *r, const struct unit_data *d, const struct unit *u)
{
	struct arena *a = r->arena;
	struct tval *m = tv_map(a);
	const struct user *focal = data_user(d, u->focal_user_id);

	tv_set_str(m, "url",
	           arena_printf(a, UNITS_PATH "/%lld", (long long)u->id));
	tv_set_str(m, "name", u->name);
	tv_set_str(m, "kind", u->kind_name ? u->kind_name : "");
	tv_set_str(m, "phone", u->phone ? u->phone : "");
	tv_set_str(m, "email", u->email ? u->email : "");
	tv_set_str(m, "focal", focal ? focal->full_name : "");
	tv_set_int(m, "active", (int64_t)data_active(d, u->id));
	if (u->closed_at)
		tv_set_str(m, "status", closed_text(a, u->closed_at));
	return m;
}

void
admin_units(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct arena *a = r->arena;
	struct tval *ctx = admin_ctx_view(r, c, "Đơn vị", UNITS_PATH);
	struct tval *groups = tv_list(a), *closed = tv_list(a);
	struct tval *group = NULL, *rows = NULL;
	int64_t kind = 0;
	struct unit_data d;
	size_t nopen = 0;
	enum err e;

	if ((e = data_load(r, &d)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	/* store_units gives open units first, by kind: one group per run of
	 * a kind, then the closed ones in their own table. */
	for (size_t i = 0; i < d.nunits; i++) {
		const struct unit *u = &d.units[i];

		if (u->closed_at) {
			tv_push(closed, list_row(r, &d, u));
			continue;
		}
		nopen++;
		if (!group || u->kind_id != kind) {
			group = tv_map(a);
			rows = tv_list(a);
			kind = u->kind_id;
			tv_set_str(group, "kind", u->kind_name);
			tv_set_str(
			        group, "id",
			        arena_printf(a, "loai-%lld", (long long)kind));
			tv_set(group, "units", rows);
			tv_push(groups, group);
		}
		tv_push(rows, list_row(r, &d, u));
	}
	tv_set(ctx, "groups", groups);
	tv_set(ctx, "closed", closed);
	tv_set_bool(ctx, "has_closed", tv_len(closed) > 0);
	tv_set_int(ctx, "count_open", (int64_t)nopen);
	tv_set_int(ctx, "count_closed", (int64_t)tv_len(closed));
	tv_set_bool(ctx, "nav_units", true);
	web_render(r, rs, "admin/units", ctx);
}

/* ---- adding ---- */

static void
render_new(struct req *r, struct resp *rs, struct admin_ctx *c,
           const struct unit_data *d, const struct unit_form *f,
           const char *error)
{
	struct tval *ctx =
	        admin_ctx_view(r, c, "Thêm đơn vị", UNITS_PATH "/moi");

	tv_set(ctx, "f", form_view(r, d, f));
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_bool(ctx, "nav_units", true);
	web_render(r, rs, "admin/unit-new", ctx);
}

void
admin_unit_new(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct unit_data d;
	struct unit_form f;
	enum err e;

	if ((e = data_load(r, &d)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	memset(&f, 0, sizeof(f));
	for (size_t i = 0; i < UF__MAX; i++)
		f.value[i] = "";
	render_new(r, rs, c, &d, &f, NULL);
}

/* The message of a form that failed: how many fields to fix. */
static const char *
errors_summary(struct arena *a, const struct unit_form *f)
{
	if (f->nerrors == 1)
		return "Chưa lưu được: có 1 mục cần sửa.";
	return arena_printf(a, "Chưa lưu được: có %zu mục cần sửa.",
	                    f->nerrors);
}

void
admin_unit_create(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct audit_actor actor;
	struct unit_data d;
	struct unit_form f;
	struct unit base = {0};
	enum err e;

	if ((e = data_load(r, &d)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	if (!form_read(r, &d, &base, &f)) {
		render_new(r, rs, c, &d, &f, errors_summary(r->arena, &f));
		return;
	}
	admin_actor(r, c, &actor);
	e = unit_create(web_store, &actor, &f.u, c->now);
	if (e == ERR_INVALID) {
		/* Changed by someone else since the form was read (a parent
		 * closed meanwhile): the domain's word is final. */
		render_new(r, rs, c, &d, &f,
		           "Chưa lưu được: đơn vị cấp trên hoặc người làm đầu "
		           "mối vừa thay đổi. Vui lòng kiểm tra lại.");
		return;
	}
	if (e != ERR_OK) {
		log_errx("cannot add unit '%s': %s", f.u.name, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	resp_redirect(rs, 303,
	              arena_printf(r->arena,
	                           UNITS_PATH "/%lld?thong-bao=da-them",
	                           (long long)f.u.id));
}

/* ---- editing and closing ---- */

/* The unit of the path's :id into *u; false (404 sent) for a malformed
 * or unknown id. */
static bool
path_unit(struct req *r, struct resp *rs, const struct unit_data *d,
          struct unit *u)
{
	const struct unit *p;
	int64_t id;

	if (r->nparams < 1 || !web_parse_id(r->params[0], &id) ||
	    !(p = data_unit(d, id))) {
		http_error(r, rs, 404, NULL);
		return false;
	}
	*u = *p;
	return true;
}

/* What the page says after a redirect (?thong-bao=...). */
static const char *
edit_notice(struct req *r, const struct unit_data *d)
{
	const char *q = req_query(r, "thong-bao");
	const struct unit *to;
	int64_t n = 0, id;

	if (!q)
		return NULL;
	if (!strcmp(q, "da-them"))
		return "Đã thêm đơn vị.";
	if (!strcmp(q, "da-luu"))
		return "Đã lưu thay đổi.";
	if (strcmp(q, "da-dong") != 0)
		return NULL;
	/* The count and the receiving unit come from our own redirect; a
	 * hand-made query can only change what this page says to its
	 * reader, never the data. */
	if (!web_parse_id(req_query(r, "chuyen"), &n) ||
	    !web_parse_id(req_query(r, "den"), &id) || !(to = data_unit(d, id)))
		return "Đã giải thể/đóng đơn vị. Đơn vị được giữ lại trong "
		       "lịch sử.";
	return arena_printf(r->arena,
	                    "Đã giải thể/đóng đơn vị. %lld tài khoản đã được "
	                    "chuyển sang %s.",
	                    (long long)n, to->name);
}

struct close_view {
	const char *move_to; /* the select's value as posted */
	bool confirmed;
	const char *error;
};

static void
render_edit(struct req *r, struct resp *rs, struct admin_ctx *c,
            const struct unit_data *d, const struct unit *u,
            const struct unit_form *f, const char *error,
            const struct close_view *cv)
{
	struct arena *a = r->arena;
	const char *path =
	        arena_printf(a, UNITS_PATH "/%lld", (long long)u->id);
	struct tval *ctx = admin_ctx_view(r, c, u->name, path);
	const char *notice =
	        error || (cv && cv->error) ? NULL : edit_notice(r, d);
	size_t active = data_active(d, u->id), total = 0;

	for (size_t i = 0; i < d->nusers; i++)
		total += d->users[i].unit_id == u->id;
	tv_set_str(ctx, "name", u->name);
	tv_set_str(ctx, "action", path);
	tv_set_str(ctx, "close_action", arena_printf(a, "%s/dong", path));
	tv_set_str(ctx, "notice", notice ? notice : "");
	tv_set_bool(ctx, "has_notice", notice != NULL);
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_bool(ctx, "closed", u->closed_at != 0);
	tv_set_int(ctx, "active", (int64_t)active);
	tv_set_bool(ctx, "has_active", active > 0);
	tv_set_int(ctx, "accounts", (int64_t)total);
	tv_set_bool(ctx, "has_accounts", total > 0);
	if (u->closed_at) {
		/* Read-only: the record as it was when closed. */
		const struct unit *p = data_unit(d, u->parent_id);
		const struct user *fu = data_user(d, u->focal_user_id);

		tv_set_str(ctx, "closed_text", closed_text(a, u->closed_at));
		tv_set_str(ctx, "kind", u->kind_name);
		tv_set_str(ctx, "parent", p ? p->name : "—");
		tv_set_str(ctx, "address",
		           web_nonempty(u->address) ? u->address : "—");
		tv_set_str(ctx, "phone",
		           web_nonempty(u->phone) ? u->phone : "—");
		tv_set_str(ctx, "fax", web_nonempty(u->fax) ? u->fax : "—");
		tv_set_str(ctx, "email",
		           web_nonempty(u->email) ? u->email : "—");
		tv_set_str(ctx, "focal", fu ? fu->full_name : "—");
	} else {
		struct tval *cm = tv_map(a);

		tv_set(ctx, "f", form_view(r, d, f));
		tv_set(cm, "units",
		       unit_options(a, d, u->id, cv ? cv->move_to : ""));
		tv_set_bool(cm, "confirmed", cv && cv->confirmed);
		tv_set_str(cm, "error", cv && cv->error ? cv->error : "");
		tv_set_bool(cm, "has_error", cv && cv->error);
		tv_set(ctx, "close", cm);
	}
	tv_set_bool(ctx, "nav_units", true);
	web_render(r, rs, "admin/unit-edit", ctx);
}

/* Loads the data and the unit of the path; false if an answer (404,
 * 500) was sent. */
static bool
edit_load(struct req *r, struct resp *rs, struct unit_data *d, struct unit *u)
{
	enum err e;

	if ((e = data_load(r, d)) != ERR_OK) {
		web_fail(r, rs, e);
		return false;
	}
	return path_unit(r, rs, d, u);
}

void
admin_unit_edit(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct unit_data d;
	struct unit_form f;
	struct unit u;

	if (!edit_load(r, rs, &d, &u))
		return;
	form_from_unit(r, &u, &f);
	render_edit(r, rs, c, &d, &u, &f, NULL, NULL);
}

/* 409 for a page rendered after a refusal that the data's state caused
 * (a closed unit, a change made meanwhile), unless rendering failed. */
static void
conflict(struct resp *rs)
{
	if (rs->status == 200)
		rs->status = 409;
}

static const char closed_refusal[] =
        "Đơn vị này đã giải thể hoặc đã đóng: hồ sơ của đơn vị được giữ "
        "nguyên trong lịch sử và không sửa được.";

void
admin_unit_save(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct audit_actor actor;
	struct unit_data d;
	struct unit_form f;
	struct unit u;
	enum err e;

	if (!edit_load(r, rs, &d, &u))
		return;
	if (u.closed_at) {
		render_edit(r, rs, c, &d, &u, NULL, closed_refusal, NULL);
		conflict(rs);
		return;
	}
	if (!form_read(r, &d, &u, &f)) {
		render_edit(r, rs, c, &d, &u, &f, errors_summary(r->arena, &f),
		            NULL);
		return;
	}
	admin_actor(r, c, &actor);
	e = unit_update(web_store, &actor, &f.u, c->now);
	if (e == ERR_INVALID) {
		render_edit(r, rs, c, &d, &u, &f,
		            "Chưa lưu được: đơn vị cấp trên hoặc người làm đầu "
		            "mối vừa thay đổi. Vui lòng kiểm tra lại.",
		            NULL);
		return;
	}
	if (e != ERR_OK) {
		log_errx("cannot save unit %lld: %s", (long long)u.id,
		         err_str(e));
		web_fail(r, rs, e);
		return;
	}
	resp_redirect(rs, 303,
	              arena_printf(r->arena,
	                           UNITS_PATH "/%lld?thong-bao=da-luu",
	                           (long long)u.id));
}

void
admin_unit_close(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct close_view cv = {0};
	struct audit_actor actor;
	struct unit_data d;
	struct unit_form f;
	struct unit u;
	const struct unit *to = NULL;
	int64_t to_id = 0, moved = 0;
	const char *confirm = req_form(r, "xac_nhan");
	enum err e;

	if (!edit_load(r, rs, &d, &u))
		return;
	if (u.closed_at) {
		render_edit(r, rs, c, &d, &u, NULL, closed_refusal, NULL);
		conflict(rs);
		return;
	}
	form_from_unit(r, &u, &f);
	cv.move_to = admin_form_text(r, "chuyen_den");
	cv.confirmed = confirm && !strcmp(confirm, "1");
	if (*cv.move_to &&
	    (!web_parse_id(cv.move_to, &to_id) ||
	     !(to = data_unit(&d, to_id)) || to->closed_at || to_id == u.id))
		cv.error = "Đơn vị nhận phải là một đơn vị khác đang hoạt "
		           "động.";
	else if (!*cv.move_to && data_active(&d, u.id) > 0)
		cv.error = arena_printf(
		        r->arena,
		        "Đơn vị còn %zu tài khoản đang hoạt động: vui lòng "
		        "chọn "
		        "đơn vị nhận những người này trước khi giải thể/đóng.",
		        data_active(&d, u.id));
	else if (!cv.confirmed)
		cv.error = "Vui lòng đánh dấu ô xác nhận trước khi giải "
		           "thể/đóng đơn vị.";
	if (cv.error) {
		render_edit(r, rs, c, &d, &u, &f, NULL, &cv);
		return;
	}
	admin_actor(r, c, &actor);
	e = unit_close(web_store, &actor, u.id, to_id, c->now, &moved);
	if (e == ERR_CONFLICT || e == ERR_INVALID) {
		/* Someone joined it or closed the other unit meanwhile. */
		cv.error = "Chưa giải thể/đóng được: dữ liệu vừa thay đổi "
		           "(có người mới trong đơn vị hoặc đơn vị nhận vừa "
		           "đóng). Vui lòng tải lại trang và thử lại.";
		render_edit(r, rs, c, &d, &u, &f, NULL, &cv);
		conflict(rs);
		return;
	}
	if (e != ERR_OK) {
		log_errx("cannot close unit %lld: %s", (long long)u.id,
		         err_str(e));
		web_fail(r, rs, e);
		return;
	}
	resp_redirect(rs, 303,
	              to_id ? arena_printf(r->arena,
	                                   UNITS_PATH "/%lld?thong-bao=da-dong"
	                                              "&chuyen=%lld&den=%lld",
	                                   (long long)u.id, (long long)moved,
	                                   (long long)to_id)
	                    : arena_printf(r->arena,
	                                   UNITS_PATH "/%lld?thong-bao=da-dong",
	                                   (long long)u.id));
}
