/*
 * Log-in and log-out of the newsroom (issue 3 items 4, 5, 9).  The
 * guard (admin.c) has already checked the address range and, on POST,
 * the form's origin and token; these handlers only do the work.
 *
 * A failed log-in answers the same for an unknown e-mail and a wrong
 * password; only a locked account is told so, with the time the lock
 * ends, since the person behind it needs to know when to come back.
 */
#include "common.h"

#include "config.h"
#include "log.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

static const char msg_denied[] = "E-mail hoặc mật khẩu không đúng.";
static const char msg_throttled[] =
        "Bạn đã đăng nhập sai nhiều lần liên tiếp. Vui lòng đợi một lát rồi "
        "thử lại.";
static const char msg_missing[] = "Vui lòng nhập e-mail và mật khẩu.";

/* Notices the log-in page shows after a redirect (?thong-bao=code). */
static const struct {
	const char *code;
	const char *text;
} notices[] = {
        {"da-dang-xuat", "Bạn đã đăng xuất."},
        {"da-dang-xuat-tat-ca",
         "Bạn đã đăng xuất khỏi mọi thiết bị và trình duyệt."},
        {"het-phien", "Phiên làm việc đã hết hạn vì lâu không thao tác. "
                      "Vui lòng đăng nhập lại."},
        {"doi-mat-khau-xong", "Mật khẩu đã được đổi. Vui lòng đăng nhập "
                              "lại bằng mật khẩu mới."},
};

static const char *
notice_text(const char *code)
{
	for (size_t i = 0; code && i < ARRAY_SIZE(notices); i++)
		if (!strcmp(code, notices[i].code))
			return notices[i].text;
	return NULL;
}

/* The log-in page with the form token token, the e-mail typed (may be
 * NULL) and an error (may be NULL). */
static void
render_login(struct req *r, struct resp *rs, const char *token,
             const char *email, const char *error)
{
	struct tval *ctx =
	        admin_ctx_view(r, NULL, "Đăng nhập", ADMIN_LOGIN_PATH);
	const char *notice =
	        error ? NULL : notice_text(req_query(r, "thong-bao"));

	tv_set_str(ctx, "csrf", token);
	tv_set_str(ctx, "email", email ? email : "");
	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_bool(ctx, "has_notice", notice != NULL);
	tv_set_str(ctx, "notice", notice ? notice : "");
	web_render(r, rs, "admin/login", ctx);
}

void
admin_login_form(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *have = req_cookie(r, ADMIN_CSRF_COOKIE);
	char *token;

	(void)c;
	/* Keep a token the browser already has, so two tabs with the form
	 * both still work. */
	if (csrf_well_formed(have)) {
		token = arena_strdup(r->arena, have);
	} else {
		token = arena_alloc(r->arena, CSRF_TOKEN_HEX);
		csrf_random(token);
		admin_set_csrf_cookie(r, rs, token);
	}
	render_login(r, rs, token, NULL, NULL);
}

/* The message for a locked account, with the time the lock ends. */
static const char *
locked_message(struct req *r, const char *email)
{
	const char *norm;
	struct user u;

	if (user_email_normalise(r->arena, email, &norm) == ERR_OK &&
	    store_user_by_email(web_store, r->arena, norm, &u) == ERR_OK &&
	    u.locked_until > 0)
		return arena_printf(
		        r->arena,
		        "Tài khoản đang tạm khóa vì đăng nhập sai quá nhiều "
		        "lần, "
		        "đến %s ngày %s. Vui lòng thử lại sau thời điểm đó "
		        "hoặc "
		        "liên hệ cán bộ công nghệ thông tin để được mở khóa.",
		        web_time(r->arena, u.locked_until, VNTIME_TIME),
		        web_time(r->arena, u.locked_until, VNTIME_DATE));
	return "Tài khoản đang tạm khóa vì đăng nhập sai quá nhiều lần. Vui "
	       "lòng liên hệ cán bộ công nghệ thông tin để được mở khóa.";
}

void
admin_login_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *token = req_form(r, ADMIN_CSRF_FIELD);
	const char *email = req_form(r, "email"), *pw = req_form(r, "mat_khau");
	const char *old = req_cookie(r, ADMIN_SESSION_COOKIE);
	char session[SESSION_TOKEN_HEX];
	time_t now = time(NULL);
	struct user u;
	enum err e;

	(void)c;
	if (!web_nonempty(email) || !web_nonempty(pw)) {
		render_login(r, rs, token, email, msg_missing);
		return;
	}
	switch (user_check_password(web_store, r->arena, email, pw,
	                            r->client_addr, now, &u)) {
	case LOGIN_OK:
		break;
	case LOGIN_DENIED:
		render_login(r, rs, token, email, msg_denied);
		return;
	case LOGIN_LOCKED:
		render_login(r, rs, token, email, locked_message(r, email));
		return;
	case LOGIN_THROTTLED:
		render_login(r, rs, token, email, msg_throttled);
		return;
	case LOGIN_ERROR:
	default:
		http_error(r, rs, 500, NULL);
		return;
	}
	/*
	 * NEEDSWORK: the second factor (issue 3 item 5; domain/totp.c) plugs
	 * in here.  For a user who has one, or whose role needs one
	 * (role_needs_2fa) outside a demo database, the password alone must
	 * not start a session: it should start a short-lived pending
	 * half-session and send the browser to /quan-tri/xac-thuc for the
	 * code, and only then call user_session_start.
	 */

	/* A new session on every log-in: a token planted before it (session
	 * fixation) or left from another account is ended, not reused. */
	if (csrf_well_formed(old)) {
		char old_id[SESSION_TOKEN_HEX];

		user_session_id(old, old_id);
		store_session_delete(web_store, old_id);
	}
	if ((e = user_session_start(web_store, u.id, r->client_addr,
	                            req_header(r, "User-Agent"), now,
	                            session)) != ERR_OK) {
		log_errx("cannot start a session for user %lld: %s",
		         (long long)u.id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	admin_set_session_cookie(r, rs, arena_strdup(r->arena, session));
	admin_set_csrf_cookie(r, rs, NULL);
	resp_redirect(rs, 303,
	              user_password_expired(&u, now) ? ADMIN_PASSWORD_PATH
	                                             : ADMIN_HOME_PATH);
}

struct logout_op {
	const struct admin_ctx *c;
	struct audit_actor actor;
	bool everywhere;
};

/* The session(s) go and the entry is written together, or neither. */
static enum err
logout_tx(struct store *s, void *p)
{
	struct logout_op *op = p;
	struct audit_detail d;
	int64_t n = 1;
	enum err e;

	if (op->everywhere)
		e = store_session_delete_user(s, op->c->user.id, &n);
	else
		e = store_session_delete(s, op->c->se.id);
	if (e != ERR_OK && e != ERR_NOTFOUND)
		return e;
	audit_detail_init(&d);
	audit_detail_int(&d, "sessions", n);
	e = audit_append(s, &op->actor, op->c->now,
	                 op->everywhere ? "logout.all" : "logout", "user",
	                 op->c->user.id, audit_detail_json(&d));
	audit_detail_release(&d);
	return e;
}

static void
logout(struct req *r, struct resp *rs, struct admin_ctx *c, bool everywhere)
{
	struct logout_op op = {.c = c, .everywhere = everywhere};
	enum err e;

	admin_actor(r, c, &op.actor);
	if ((e = store_tx(web_store, logout_tx, &op)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	admin_set_session_cookie(r, rs, NULL);
	admin_to_login(rs, everywhere
	                           ? ADMIN_LOGIN_NOTICE("da-dang-xuat-tat-ca")
	                           : ADMIN_LOGIN_NOTICE("da-dang-xuat"));
}

void
admin_logout(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	logout(r, rs, c, false);
}

void
admin_logout_all(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	logout(r, rs, c, true);
}
