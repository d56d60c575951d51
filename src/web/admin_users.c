/*
 * The IT administrator's pages for accounts (issue 3 items 2-4): the
 * list with its filters, a new account, and the account page with one
 * POST route per action (profile, roles, disable, enable, unlock, reset
 * the second factor, a password reset link).  The guard (admin.c) has
 * checked the session, the IT administrator's role and, on POST, the
 * form token before any of these runs; these handlers still check every
 * field, and the domain (user.c, reset.c) checks again and audits.
 *
 * Nobody types a password for someone else: a new account gets a random
 * password nobody sees, and the administrator hands over a one-time link
 * (reset.h) with which its owner sets one.
 *
 * Two guard rails keep the system administrable: nobody disables their
 * own account or drops their own IT administrator role, and the last
 * active IT administrator keeps both.  They are checked in the same
 * transaction as the change, so two administrators acting at once cannot
 * both pass them.
 */
#include "common.h"

#include <sodium.h>

#include "config.h"
#include "log.h"
#include "reset.h"
#include "role.h"
#include "totp.h"
#include "vnfold.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

#define USERS_PATH "/quan-tri/nguoi-dung"
/* Longest name, title and phone number accepted (bytes). */
#define USER_TEXT_MAX 200
#define USER_PHONE_MAX 40

static const char msg_not_found[] = "Không tìm thấy tài khoản này.";

/* Notices of the account page after a redirect (?thong-bao=code). */
static const struct {
	const char *code;
	const char *text;
} notices[] = {
        {"da-luu-ho-so", "Đã lưu hồ sơ."},
        {"da-luu-vai-tro", "Đã lưu vai trò."},
        {"da-vo-hieu-hoa", "Đã vô hiệu hóa tài khoản. Mọi phiên đăng nhập "
                           "của tài khoản này đã kết thúc."},
        {"da-kich-hoat", "Đã kích hoạt lại tài khoản."},
        {"da-mo-khoa", "Đã mở khóa tài khoản."},
        {"da-xoa-xac-thuc", "Đã xóa xác thực hai lớp của tài khoản. Lần "
                            "đăng nhập tới, người dùng sẽ phải bật lại nếu "
                            "vai trò yêu cầu."},
};

/* The fields of the account form, each with its own error message. */
enum uf_field {
	UF_NAME,
	UF_TITLE,
	UF_UNIT,
	UF_EMAIL,
	UF_PHONE,
	UF_ROLES,
	UF_PROF,
	UF__MAX
};

/* View-model keys of the messages, indexed by enum uf_field. */
static const char *const uf_err_key[UF__MAX] = {
        "err_name",  /* UF_NAME */
        "err_title", /* UF_TITLE */
        "err_unit",  /* UF_UNIT */
        "err_email", /* UF_EMAIL */
        "err_phone", /* UF_PHONE */
        "err_roles", /* UF_ROLES */
        "err_prof",  /* UF_PROF */
};

/* An account form as typed, and what is wrong with it. */
struct user_form {
	const char *full_name, *title, *email, *phone;
	int64_t unit_id;
	unsigned roles;
	bool professional;
	const char *err[UF__MAX];
	bool bad;
};

static void
uf_fail(struct user_form *f, enum uf_field k, const char *msg)
{
	if (!f->err[k])
		f->err[k] = msg;
	f->bad = true;
}

static const char msg_email_taken[] =
        "E-mail này đã là của một tài khoản khác.";
static const char msg_unit_closed[] =
        "Đơn vị này đã đóng; vui lòng chọn một đơn vị đang hoạt động.";

/* True if e is a refusal of user_create or user_update that read_profile
 * checks for too (then marked on its field of f): reached only when
 * someone else changed the data in between. */
static bool
uf_refused(struct user_form *f, enum err e)
{
	if (e == ERR_CONFLICT)
		uf_fail(f, UF_EMAIL, msg_email_taken);
	else if (e == ERR_INVALID)
		uf_fail(f, UF_UNIT, msg_unit_closed);
	else
		return false;
	return true;
}

static bool
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static bool
phone_ok(const char *s)
{
	for (; *s; s++)
		if (!strchr("0123456789 +().-", *s))
			return false;
	return true;
}

/* The unit with id among v, or NULL. */
static const struct unit *
unit_find(const struct unit *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/*
 * Reads and checks the profile fields of r into f; self is the id of the
 * account being edited (0 for a new one), so its own e-mail is not a
 * duplicate; keep_unit is a unit the account may stay in although it is
 * closed (its current one; 0: none).
 */
static enum err
read_profile(struct req *r, struct user_form *f, int64_t self,
             int64_t keep_unit, const struct unit *units, size_t nunits)
{
	const char *unit = req_form(r, "don_vi");
	const char *prof = req_form(r, "chuyen_trach");
	const char *email;
	const struct unit *u;
	struct user other;
	enum err e;

	f->full_name = admin_form_text(r, "ho_ten");
	f->title = admin_form_text(r, "chuc_danh");
	f->email = admin_form_text(r, "email");
	f->phone = admin_form_text(r, "dien_thoai");
	if (!*f->full_name)
		uf_fail(f, UF_NAME, "Vui lòng nhập họ và tên.");
	else if (strlen(f->full_name) > USER_TEXT_MAX ||
	         has_control(f->full_name))
		uf_fail(f, UF_NAME,
		        "Họ và tên quá dài hoặc có ký tự không hợp lệ.");
	if (strlen(f->title) > USER_TEXT_MAX || has_control(f->title))
		uf_fail(f, UF_TITLE,
		        "Chức danh quá dài hoặc có ký tự không hợp lệ.");
	if (strlen(f->phone) > USER_PHONE_MAX || !phone_ok(f->phone))
		uf_fail(f, UF_PHONE,
		        "Số điện thoại chỉ gồm chữ số, dấu cách và các ký tự "
		        "+ ( ) . -, tối đa 40 ký tự.");
	if (!*f->email) {
		uf_fail(f, UF_EMAIL, "Vui lòng nhập e-mail.");
	} else if (user_email_normalise(r->arena, f->email, &email) != ERR_OK) {
		uf_fail(f, UF_EMAIL,
		        "E-mail không hợp lệ (ví dụ đúng: "
		        "ten.nguoi@stp-kontum.gov.vn).");
	} else {
		e = store_user_by_email(web_store, r->arena, email, &other);
		if (e == ERR_OK && other.id != self)
			uf_fail(f, UF_EMAIL, msg_email_taken);
		else if (e != ERR_OK && e != ERR_NOTFOUND)
			return e;
	}
	f->unit_id = 0;
	if (web_nonempty(unit) && strcmp(unit, "0")) {
		if (!web_parse_id(unit, &f->unit_id) ||
		    !(u = unit_find(units, nunits, f->unit_id)))
			uf_fail(f, UF_UNIT, "Đơn vị không tồn tại.");
		else if (u->closed_at && u->id != keep_unit)
			uf_fail(f, UF_UNIT, msg_unit_closed);
	}
	if (prof && strcmp(prof, "1"))
		uf_fail(f, UF_PROF, "Giá trị không hợp lệ.");
	f->professional = prof != NULL && !strcmp(prof, "1");
	return ERR_OK;
}

/* Reads the role checkboxes (every "vai_tro" field) into f->roles. */
static void
read_roles(struct req *r, struct user_form *f)
{
	f->roles = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		enum role role;

		if (strcmp(r->form.v[i].key, "vai_tro"))
			continue;
		if (!role_from_code(r->form.v[i].val, &role)) {
			uf_fail(f, UF_ROLES, "Vai trò không hợp lệ.");
			continue;
		}
		f->roles |= ROLE_BIT(role);
	}
	if (!f->roles)
		uf_fail(f, UF_ROLES, "Vui lòng chọn ít nhất một vai trò.");
}

static void
form_from_user(struct user_form *f, const struct user *u)
{
	memset(f, 0, sizeof(*f));
	f->full_name = u->full_name;
	f->title = u->title;
	f->email = u->email;
	f->phone = u->phone;
	f->unit_id = u->unit_id;
	f->roles = user_roles(u);
	f->professional = u->professional;
}

/* The "f" map the form partials read: values, unit options (open units,
 * and the account's own unit even if closed), role checkboxes and
 * messages. */
static struct tval *
form_view(struct req *r, const struct user_form *f, const struct unit *units,
          size_t nunits)
{
	struct arena *a = r->arena;
	struct tval *m = tv_map(a), *ul = tv_list(a), *rl = tv_list(a);

	tv_set_str(m, "full_name", f->full_name ? f->full_name : "");
	tv_set_str(m, "title", f->title ? f->title : "");
	tv_set_str(m, "email", f->email ? f->email : "");
	tv_set_str(m, "phone", f->phone ? f->phone : "");
	tv_set_bool(m, "professional", f->professional);
	tv_set_bool(m, "no_unit", f->unit_id == 0);
	for (size_t i = 0; i < nunits; i++) {
		struct tval *o;

		if (units[i].closed_at && units[i].id != f->unit_id)
			continue;
		o = tv_map(a);
		tv_set_int(o, "id", units[i].id);
		tv_set_str(o, "name", units[i].name);
		tv_set_bool(o, "closed", units[i].closed_at != 0);
		tv_set_bool(o, "selected", units[i].id == f->unit_id);
		tv_push(ul, o);
	}
	tv_set(m, "units", ul);
	for (int i = 0; i < ROLE__MAX; i++) {
		struct tval *o = tv_map(a);

		tv_set_str(o, "code", role_code((enum role)i));
		tv_set_str(o, "name", role_name((enum role)i));
		tv_set_bool(o, "checked", (f->roles & ROLE_BIT(i)) != 0);
		tv_push(rl, o);
	}
	tv_set(m, "roles", rl);
	for (int k = 0; k < UF__MAX; k++)
		if (f->err[k])
			tv_set_str(m, uf_err_key[k], f->err[k]);
	tv_set_bool(m, "bad", f->bad);
	return m;
}

/* ---- the list ---- */

enum status_filter { SF_ALL, SF_ACTIVE, SF_DISABLED, SF_LOCKED, SF__MAX };

/* Query values of ?trang-thai=, indexed by enum status_filter. */
static const char *const status_code[SF__MAX] = {
        "",            /* SF_ALL */
        "hoat-dong",   /* SF_ACTIVE */
        "vo-hieu-hoa", /* SF_DISABLED */
        "tam-khoa",    /* SF_LOCKED */
};
static const char *const status_name[SF__MAX] = {
        "Tất cả",         /* SF_ALL */
        "Hoạt động",      /* SF_ACTIVE */
        "Đã vô hiệu hóa", /* SF_DISABLED */
        "Tạm khóa",       /* SF_LOCKED */
};

static const char *
folded(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	const char *out;

	vnfold(&b, s, strlen(s));
	out = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return out;
}

void
admin_users(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct arena *a = r->arena;
	struct tval *ctx = admin_ctx_view(r, c, "Người dùng", USERS_PATH);
	struct tval *list = tv_list(a), *ul = tv_list(a), *rl = tv_list(a);
	struct tval *sl = tv_list(a);
	const char *q = req_query(r, "q"), *fq = NULL;
	int64_t unit = 0;
	const char *rc = req_query(r, "vai-tro"),
	           *st = req_query(r, "trang-thai");
	enum status_filter sf = SF_ALL;
	enum role role = ROLE__MAX;
	struct unit *units;
	struct user *v;
	size_t n, nunits, shown = 0;
	enum err e;

	if ((e = store_users(web_store, a, 0, &v, &n)) != ERR_OK ||
	    (e = store_units(web_store, a, &units, &nunits)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	/* Unknown filter values are ignored: the list shows everyone. */
	(void)web_parse_id(req_query(r, "don-vi"), &unit);
	if (web_nonempty(q))
		fq = folded(a, q);
	if (rc && !role_from_code(rc, &role))
		role = ROLE__MAX;
	for (int i = 1; st && i < SF__MAX; i++)
		if (!strcmp(st, status_code[i]))
			sf = (enum status_filter)i;
	for (size_t i = 0; i < n; i++) {
		bool locked = v[i].locked_until > c->now;
		struct tval *m;

		if (fq && !strstr(folded(a, v[i].full_name), fq) &&
		    !strstr(v[i].email, fq))
			continue;
		if (unit && v[i].unit_id != unit)
			continue;
		if (role != ROLE__MAX && !user_has_role(&v[i], role))
			continue;
		if ((sf == SF_ACTIVE && (!v[i].active || locked)) ||
		    (sf == SF_DISABLED && v[i].active) ||
		    (sf == SF_LOCKED && !locked))
			continue;
		m = tv_map(a);
		tv_set_int(m, "id", v[i].id);
		tv_set_str(m, "full_name", v[i].full_name);
		tv_set_str(m, "email", v[i].email);
		tv_set_str(m, "unit", admin_unit_name(r, v[i].unit_id));
		tv_set_str(m, "roles", admin_role_names(r, &v[i]));
		tv_set_bool(m, "active", v[i].active);
		tv_set_bool(m, "locked", locked);
		tv_push(list, m);
		shown++;
	}
	for (size_t i = 0; i < nunits; i++) {
		struct tval *o = tv_map(a);

		tv_set_int(o, "id", units[i].id);
		tv_set_str(o, "name", units[i].name);
		tv_set_bool(o, "closed", units[i].closed_at != 0);
		tv_set_bool(o, "selected", units[i].id == unit);
		tv_push(ul, o);
	}
	for (int i = 0; i < ROLE__MAX; i++) {
		struct tval *o = tv_map(a);

		tv_set_str(o, "code", role_code((enum role)i));
		tv_set_str(o, "name", role_name((enum role)i));
		tv_set_bool(o, "selected", role == (enum role)i);
		tv_push(rl, o);
	}
	for (int i = 0; i < SF__MAX; i++) {
		struct tval *o = tv_map(a);

		tv_set_str(o, "code", status_code[i]);
		tv_set_str(o, "name", status_name[i]);
		tv_set_bool(o, "selected", sf == (enum status_filter)i);
		tv_push(sl, o);
	}
	tv_set_str(ctx, "q", q ? q : "");
	tv_set(ctx, "units", ul);
	tv_set(ctx, "roles", rl);
	tv_set(ctx, "statuses", sl);
	tv_set(ctx, "users", list);
	tv_set_int(ctx, "count", (int64_t)n);
	tv_set_int(ctx, "shown", (int64_t)shown);
	tv_set_bool(ctx, "filtered", shown != n);
	tv_set_bool(ctx, "nav_users", true);
	web_render(r, rs, "admin/users", ctx);
}

/* ---- a new account ---- */

static void
render_new(struct req *r, struct resp *rs, struct admin_ctx *c,
           const struct user_form *f, const char *error)
{
	struct tval *ctx =
	        admin_ctx_view(r, c, "Thêm người dùng", USERS_PATH "/moi");
	struct unit *units;
	struct tval *fv;
	size_t n;
	enum err e;

	if ((e = store_units(web_store, r->arena, &units, &n)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	fv = form_view(r, f, units, n);
	/* One form: the fields and the roles partials read the same map. */
	tv_set(ctx, "f", fv);
	tv_set(ctx, "fr", fv);
	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_bool(ctx, "nav_users", true);
	web_render(r, rs, "admin/user-new", ctx);
}

void
admin_user_new_form(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct user_form f = {0};

	render_new(r, rs, c, &f, NULL);
}

/* The absolute URL of a reset link: the configured site address, or, if
 * there is none, the one this request came to. */
static const char *
reset_url(struct req *r, const char *token)
{
	const char *path =
	        arena_printf(r->arena, "/quan-tri/dat-lai-mat-khau/%s", token);
	const char *host = req_header(r, "Host");

	if (web_nonempty(config.site.base_url) || !web_nonempty(host))
		return web_abs(r->arena, path);
	return arena_printf(r->arena, "%s://%s%s", r->https ? "https" : "http",
	                    host, path);
}

/* The page that shows a new reset link, once (it is never stored). */
static void
render_link(struct req *r, struct resp *rs, struct admin_ctx *c,
            const struct user *u, const char *token, bool created)
{
	struct tval *ctx = admin_ctx_view(
	        r, c, created ? "Đã tạo tài khoản" : "Liên kết đặt mật khẩu",
	        arena_printf(r->arena, USERS_PATH "/%lld", (long long)u->id));

	tv_set_int(ctx, "id", u->id);
	tv_set_str(ctx, "full_name", u->full_name);
	tv_set_str(ctx, "email", u->email);
	tv_set_bool(ctx, "created", created);
	tv_set_bool(ctx, "active", u->active);
	tv_set_str(ctx, "link", reset_url(r, token));
	tv_set_int(ctx, "hours", RESET_LINK_SECONDS / 3600);
	tv_set_str(ctx, "expires",
	           web_time(r->arena, c->now + RESET_LINK_SECONDS,
	                    VNTIME_DATETIME));
	tv_set_bool(ctx, "nav_users", true);
	/* The link is a password for a day: keep it out of any Referer. */
	resp_header(rs, "Referrer-Policy", "no-referrer");
	web_render(r, rs, "admin/user-link", ctx);
}

void
admin_user_new_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	char pw[PASSWORD_RANDOM_LEN + 1], token[RESET_TOKEN_HEX];
	struct user_form f = {0};
	struct audit_actor actor;
	struct buf roles = BUF_INIT;
	struct user u = {0};
	enum password_problem pp;
	struct unit *units;
	size_t n;
	enum err e;

	if ((e = store_units(web_store, r->arena, &units, &n)) != ERR_OK ||
	    (e = read_profile(r, &f, 0, 0, units, n)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	read_roles(r, &f);
	if (f.bad) {
		render_new(r, rs, c, &f,
		           "Chưa tạo tài khoản: vui lòng sửa các "
		           "mục được đánh dấu bên dưới.");
		return;
	}
	role_format_list(&roles, f.roles);
	u.email = f.email;
	u.full_name = f.full_name;
	u.title = f.title;
	u.phone = f.phone;
	u.unit_id = f.unit_id;
	u.roles = arena_strndup(r->arena, roles.p, roles.len);
	u.professional = f.professional;
	u.must_change_password = true;
	buf_release(&roles);
	/* A password nobody knows, forgotten at once: the owner sets theirs
	 * with the one-time link. */
	do
		password_random(pw);
	while (password_check(pw, f.email, f.full_name) != PASSWORD_OK);
	admin_actor(r, c, &actor);
	e = user_create(web_store, r->arena, &actor, &u, pw, c->now, &pp);
	sodium_memzero(pw, sizeof(pw));
	if (uf_refused(&f, e)) {
		render_new(r, rs, c, &f,
		           "Chưa tạo tài khoản: vui lòng sửa các "
		           "mục được đánh dấu bên dưới.");
		return;
	}
	if (e != ERR_OK) {
		log_errx("cannot create an account: %s", err_str(e));
		web_fail(r, rs, e);
		return;
	}
	if ((e = reset_link_create(web_store, &actor, u.id, c->now, token)) !=
	    ERR_OK) {
		log_errx("cannot make a reset link for user %lld: %s",
		         (long long)u.id, err_str(e));
		resp_redirect(rs, 303,
		              arena_printf(r->arena, USERS_PATH "/%lld",
		                           (long long)u.id));
		return;
	}
	render_link(r, rs, c, &u, token, true);
	sodium_memzero(token, sizeof(token));
}

/* ---- the account page ---- */

/* The account of the :id parameter into u; false if the request was
 * answered (404 for a malformed or unknown id). */
static bool
load_target(struct req *r, struct resp *rs, struct user *u)
{
	int64_t id;
	enum err e;

	if (!web_parse_id(r->nparams ? r->params[0] : NULL, &id)) {
		http_error(r, rs, 404, msg_not_found);
		return false;
	}
	if ((e = store_user_get(web_store, r->arena, id, u)) != ERR_OK) {
		if (e == ERR_NOTFOUND)
			http_error(r, rs, 404, msg_not_found);
		else
			web_fail(r, rs, e);
		return false;
	}
	return true;
}

static const char *
notice_text(const char *code)
{
	for (size_t i = 0; code && i < ARRAY_SIZE(notices); i++)
		if (!strcmp(code, notices[i].code))
			return notices[i].text;
	return NULL;
}

static const char *
time_or(struct req *r, time_t t, const char *none)
{
	return t ? web_time(r->arena, t, VNTIME_DATETIME) : none;
}

/*
 * The account page of u.  profile and roles are the forms as typed (NULL:
 * from u); error is a message for the whole page (a refused action).
 */
static void
render_user(struct req *r, struct resp *rs, struct admin_ctx *c,
            const struct user *u, const struct user_form *profile,
            const struct user_form *roles, const char *error)
{
	struct arena *a = r->arena;
	struct tval *ctx = admin_ctx_view(
	        r, c, u->full_name,
	        arena_printf(a, USERS_PATH "/%lld", (long long)u->id));
	const char *notice =
	        error ? NULL : notice_text(req_query(r, "thong-bao"));
	const char *unit = admin_unit_name(r, u->unit_id);
	bool locked = u->locked_until > c->now;
	struct user_form fu, fr;
	struct unit *units;
	size_t n;
	enum err e;

	if ((e = store_units(web_store, a, &units, &n)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	form_from_user(&fu, u);
	form_from_user(&fr, u);
	tv_set(ctx, "f", form_view(r, profile ? profile : &fu, units, n));
	tv_set(ctx, "fr", form_view(r, roles ? roles : &fr, units, n));
	tv_set_int(ctx, "id", u->id);
	tv_set_str(ctx, "full_name", u->full_name);
	tv_set_str(ctx, "email", u->email);
	tv_set_str(ctx, "unit", *unit ? unit : "—");
	tv_set_str(ctx, "roles", admin_role_names(r, u));
	tv_set_bool(ctx, "active", u->active);
	tv_set_bool(ctx, "locked", locked);
	tv_set_str(ctx, "locked_until", time_or(r, u->locked_until, ""));
	tv_set_int(ctx, "failed_count", u->failed_count);
	tv_set_bool(ctx, "must_change", u->must_change_password);
	tv_set_bool(ctx, "totp_active", totp_active(u));
	tv_set_bool(ctx, "is_self", u->id == c->user.id);
	tv_set_str(ctx, "last_login",
	           time_or(r, u->last_login_at, "Chưa đăng nhập lần nào"));
	tv_set_str(ctx, "created", time_or(r, u->created_at, "—"));
	tv_set_str(ctx, "password_changed",
	           time_or(r, u->password_changed_at, "—"));
	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_bool(ctx, "has_notice", notice != NULL);
	tv_set_str(ctx, "notice", notice ? notice : "");
	tv_set_bool(ctx, "nav_users", true);
	web_render(r, rs, "admin/user", ctx);
}

void
admin_user_page(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct user u;

	if (load_target(r, rs, &u))
		render_user(r, rs, c, &u, NULL, NULL, NULL);
}

/* 303 to the account page of id with notice code. */
static void
back_to(struct req *r, struct resp *rs, int64_t id, const char *code)
{
	resp_redirect(rs, 303,
	              arena_printf(r->arena, USERS_PATH "/%lld?thong-bao=%s",
	                           (long long)id, code));
}

static const char msg_fix[] =
        "Chưa lưu: vui lòng sửa các mục được đánh dấu bên dưới.";

void
admin_user_profile_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct user_form f = {0};
	struct audit_actor actor;
	struct unit *units;
	struct user u, next;
	size_t n;
	enum err e;

	if (!load_target(r, rs, &u))
		return;
	if ((e = store_units(web_store, r->arena, &units, &n)) != ERR_OK ||
	    (e = read_profile(r, &f, u.id, u.unit_id, units, n)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	if (f.bad) {
		render_user(r, rs, c, &u, &f, NULL, msg_fix);
		return;
	}
	next = u;
	next.email = f.email;
	next.full_name = f.full_name;
	next.title = f.title;
	next.phone = f.phone;
	next.unit_id = f.unit_id;
	next.professional = f.professional;
	admin_actor(r, c, &actor);
	e = user_update(web_store, &actor, &next, c->now);
	if (uf_refused(&f, e)) {
		render_user(r, rs, c, &u, &f, NULL, msg_fix);
		return;
	}
	if (e != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	back_to(r, rs, u.id, "da-luu-ho-so");
}

/* A change to an account's status or roles behind the guard rails. */
struct guarded_op {
	const struct audit_actor *actor;
	int64_t self;  /* the administrator acting */
	int64_t id;    /* the account changed */
	bool roles;    /* set mask (else set active) */
	unsigned mask; /* the new roles */
	bool active;   /* the new status */
	time_t now;
	const char *refusal; /* why it was refused (ERR_DENIED) */
};

static const char msg_self_disable[] =
        "Anh/chị không thể tự vô hiệu hóa tài khoản của chính mình.";
static const char msg_self_role[] =
        "Anh/chị không thể tự bỏ vai trò Cán bộ CNTT của chính mình; hãy nhờ "
        "một cán bộ CNTT khác.";
static const char msg_last_admin[] =
        "Đây là cán bộ CNTT quản trị cuối cùng đang hoạt động: không thể "
        "vô hiệu hóa hay bỏ vai trò này, nếu không sẽ không còn ai quản "
        "trị được hệ thống. Hãy giao vai trò Cán bộ CNTT cho người khác "
        "trước.";

static enum err
guarded_tx(struct store *s, void *p)
{
	struct guarded_op *op = p;
	struct arena a = ARENA_INIT;
	const struct user *t = NULL;
	bool loses_admin;
	int admins = 0;
	struct user *v;
	size_t n;
	enum err e;

	arena_init(&a, 4096);
	/* From here every exit goes through out. */
	if ((e = store_users(s, &a, 0, &v, &n)) != ERR_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (v[i].active && user_has_role(&v[i], ROLE_IT_ADMIN))
			admins++;
		if (v[i].id == op->id)
			t = &v[i];
	}
	if (!t) {
		e = ERR_NOTFOUND;
		goto out;
	}
	loses_admin =
	        op->roles ? !(op->mask & ROLE_BIT(ROLE_IT_ADMIN)) : !op->active;
	if (!op->roles && !op->active && t->id == op->self)
		op->refusal = msg_self_disable;
	else if (op->roles && loses_admin && t->id == op->self &&
	         user_has_role(t, ROLE_IT_ADMIN))
		op->refusal = msg_self_role;
	else if (loses_admin && t->active && user_has_role(t, ROLE_IT_ADMIN) &&
	         admins <= 1)
		op->refusal = msg_last_admin;
	if (op->refusal) {
		e = ERR_DENIED;
		goto out;
	}
	if (op->roles)
		e = user_set_roles(s, op->actor, op->id, op->mask, op->now);
	else
		e = user_set_active(s, op->actor, op->id, op->active, op->now);
out:
	arena_release(&a);
	return e;
}

/* Runs op for the account of r; answers the request either way. */
static void
guarded(struct req *r, struct resp *rs, struct admin_ctx *c,
        const struct user *u, struct guarded_op *op, const char *notice,
        const struct user_form *roles)
{
	struct audit_actor actor;
	enum err e;

	admin_actor(r, c, &actor);
	op->actor = &actor;
	op->self = c->user.id;
	op->id = u->id;
	op->now = c->now;
	e = store_tx(web_store, guarded_tx, op);
	if (e == ERR_DENIED && op->refusal) {
		render_user(r, rs, c, u, NULL, roles, op->refusal);
		return;
	}
	if (e != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	back_to(r, rs, u->id, notice);
}

void
admin_user_roles_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct user_form f = {0};
	struct guarded_op op = {.roles = true};
	struct user u;

	if (!load_target(r, rs, &u))
		return;
	read_roles(r, &f);
	if (f.bad) {
		render_user(r, rs, c, &u, NULL, &f,
		            "Chưa lưu vai trò: vui lòng sửa mục được đánh dấu "
		            "bên dưới.");
		return;
	}
	op.mask = f.roles;
	guarded(r, rs, c, &u, &op, "da-luu-vai-tro", &f);
}

static void
set_active(struct req *r, struct resp *rs, struct admin_ctx *c, bool active)
{
	struct guarded_op op = {.active = active};
	struct user u;

	if (load_target(r, rs, &u))
		guarded(r, rs, c, &u, &op,
		        active ? "da-kich-hoat" : "da-vo-hieu-hoa", NULL);
}

void
admin_user_disable_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	set_active(r, rs, c, false);
}

void
admin_user_enable_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	set_active(r, rs, c, true);
}

static bool
is_locked(const struct user *u)
{
	return u->locked_until || u->failed_count;
}

/* A one-button action on the account of r: refused with refusal unless
 * applies(u), else done by fn (which audits it), then back to the
 * account page with notice. */
static void
user_action(struct req *r, struct resp *rs, struct admin_ctx *c,
            bool (*applies)(const struct user *u), const char *refusal,
            enum err (*fn)(struct store *s, const struct audit_actor *actor,
                           int64_t id, time_t now),
            const char *notice)
{
	struct audit_actor actor;
	struct user u;
	enum err e;

	if (!load_target(r, rs, &u))
		return;
	if (!applies(&u)) {
		render_user(r, rs, c, &u, NULL, NULL, refusal);
		return;
	}
	admin_actor(r, c, &actor);
	if ((e = fn(web_store, &actor, u.id, c->now)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	back_to(r, rs, u.id, notice);
}

void
admin_user_unlock_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	user_action(r, rs, c, is_locked, "Tài khoản này không bị khóa.",
	            user_unlock, "da-mo-khoa");
}

void
admin_user_reset_2fa_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	user_action(r, rs, c, totp_active,
	            "Tài khoản này chưa bật xác thực hai lớp.", user_reset_2fa,
	            "da-xoa-xac-thuc");
}

void
admin_user_reset_link_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	char token[RESET_TOKEN_HEX];
	struct audit_actor actor;
	struct user u;
	enum err e;

	if (!load_target(r, rs, &u))
		return;
	admin_actor(r, c, &actor);
	if ((e = reset_link_create(web_store, &actor, u.id, c->now, token)) !=
	    ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	render_link(r, rs, c, &u, token, false);
	sodium_memzero(token, sizeof(token));
}
