/*
 * The newsroom shell's front door (issue 3 items 4, 5, 7, 8): the route
 * table of /quan-tri, in which every route names the permission it
 * needs, and admin_run, the one function that checks it before any
 * handler runs:
 *
 *   1. the client address is in [security] newsroom_allow, else 403;
 *   2. a public route (the log-in form) on POST needs the same origin and
 *      the double-submit token of the log-in form, else 403;
 *   3. otherwise the session cookie must name a live session of an
 *      active account, else 303 to the log-in page; an idle session
 *      (session_idle_minutes, admin_idle_minutes for the IT
 *      administrator) or an old one (session_absolute_hours) is deleted
 *      first and the log-in page says why;
 *   4. every POST needs the same origin and the session's form token,
 *      else 403 and nothing changes;
 *   5. a pending password change, or a second factor the account's role
 *      needs and lacks (admin_must_enrol), allows only ADMIN_SESSION
 *      routes;
 *   6. a role the route needs and the user lacks: 403.
 *
 * Every answer under /quan-tri is no-store (the http layer's default for
 * a response without cache tags, which these never set, so the page
 * cache never keeps them) and carries Strict-Transport-Security when the
 * site is on HTTPS.
 */
#include "common.h"

#include "config.h"
#include "log.h"
#include "role.h"
#include "totp.h"
#include "utf8.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

/* The forged-form message (issue 3 item 7). */
static const char csrf_message[] =
        "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và "
        "thử lại.";

/*
 * The routes.  Each row becomes a struct route for the http layer whose
 * function is a small trampoline calling admin_run with the row's
 * permission, so no route can reach its handler without the check.
 */
#define ADMIN_ROUTES(X)                                                        \
	X(HTTP_M_GET, "/quan-tri", ADMIN_SIGNED_IN, admin_dashboard)           \
	X(HTTP_M_GET, "/quan-tri/dang-nhap", ADMIN_PUBLIC, admin_login_form)   \
	X(HTTP_M_POST, "/quan-tri/dang-nhap", ADMIN_PUBLIC, admin_login_post)  \
	X(HTTP_M_GET, "/quan-tri/quen-mat-khau", ADMIN_PUBLIC,                 \
	  admin_forgot_form)                                                   \
	X(HTTP_M_POST, "/quan-tri/quen-mat-khau", ADMIN_PUBLIC,                \
	  admin_forgot_post)                                                   \
	X(HTTP_M_GET, "/quan-tri/xac-thuc", ADMIN_PUBLIC, admin_2fa_form)      \
	X(HTTP_M_POST, "/quan-tri/xac-thuc", ADMIN_PUBLIC, admin_2fa_post)     \
	X(HTTP_M_GET, "/quan-tri/thong-bao", ADMIN_SIGNED_IN,                  \
	  admin_notify_page)                                                   \
	X(HTTP_M_POST, "/quan-tri/thong-bao/da-doc", ADMIN_SIGNED_IN,          \
	  admin_notify_read)                                                   \
	X(HTTP_M_GET, "/quan-tri/bat-xac-thuc", ADMIN_SESSION,                 \
	  admin_enrol_form)                                                    \
	X(HTTP_M_POST, "/quan-tri/bat-xac-thuc", ADMIN_SESSION,                \
	  admin_enrol_post)                                                    \
	X(HTTP_M_GET, "/quan-tri/don-vi/moi", ADMIN_IT_ADMIN, admin_unit_new)  \
	X(HTTP_M_POST, "/quan-tri/don-vi/moi", ADMIN_IT_ADMIN,                 \
	  admin_unit_create)                                                   \
	X(HTTP_M_GET, "/quan-tri/don-vi/:id", ADMIN_IT_ADMIN, admin_unit_edit) \
	X(HTTP_M_POST, "/quan-tri/don-vi/:id", ADMIN_IT_ADMIN,                 \
	  admin_unit_save)                                                     \
	X(HTTP_M_POST, "/quan-tri/don-vi/:id/dong", ADMIN_IT_ADMIN,            \
	  admin_unit_close)                                                    \
	X(HTTP_M_GET, "/quan-tri/thu-vien", ADMIN_WRITE, admin_media_library)  \
	X(HTTP_M_GET, "/quan-tri/thu-vien/tai-len", ADMIN_WRITE,               \
	  admin_media_upload_form)                                             \
	X(HTTP_M_POST, "/quan-tri/thu-vien/tai-len", ADMIN_WRITE,              \
	  admin_media_upload_post)                                             \
	X(HTTP_M_GET, "/quan-tri/thu-vien/:id", ADMIN_WRITE, admin_media_page) \
	X(HTTP_M_POST, "/quan-tri/thu-vien/:id", ADMIN_WRITE,                  \
	  admin_media_save)                                                    \
	X(HTTP_M_GET, "/quan-tri/tin-bai/:id/tep", ADMIN_SIGNED_IN,            \
	  admin_item_media)                                                    \
	X(HTTP_M_POST, "/quan-tri/tin-bai/:id/tep", ADMIN_SIGNED_IN,           \
	  admin_item_media_post)                                               \
	X(HTTP_M_POST, "/quan-tri/tin-bai/:id/tep/cap-nhat", ADMIN_SIGNED_IN,  \
	  admin_item_media_update)                                             \
	X(HTTP_M_POST, "/quan-tri/tin-bai/:id/tep/anh-dai-dien",               \
	  ADMIN_SIGNED_IN, admin_item_media_cover)                             \
	X(HTTP_M_GET, "/quan-tri/nhat-ky", ADMIN_AUDIT, admin_audit)           \
	X(HTTP_M_GET, "/quan-tri/nhat-ky.csv", ADMIN_AUDIT, admin_audit_csv)   \
	X(HTTP_M_POST, "/quan-tri/nhat-ky/kiem-tra", ADMIN_AUDIT,              \
	  admin_audit_verify)                                                  \
	X(HTTP_M_GET, "/quan-tri/tin-bai/moi", ADMIN_WRITE,                    \
	  admin_item_new_form)                                                 \
	X(HTTP_M_POST, "/quan-tri/tin-bai/moi", ADMIN_WRITE,                   \
	  admin_item_new_post)                                                 \
	X(HTTP_M_GET, "/quan-tri/tin-bai/:id/sua", ADMIN_SIGNED_IN,            \
	  admin_item_edit_form)                                                \
	X(HTTP_M_POST, "/quan-tri/tin-bai/:id/sua", ADMIN_SIGNED_IN,           \
	  admin_item_edit_post)                                                \
	X(HTTP_M_POST, "/quan-tri/chuyen-ma", ADMIN_WRITE, admin_item_convert) \
	X(HTTP_M_POST, "/quan-tri/dang-xuat", ADMIN_SESSION, admin_logout)     \
	X(HTTP_M_POST, "/quan-tri/dang-xuat-tat-ca", ADMIN_SIGNED_IN,          \
	  admin_logout_all)                                                    \
	X(HTTP_M_GET, "/quan-tri/tin-bai/:id", ADMIN_SIGNED_IN,                \
	  admin_item_page)                                                     \
	X(HTTP_M_POST, "/quan-tri/tin-bai/:id/thao-tac", ADMIN_SIGNED_IN,      \
	  admin_item_action)                                                   \
	X(HTTP_M_POST, "/quan-tri/tin-bai/:id/binh-luan", ADMIN_SIGNED_IN,     \
	  admin_item_comment)                                                  \
	X(HTTP_M_GET, "/quan-tri/tin-bai/:id/phien-ban", ADMIN_SIGNED_IN,      \
	  admin_item_revisions)                                                \
	X(HTTP_M_POST, "/quan-tri/tin-bai/:id/phien-ban/:so/khoi-phuc",        \
	  ADMIN_SIGNED_IN, admin_item_restore)                                 \
	X(HTTP_M_GET, "/quan-tri/ho-so", ADMIN_SIGNED_IN, admin_profile)       \
	X(HTTP_M_GET, "/quan-tri/doi-mat-khau", ADMIN_SESSION,                 \
	  admin_password_form)                                                 \
	X(HTTP_M_POST, "/quan-tri/doi-mat-khau", ADMIN_SESSION,                \
	  admin_password_post)                                                 \
	X(HTTP_M_GET, "/quan-tri/nguoi-dung", ADMIN_IT_ADMIN, admin_users)     \
	X(HTTP_M_GET, "/quan-tri/nguoi-dung/moi", ADMIN_IT_ADMIN,              \
	  admin_user_new_form)                                                 \
	X(HTTP_M_POST, "/quan-tri/nguoi-dung/moi", ADMIN_IT_ADMIN,             \
	  admin_user_new_post)                                                 \
	X(HTTP_M_GET, "/quan-tri/nguoi-dung/:id", ADMIN_IT_ADMIN,              \
	  admin_user_page)                                                     \
	X(HTTP_M_POST, "/quan-tri/nguoi-dung/:id/ho-so", ADMIN_IT_ADMIN,       \
	  admin_user_profile_post)                                             \
	X(HTTP_M_POST, "/quan-tri/nguoi-dung/:id/vai-tro", ADMIN_IT_ADMIN,     \
	  admin_user_roles_post)                                               \
	X(HTTP_M_POST, "/quan-tri/nguoi-dung/:id/vo-hieu-hoa", ADMIN_IT_ADMIN, \
	  admin_user_disable_post)                                             \
	X(HTTP_M_POST, "/quan-tri/nguoi-dung/:id/kich-hoat", ADMIN_IT_ADMIN,   \
	  admin_user_enable_post)                                              \
	X(HTTP_M_POST, "/quan-tri/nguoi-dung/:id/mo-khoa", ADMIN_IT_ADMIN,     \
	  admin_user_unlock_post)                                              \
	X(HTTP_M_POST, "/quan-tri/nguoi-dung/:id/xoa-xac-thuc",                \
	  ADMIN_IT_ADMIN, admin_user_reset_2fa_post)                           \
	X(HTTP_M_POST, "/quan-tri/nguoi-dung/:id/dat-lai-mat-khau",            \
	  ADMIN_IT_ADMIN, admin_user_reset_link_post)                          \
	X(HTTP_M_GET, "/quan-tri/dat-lai-mat-khau/:token", ADMIN_PUBLIC,       \
	  admin_reset_form)                                                    \
	X(HTTP_M_POST, "/quan-tri/dat-lai-mat-khau/:token", ADMIN_PUBLIC,      \
	  admin_reset_post)                                                    \
	X(HTTP_M_GET, "/quan-tri/chuyen-muc", ADMIN_SECTIONS, admin_sections)  \
	X(HTTP_M_GET, "/quan-tri/chuyen-muc/moi", ADMIN_SECTIONS,              \
	  admin_section_new)                                                   \
	X(HTTP_M_POST, "/quan-tri/chuyen-muc/moi", ADMIN_SECTIONS,             \
	  admin_section_create)                                                \
	X(HTTP_M_GET, "/quan-tri/chuyen-muc/:id", ADMIN_SECTIONS,              \
	  admin_section_edit)                                                  \
	X(HTTP_M_POST, "/quan-tri/chuyen-muc/:id", ADMIN_SECTIONS,             \
	  admin_section_save)                                                  \
	X(HTTP_M_POST, "/quan-tri/chuyen-muc/:id/len", ADMIN_SECTIONS,         \
	  admin_section_up)                                                    \
	X(HTTP_M_POST, "/quan-tri/chuyen-muc/:id/xuong", ADMIN_SECTIONS,       \
	  admin_section_down)                                                  \
	X(HTTP_M_POST, "/quan-tri/chuyen-muc/:id/an", ADMIN_SECTIONS,          \
	  admin_section_hide)                                                  \
	X(HTTP_M_POST, "/quan-tri/chuyen-muc/:id/hien", ADMIN_SECTIONS,        \
	  admin_section_show)                                                  \
	X(HTTP_M_POST, "/quan-tri/chuyen-muc/:id/xoa", ADMIN_SECTIONS,         \
	  admin_section_delete)                                                \
	X(HTTP_M_GET, "/quan-tri/hang-doi/:code", ADMIN_SIGNED_IN,             \
	  admin_queue_page)                                                    \
	X(HTTP_M_GET, "/quan-tri/don-vi", ADMIN_IT_ADMIN, admin_units)

static void admin_run(struct req *r, struct resp *rs, enum admin_perm perm,
                      admin_handler_fn fn);

#define X(m, pattern, perm, fn)                                                \
	static void fn##__guard(struct req *r, struct resp *rs)                \
	{                                                                      \
		admin_run(r, rs, perm, fn);                                    \
	}
ADMIN_ROUTES(X)
#undef X

#define X(m, pattern, perm, fn) {m, pattern, fn##__guard},
const struct route web_admin_routes[] = {ADMIN_ROUTES(X)};
#undef X
const size_t web_admin_routes_n = ARRAY_SIZE(web_admin_routes);

#define X(m, pattern, perm, fn) {m, pattern, perm, fn},
const struct admin_route admin_routes[] = {ADMIN_ROUTES(X)};
#undef X
const size_t admin_routes_n = ARRAY_SIZE(admin_routes);

int
admin_init(struct buf *err)
{
	const char *bad = NULL;

	if (admin_auth_init(err) != 0)
		return -1;
	if (admin_ranges_valid(config.newsroom_allow, &bad))
		return 0;
	buf_addf(err,
	         "[security] newsroom_allow: not an address range: '%.*s'\n",
	         (int)strcspn(bad, " \t,"), bad);
	return -1;
}

/* The roles that may use a route of each permission (0: any signed-in
 * user), and what the others are told. */
static const unsigned perm_roles[ADMIN_PERM__MAX] = {
        [ADMIN_IT_ADMIN] = ROLE_BIT(ROLE_IT_ADMIN),
        [ADMIN_AUDIT] = ROLE_BIT(ROLE_IT_ADMIN) | ROLE_BIT(ROLE_DIRECTOR),
        [ADMIN_WRITE] = ROLES_AUTHORS,
        [ADMIN_SECTIONS] = ROLES_SECTIONS,
};
static const char *const perm_denied[ADMIN_PERM__MAX] = {
        [ADMIN_IT_ADMIN] = "Trang này chỉ dành cho cán bộ công nghệ thông "
                           "tin quản trị hệ thống.",
        [ADMIN_AUDIT] = "Nhật ký hệ thống chỉ dành cho Giám đốc Sở và cán "
                        "bộ công nghệ thông tin.",
        [ADMIN_WRITE] = "Tài khoản của anh/chị không có quyền viết tin, "
                        "bài hay tải tệp lên.",
        [ADMIN_SECTIONS] = "Quản lý chuyên mục dành cho Tổ thư ký và "
                           "lãnh đạo Ban Biên tập.",
};

static bool
secure(const struct req *r)
{
	return config_https(&config) || r->https;
}

/* "name=value; Path=/quan-tri; HttpOnly; SameSite=Lax[; Secure]", or
 * an expired one to clear it. */
static void
set_cookie(struct req *r, struct resp *rs, const char *name, const char *value)
{
	resp_header(rs, "Set-Cookie",
	            arena_printf(r->arena,
	                         "%s=%s; Path=/quan-tri; HttpOnly; "
	                         "SameSite=Lax%s%s",
	                         name, value ? value : "",
	                         value ? "" : "; Max-Age=0",
	                         secure(r) ? "; Secure" : ""));
}

void
admin_set_session_cookie(struct req *r, struct resp *rs, const char *token)
{
	set_cookie(r, rs, ADMIN_SESSION_COOKIE, token);
}

void
admin_set_csrf_cookie(struct req *r, struct resp *rs, const char *value)
{
	set_cookie(r, rs, ADMIN_CSRF_COOKIE, value);
}

void
admin_set_2fa_cookie(struct req *r, struct resp *rs, const char *value)
{
	set_cookie(r, rs, ADMIN_2FA_COOKIE, value);
}

void
admin_actor(struct req *r, const struct admin_ctx *c, struct audit_actor *out)
{
	out->user_id = c ? c->user.id : 0;
	out->name = c ? c->user.email : "";
	out->addr = r->client_addr ? r->client_addr : "";
}

void
admin_to_login(struct resp *rs, const char *location)
{
	resp_redirect(rs, 303, location ? location : ADMIN_LOGIN_PATH);
}

static bool
same_origin(struct req *r)
{
	return csrf_origin_ok(req_header(r, "Origin"), req_header(r, "Referer"),
	                      config.site.base_url, req_header(r, "Host"),
	                      secure(r));
}

/* A POST must come from our own pages (Origin, or Referer without it)
 * and carry the token want; else 403 and the handler never runs. */
static bool
form_ok(struct req *r, struct resp *rs, const char *want)
{
	const char *why;

	if (!same_origin(r))
		why = "not same origin";
	else if (!csrf_equal(want, req_form(r, ADMIN_CSRF_FIELD)))
		why = "bad or missing token";
	else
		return true;
	log_warnx("refused a form to '%s' from %s: %s", r->path,
	          r->client_addr ? r->client_addr : "?", why);
	http_error(r, rs, 403, csrf_message);
	return false;
}

/* Ends the session of the cookie and sends the browser to log in. */
static void
expire(struct req *r, struct resp *rs, const char *id, const char *notice)
{
	if (id)
		store_session_delete(web_store, id);
	admin_set_session_cookie(r, rs, NULL);
	admin_to_login(rs, notice);
}

/* Loads the session of the cookie into c; false if the request was
 * answered (a redirect to the log-in page). */
static bool
load_session(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	char id[SESSION_TOKEN_HEX];
	unsigned idle;
	enum err e;

	c->token = req_cookie(r, ADMIN_SESSION_COOKIE);
	/* The token has the shape of a CSRF token: 64 hex digits. */
	if (!csrf_well_formed(c->token)) {
		if (c->token)
			admin_set_session_cookie(r, rs, NULL);
		admin_to_login(rs, NULL);
		return false;
	}
	user_session_id(c->token, id);
	if ((e = store_session_get(web_store, r->arena, id, &c->se)) !=
	    ERR_OK) {
		if (e != ERR_NOTFOUND) {
			web_fail(r, rs, e);
			return false;
		}
		expire(r, rs, NULL, NULL);
		return false;
	}
	if ((e = store_user_get(web_store, r->arena, c->se.user_id,
	                        &c->user)) != ERR_OK ||
	    !c->user.active) {
		if (e != ERR_OK && e != ERR_NOTFOUND) {
			web_fail(r, rs, e);
			return false;
		}
		expire(r, rs, c->se.id, NULL);
		return false;
	}
	/* Issue 3 item 5: 15 minutes idle, 5 for the IT administrator, and
	 * an absolute limit whatever the activity. */
	idle = user_has_role(&c->user, ROLE_IT_ADMIN)
	               ? config.admin_idle_minutes
	               : config.session_idle_minutes;
	if (c->now - c->se.last_seen_at > (time_t)idle * 60 ||
	    c->now - c->se.created_at >
	            (time_t)config.session_absolute_hours * 3600) {
		expire(r, rs, c->se.id, ADMIN_LOGIN_NOTICE("het-phien"));
		return false;
	}
	/* A write per request would serialise every page view on the
	 * database; a minute is far finer than the shortest timeout. */
	if (c->now - c->se.last_seen_at >= ADMIN_TOUCH_EVERY)
		store_session_touch(web_store, c->se.id, c->now);
	csrf_token(c->token, c->csrf);
	c->must_change = user_password_expired(&c->user, c->now);
	c->must_enrol = admin_must_enrol(&c->user);
	return true;
}

bool
web_upload_admit(const struct kvlist *cookies)
{
	char id[SESSION_TOKEN_HEX];
	struct arena a;
	struct session se;
	struct user u;
	const char *token = kv_get(cookies, ADMIN_SESSION_COOKIE);
	time_t now = time(NULL);
	bool ok = false;

	arena_init(&a, 0);
	if (csrf_well_formed(token)) {
		user_session_id(token, id);
		/* The guard checks the rest (idle time, roles, pending
		 * steps) once the body is in; this only keeps strangers
		 * from making the server hold one. */
		ok = store_session_get(web_store, &a, id, &se) == ERR_OK &&
		     now - se.created_at <=
		             (time_t)config.session_absolute_hours * 3600 &&
		     store_user_get(web_store, &a, se.user_id, &u) == ERR_OK &&
		     u.active;
	}
	arena_release(&a);
	return ok;
}

bool
admin_must_enrol(const struct user *u)
{
	return totp_required(u) && !totp_active(u) && !web_demo_site();
}

static void
admin_run(struct req *r, struct resp *rs, enum admin_perm perm,
          admin_handler_fn fn)
{
	struct admin_ctx *c = arena_calloc(r->arena, 1, sizeof(*c));

	c->now = time(NULL);
	if (secure(r))
		resp_header(rs, "Strict-Transport-Security",
		            "max-age=31536000; includeSubDomains");
	if (!admin_addr_allowed(config.newsroom_allow, r->client_addr)) {
		http_error(r, rs, 403,
		           "Trang quản trị chỉ mở cho các địa chỉ mạng của "
		           "cơ quan.");
		return;
	}
	if (perm == ADMIN_PUBLIC) {
		if (r->method == HTTP_POST &&
		    !form_ok(r, rs, req_cookie(r, ADMIN_CSRF_COOKIE)))
			return;
		fn(r, rs, NULL);
		return;
	}
	if (!load_session(r, rs, c))
		return;
	if (r->method == HTTP_POST && !form_ok(r, rs, c->csrf))
		return;
	if (c->must_change && perm != ADMIN_SESSION) {
		resp_redirect(rs, 303, ADMIN_PASSWORD_PATH);
		return;
	}
	if (c->must_enrol && perm != ADMIN_SESSION) {
		resp_redirect(rs, 303, ADMIN_ENROL_PATH);
		return;
	}
	if (perm_roles[perm] && !(user_roles(&c->user) & perm_roles[perm])) {
		http_error(r, rs, 403, perm_denied[perm]);
		return;
	}
	fn(r, rs, c);
}

struct tval *
admin_ctx_view(struct req *r, struct admin_ctx *c, const char *title,
               const char *path)
{
	struct arena *a = r->arena;
	struct tval *ctx = web_ctx(r, NULL, NULL), *page;

	page = web_page(r, ctx, title, NULL, path);
	tv_set_bool(page, "noindex", true);
	tv_set_bool(ctx, "signed_in", c != NULL);
	if (c) {
		struct tval *me = tv_map(a);
		struct buf b = BUF_INIT;
		int64_t unread = 0;

		tv_set_str(me, "name", c->user.full_name);
		tv_set_str(me, "email", c->user.email);
		role_format_names(&b, user_roles(&c->user));
		tv_set_str(me, "roles", arena_strndup(a, b.p, b.len));
		buf_release(&b);
		tv_set_bool(me, "is_it_admin",
		            user_has_role(&c->user, ROLE_IT_ADMIN));
		tv_set_bool(me, "can_audit",
		            (user_roles(&c->user) & perm_roles[ADMIN_AUDIT]) !=
		                    0);
		tv_set_bool(me, "can_write",
		            (user_roles(&c->user) & ROLES_AUTHORS) != 0);
		tv_set_bool(me, "can_sections",
		            (user_roles(&c->user) & ROLES_SECTIONS) != 0);
		tv_set_bool(me, "must_change", c->must_change);
		tv_set_bool(me, "must_enrol", c->must_enrol);
		/* Only the pages that clear what is pending, and log-out. */
		tv_set_bool(me, "restricted", c->must_change || c->must_enrol);
		/* The navigation's unread count: one indexed COUNT; absent
		 * when none (0 is true to Mustache). */
		if (store_notify_count(web_store, c->user.id, NULL, &unread) ==
		            ERR_OK &&
		    unread > 0)
			tv_set_int(me, "unread", unread);
		tv_set(ctx, "me", me);
		tv_set_str(ctx, "csrf", c->csrf);
	}
	return ctx;
}

const char *
admin_form_text(struct req *r, const char *key)
{
	struct str t = web_trim(req_form(r, key));
	char *s;

	/* The http layer refused invalid UTF-8 already. */
	s = utf8_nfc_dup(r->arena, t.p, t.len);
	return s ? s : "";
}

const char *
admin_unit_name(struct req *r, int64_t id)
{
	struct unit u;

	if (id && store_unit_get(web_store, r->arena, id, &u) == ERR_OK)
		return u.name;
	return "";
}

const char *
admin_role_names(struct req *r, const struct user *u)
{
	struct buf b = BUF_INIT;
	const char *s;

	role_format_names(&b, user_roles(u));
	s = arena_strndup(r->arena, b.p, b.len);
	buf_release(&b);
	return s;
}
