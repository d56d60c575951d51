/*
 * Log-in and log-out of the newsroom (issue 3 items 4, 5, 9).  The
 * guard (admin.c) has already checked the address range and, on POST,
 * the form's origin and token; these handlers only do the work.
 *
 * A failed log-in answers the same for an unknown e-mail and a wrong
 * password; only a locked account is told so, with the time the lock
 * ends, since the person behind it needs to know when to come back.
 *
 * An account with a second factor gets no session for its password: it
 * gets a pending log-in, a cookie "UID.EXPIRY.MAC" valid for
 * ADMIN_2FA_MAX_AGE seconds and MAC'd (crypto_auth), and the page
 * /quan-tri/xac-thuc that asks for the code.  A cookie and not a session
 * row: a session row would need a column to say it is only half a
 * log-in, and every check of a session would have to remember it.  The
 * key lives in the database (setting "login_key", made by the first node
 * to start), so that the code may be posted to any node.
 */
#include "common.h"

#include <sodium.h>

#include "config.h"
#include "log.h"
#include "mail.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"
#include "recovery.h"
#include "totp.h"

static const char msg_denied[] = "E-mail hoặc mật khẩu không đúng.";
static const char msg_throttled[] = "Anh/chị đã đăng nhập sai nhiều lần liên "
                                    "tiếp. Vui lòng đợi một lát rồi "
                                    "thử lại.";
static const char msg_missing[] = "Vui lòng nhập e-mail và mật khẩu.";
static const char msg_code_missing[] =
        "Vui lòng nhập mã xác thực gồm 6 chữ số hoặc một mã dự phòng.";
static const char msg_code_denied[] =
        "Mã xác thực không đúng hoặc đã được dùng. Vui lòng đợi mã mới "
        "trên ứng dụng rồi nhập lại.";
static const char msg_recovery_denied[] =
        "Mã dự phòng không đúng hoặc đã được dùng.";

/* The key of the pending log-in cookie; made once by admin_auth_init. */
static unsigned char pending_key[crypto_auth_KEYBYTES];

/* Notices the log-in page shows after a redirect (?thong-bao=code). */
static const struct {
	const char *code;
	const char *text;
} notices[] = {
        {"da-dang-xuat", "Anh/chị đã đăng xuất."},
        {"da-dang-xuat-tat-ca",
         "Anh/chị đã đăng xuất khỏi mọi thiết bị và trình duyệt."},
        {"het-phien", "Phiên làm việc đã hết hạn vì lâu không thao tác. "
                      "Vui lòng đăng nhập lại."},
        {"doi-mat-khau-xong", "Mật khẩu đã được đổi. Vui lòng đăng nhập "
                              "lại bằng mật khẩu mới."},
        {"dat-mat-khau-xong", "Đã đặt mật khẩu. Vui lòng đăng nhập bằng "
                              "mật khẩu mới."},
        {"tai-khoan-tam-khoa",
         "Tài khoản đã bị tạm khóa vì nhập sai mật khẩu quá nhiều lần và "
         "mọi phiên làm việc đã kết thúc. Vui lòng thử lại sau hoặc liên "
         "hệ cán bộ công nghệ thông tin để được mở khóa."},
        {"het-han-xac-thuc", "Đã quá thời gian nhập mã xác thực. Vui lòng "
                             "đăng nhập lại."},
};

int
admin_auth_init(struct buf *err)
{
	char hex[2 * crypto_auth_KEYBYTES + 1];
	struct arena a = ARENA_INIT;
	const char *have = NULL;
	size_t n = 0;
	enum err e;

	if (sodium_init() < 0)
		abort();
	crypto_auth_keygen(pending_key);
	sodium_bin2hex(hex, sizeof(hex), pending_key, sizeof(pending_key));
	sodium_memzero(pending_key, sizeof(pending_key));
	e = store_setting_add(web_store, "login_key", hex);
	if (e == ERR_OK)
		e = store_setting_get(web_store, &a, "login_key", &have);
	sodium_memzero(hex, sizeof(hex));
	if (e == ERR_OK &&
	    (strlen(have) != 2 * crypto_auth_KEYBYTES ||
	     sodium_hex2bin(pending_key, sizeof(pending_key), have,
	                    strlen(have), NULL, &n, NULL) != 0 ||
	     n != sizeof(pending_key)))
		e = ERR_DB;
	arena_release(&a);
	if (e != ERR_OK) {
		buf_addf(err, "cannot read or make the log-in key: %s",
		         err_str(e));
		return -1;
	}
	return 0;
}

/* The pending log-in cookie of user_id until expires. */
static const char *
pending_make(struct arena *a, int64_t user_id, time_t expires)
{
	unsigned char mac[crypto_auth_BYTES];
	char hex[2 * crypto_auth_BYTES + 1];
	const char *msg = arena_printf(a, "%lld.%lld", (long long)user_id,
	                               (long long)expires);

	crypto_auth(mac, (const unsigned char *)msg, strlen(msg), pending_key);
	sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
	return arena_printf(a, "%s.%s", msg, hex);
}

/* The user of r's pending log-in cookie if it is ours and not expired;
 * else 0. */
static int64_t
pending_user(struct req *r, time_t now)
{
	const char *v = req_cookie(r, ADMIN_2FA_COOKIE), *dot;
	unsigned char mac[crypto_auth_BYTES];
	long long id, exp;
	size_t n;
	char *end;

	if (!v || !(dot = strrchr(v, '.')) ||
	    strlen(dot + 1) != 2 * crypto_auth_BYTES ||
	    sodium_hex2bin(mac, sizeof(mac), dot + 1, strlen(dot + 1), NULL, &n,
	                   NULL) != 0 ||
	    n != sizeof(mac) ||
	    crypto_auth_verify(mac, (const unsigned char *)v, (size_t)(dot - v),
	                       pending_key) != 0)
		return 0;
	/* Authentic, so written by pending_make: "ID.EXPIRY". */
	id = strtoll(v, &end, 10);
	if (*end != '.')
		return 0;
	exp = strtoll(end + 1, &end, 10);
	if (end != dot || id <= 0 || exp < (long long)now)
		return 0;
	return (int64_t)id;
}

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
	tv_set_bool(ctx, "mail_on", mail_enabled());
	web_render(r, rs, "admin/login", ctx);
}

const char *
admin_presession_token(struct req *r, struct resp *rs)
{
	const char *have = req_cookie(r, ADMIN_CSRF_COOKIE);
	char *token;

	if (csrf_well_formed(have))
		return arena_strdup(r->arena, have);
	token = arena_alloc(r->arena, CSRF_TOKEN_HEX);
	csrf_random(token);
	admin_set_csrf_cookie(r, rs, token);
	return token;
}

void
admin_login_form(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	(void)c;
	render_login(r, rs, admin_presession_token(r, rs), NULL, NULL);
}

/* The message for the locked account u (NULL: not found), with the time
 * the lock ends. */
static const char *
locked_text(struct req *r, const struct user *u)
{
	if (u && u->locked_until > 0)
		return arena_printf(
		        r->arena,
		        "Tài khoản đang tạm khóa vì đăng nhập sai quá nhiều "
		        "lần, "
		        "đến %s ngày %s. Vui lòng thử lại sau thời điểm đó "
		        "hoặc "
		        "liên hệ cán bộ công nghệ thông tin để được mở khóa.",
		        web_time(r->arena, u->locked_until, VNTIME_TIME),
		        web_time(r->arena, u->locked_until, VNTIME_DATE));
	return "Tài khoản đang tạm khóa vì đăng nhập sai quá nhiều lần. Vui "
	       "lòng liên hệ cán bộ công nghệ thông tin để được mở khóa.";
}

/* The same for the account of the e-mail typed. */
static const char *
locked_message(struct req *r, const char *email)
{
	const char *norm;
	struct user u;

	if (user_email_normalise(r->arena, email, &norm) == ERR_OK &&
	    store_user_by_email(web_store, r->arena, norm, &u) == ERR_OK)
		return locked_text(r, &u);
	return locked_text(r, NULL);
}

/* Starts the session of u on this browser and sends it on: the last
 * step of a log-in, with or without a second factor. */
static void
start_session(struct req *r, struct resp *rs, const struct user *u, time_t now)
{
	const char *old = req_cookie(r, ADMIN_SESSION_COOKIE);
	char session[SESSION_TOKEN_HEX];
	enum err e;

	/* A new session on every log-in: a token planted before it (session
	 * fixation) or left from another account is ended, not reused. */
	if (csrf_well_formed(old)) {
		char old_id[SESSION_TOKEN_HEX];

		user_session_id(old, old_id);
		store_session_delete(web_store, old_id);
	}
	if ((e = user_session_start(web_store, u->id, r->client_addr,
	                            req_header(r, "User-Agent"), now,
	                            session)) != ERR_OK) {
		log_errx("cannot start a session for user %lld: %s",
		         (long long)u->id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	admin_set_session_cookie(r, rs, arena_strdup(r->arena, session));
	admin_set_csrf_cookie(r, rs, NULL);
	/* The password change comes first; the guard (admin.c) then sends
	 * an account that must enrol a second factor to do so. */
	resp_redirect(rs, 303,
	              user_password_expired(u, now) ? ADMIN_PASSWORD_PATH
	              : admin_must_enrol(u)         ? ADMIN_ENROL_PATH
	                                            : ADMIN_HOME_PATH);
}

void
admin_login_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *token = req_form(r, ADMIN_CSRF_FIELD);
	const char *email = req_form(r, "email"), *pw = req_form(r, "mat_khau");
	time_t now = time(NULL);
	struct user u;

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
	/* The password is right; a second factor, if any, must follow
	 * before a session exists.  The form's token cookie stays: the code
	 * form posts with it. */
	if (totp_active(&u)) {
		admin_set_2fa_cookie(
		        r, rs,
		        pending_make(r->arena, u.id, now + ADMIN_2FA_MAX_AGE));
		resp_redirect(rs, 303, ADMIN_2FA_PATH);
		return;
	}
	start_session(r, rs, &u, now);
}

/* The second-factor page with the form token token and an error (may
 * be NULL); recovery: the recovery code form is the one open. */
static void
render_2fa(struct req *r, struct resp *rs, const char *token, const char *error,
           bool recovery)
{
	struct tval *ctx =
	        admin_ctx_view(r, NULL, "Xác thực hai lớp", ADMIN_2FA_PATH);

	tv_set_str(ctx, "csrf", token);
	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_bool(ctx, "recovery", recovery);
	web_render(r, rs, "admin/second-factor", ctx);
}

/* No (more) pending log-in: back to the password. */
static void
pending_expired(struct req *r, struct resp *rs)
{
	if (req_cookie(r, ADMIN_2FA_COOKIE))
		admin_set_2fa_cookie(r, rs, NULL);
	admin_to_login(rs, ADMIN_LOGIN_NOTICE("het-han-xac-thuc"));
}

void
admin_2fa_form(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	(void)c;
	if (!pending_user(r, time(NULL))) {
		pending_expired(r, rs);
		return;
	}
	render_2fa(r, rs, admin_presession_token(r, rs), NULL,
	           req_query(r, "du-phong") != NULL);
}

void
admin_2fa_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *token = req_form(r, ADMIN_CSRF_FIELD);
	const char *code = req_form(r, "ma");
	const char *rec = req_form(r, "ma_du_phong");
	bool recovery = web_nonempty(rec);
	time_t now = time(NULL);
	int64_t id = pending_user(r, now);
	enum login_result res;
	struct user u;
	enum err e;

	(void)c;
	if (!id) {
		pending_expired(r, rs);
		return;
	}
	if (!recovery && !web_nonempty(code)) {
		render_2fa(r, rs, token, msg_code_missing, false);
		return;
	}
	res = recovery ? recovery_use(web_store, id, rec, r->client_addr, now)
	               : totp_verify(web_store, id, code, r->client_addr, now);
	switch (res) {
	case LOGIN_OK:
		break;
	case LOGIN_DENIED:
		render_2fa(r, rs, token,
		           recovery ? msg_recovery_denied : msg_code_denied,
		           recovery);
		return;
	case LOGIN_LOCKED:
		/* Nothing more to try for hours: the log-in starts over. */
		admin_set_2fa_cookie(r, rs, NULL);
		render_login(r, rs, token, NULL,
		             locked_text(r, store_user_get(web_store, r->arena,
		                                           id, &u) == ERR_OK
		                                    ? &u
		                                    : NULL));
		return;
	case LOGIN_THROTTLED:
		render_2fa(r, rs, token, msg_throttled, recovery);
		return;
	case LOGIN_ERROR:
	default:
		http_error(r, rs, 500, NULL);
		return;
	}
	if ((e = store_user_get(web_store, r->arena, id, &u)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	admin_set_2fa_cookie(r, rs, NULL);
	start_session(r, rs, &u, now);
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
