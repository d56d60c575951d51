/*
 * The pages of the newsroom shell (issue 3 item 4): the dashboard, the
 * profile and the password change.  The guard (admin.c) has checked the
 * session, the permission and, on POST, the form token before any of
 * these runs.
 */
#include "common.h"

#include "config.h"
#include "log.h"
#include "recovery.h"
#include "role.h"
#include "totp.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

void
admin_dashboard(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct tval *ctx =
	        admin_ctx_view(r, c, "Trang tổng quan", ADMIN_HOME_PATH);
	const char *unit = admin_unit_name(r, c->user.unit_id);
	const char *q = req_query(r, "thong-bao");
	struct tval *queues;
	enum err e;

	/* Only the queues the user has: none (the IT administrator) shows
	 * no "to do" section at all. */
	if ((e = admin_queue_summary(r, c, &queues)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	tv_set(ctx, "queues", queues);
	tv_set_bool(ctx, "has_queues", tv_len(queues) > 0);
	if ((e = admin_notify_recent(r, c, ctx)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	tv_set_str(ctx, "unit", unit);
	tv_set_bool(ctx, "has_unit", *unit != '\0');
	tv_set_bool(ctx, "password_changed", q && !strcmp(q, "doi-mat-khau"));
	tv_set_bool(ctx, "nav_home", true);
	web_render(r, rs, "admin/dashboard", ctx);
}

void
admin_profile(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct tval *ctx =
	        admin_ctx_view(r, c, "Hồ sơ cá nhân", "/quan-tri/ho-so");
	const struct user *u = &c->user;
	const char *unit = admin_unit_name(r, u->unit_id);

	tv_set_str(ctx, "full_name", u->full_name);
	tv_set_str(ctx, "email", u->email);
	tv_set_str(ctx, "title", web_nonempty(u->title) ? u->title : "—");
	tv_set_str(ctx, "phone", web_nonempty(u->phone) ? u->phone : "—");
	tv_set_str(ctx, "unit", *unit ? unit : "—");
	tv_set_str(ctx, "roles", admin_role_names(r, u));
	tv_set_str(ctx, "last_login",
	           u->last_login_at ? web_time(r->arena, u->last_login_at,
	                                       VNTIME_DATETIME)
	                            : "Chưa đăng nhập lần nào");
	tv_set_str(ctx, "password_changed",
	           u->password_changed_at
	                   ? web_time(r->arena, u->password_changed_at,
	                              VNTIME_DATETIME)
	                   : "—");
	tv_set_str(ctx, "session_started",
	           web_time(r->arena, c->se.created_at, VNTIME_DATETIME));
	tv_set_bool(ctx, "totp_active", totp_active(u));
	tv_set_int(ctx, "recovery_left", recovery_remaining(u->recovery_codes));
	tv_set_bool(ctx, "nav_profile", true);
	web_render(r, rs, "admin/profile", ctx);
}

static void
render_password(struct req *r, struct resp *rs, struct admin_ctx *c,
                const char *error)
{
	struct tval *ctx =
	        admin_ctx_view(r, c, "Đổi mật khẩu", ADMIN_PASSWORD_PATH);

	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_int(ctx, "min_length", config.password_min_length);
	tv_set_bool(ctx, "nav_password", true);
	web_render(r, rs, "admin/password", ctx);
}

void
admin_password_form(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	render_password(r, rs, c, NULL);
}

struct passwd_op {
	struct admin_ctx *c;
	struct audit_actor actor;
	const char *pw;
	enum password_problem problem;
	const char *client_addr;
	const char *user_agent;
	char token[SESSION_TOKEN_HEX];
};

/* The new password, the end of every session of the account and this
 * browser's new session commit together. */
static enum err
passwd_tx(struct store *s, void *p)
{
	struct passwd_op *op = p;
	enum err e;

	if ((e = user_set_password(s, &op->actor, op->c->user.id, op->pw, false,
	                           op->c->now, &op->problem)) != ERR_OK)
		return e;
	if ((e = store_session_delete_user(s, op->c->user.id, NULL)) != ERR_OK)
		return e;
	return user_session_start(s, op->c->user.id, op->client_addr,
	                          op->user_agent, op->c->now, op->token);
}

void
admin_password_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *cur = req_form(r, "mat_khau_cu");
	const char *pw = req_form(r, "mat_khau_moi");
	const char *again = req_form(r, "mat_khau_moi_lai");
	struct passwd_op op = {.c = c, .pw = pw};
	enum err e;

	if (!web_nonempty(cur) || !web_nonempty(pw) || !web_nonempty(again)) {
		render_password(r, rs, c,
		                "Vui lòng nhập mật khẩu hiện tại và mật khẩu "
		                "mới (hai lần).");
		return;
	}
	/* Whoever sits at an unlocked screen must still know the password
	 * to change it.  Wrong guesses count like failed log-ins, so a
	 * stolen session cannot try passwords here at argon2 speed: the
	 * account locks, and the lock ends every session. */
	switch (user_check_current_password(web_store, c->user.id, cur,
	                                    r->client_addr, c->now)) {
	case LOGIN_OK:
		break;
	case LOGIN_DENIED:
		render_password(r, rs, c, "Mật khẩu hiện tại không đúng.");
		return;
	case LOGIN_LOCKED:
		/* The domain ended the account's sessions if this guess
		 * locked it; this one ends in any case. */
		store_session_delete(web_store, c->se.id);
		admin_set_session_cookie(r, rs, NULL);
		admin_to_login(rs, ADMIN_LOGIN_NOTICE("tai-khoan-tam-khoa"));
		return;
	case LOGIN_THROTTLED: /* not from this check */
	case LOGIN_ERROR:
	default:
		web_fail(r, rs, ERR_DB);
		return;
	}
	if (strcmp(pw, again)) {
		render_password(r, rs, c,
		                "Hai lần nhập mật khẩu mới không giống nhau.");
		return;
	}
	if (!strcmp(pw, cur)) {
		render_password(r, rs, c,
		                "Mật khẩu mới phải khác mật khẩu hiện tại.");
		return;
	}
	admin_actor(r, c, &op.actor);
	op.client_addr = r->client_addr;
	op.user_agent = req_header(r, "User-Agent");
	e = store_tx(web_store, passwd_tx, &op);
	if (e == ERR_INVALID && op.problem == PASSWORD_TOO_SHORT) {
		render_password(
		        r, rs, c,
		        arena_printf(r->arena,
		                     "%s Mật khẩu cần ít nhất %u ký tự.",
		                     password_problem_vi(op.problem),
		                     config.password_min_length));
		return;
	}
	if (e == ERR_INVALID && op.problem != PASSWORD_OK) {
		render_password(r, rs, c, password_problem_vi(op.problem));
		return;
	}
	if (e != ERR_OK) {
		log_errx("cannot change the password of user %lld: %s",
		         (long long)c->user.id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	/* Every other browser is logged out; this one gets a new token. */
	admin_set_session_cookie(r, rs, arena_strdup(r->arena, op.token));
	resp_redirect(rs, 303, ADMIN_HOME_PATH "?thong-bao=doi-mat-khau");
}
