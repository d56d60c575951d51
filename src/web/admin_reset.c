/*
 * The public page of a one-time password reset link (issue 3 item 3),
 * /quan-tri/dat-lai-mat-khau/:token: whoever holds the link the IT
 * administrator handed over sets the account's password here, once
 * (reset.h).  No session is needed; the form carries the pre-session
 * form token (admin_presession_token), which the guard checks on POST
 * with the Origin, as for the log-in form.
 *
 * The token is in the URL, so every answer says Referrer-Policy:
 * no-referrer: the page's own requests (style sheets, the logo) and any
 * link followed from it must not carry it anywhere.
 */
#include "common.h"

#include "config.h"
#include "log.h"
#include "reset.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

#define RESET_PATH "/quan-tri/dat-lai-mat-khau"

/*
 * A link that does not work.  An unknown token is 404: nothing by that
 * name exists (and a guess learns no more than that).  A used, replaced
 * or expired one is 410 Gone: it existed and will never work again, so
 * the person knows to ask for a new one rather than to retype it.  A
 * disabled account is 403: the link may work again once the account is
 * enabled.
 */
static void
render_gone(struct req *r, struct resp *rs, enum reset_state st)
{
	static const struct {
		int status;
		const char *title;
		const char *text;
	} why[RESET__MAX] = {
	        /* RESET_USABLE: not used */
	        {200, "", ""},
	        /* RESET_UNKNOWN */
	        {404, "Liên kết không hợp lệ",
	         "Liên kết đặt mật khẩu này không tồn tại. Vui lòng kiểm tra "
	         "lại đường dẫn (cần chép đủ cả dãy ký tự), hoặc liên hệ cán "
	         "bộ công nghệ thông tin để được cấp liên kết mới."},
	        /* RESET_USED */
	        {410, "Liên kết đã được dùng",
	         "Liên kết này đã được dùng để đặt mật khẩu và chỉ dùng được "
	         "một lần. Nếu không phải anh/chị đã đặt, vui lòng báo ngay "
	         "cho "
	         "cán bộ công nghệ thông tin."},
	        /* RESET_VOIDED */
	        {410, "Liên kết đã được thay thế",
	         "Đã có liên kết mới hơn được cấp cho tài khoản này nên liên "
	         "kết này không còn dùng được. Vui lòng dùng liên kết mới "
	         "nhất."},
	        /* RESET_EXPIRED */
	        {410, "Liên kết đã hết hạn",
	         "Liên kết đặt mật khẩu chỉ dùng được trong một thời gian "
	         "ngắn và đã hết hạn. Vui lòng liên hệ cán bộ công nghệ "
	         "thông tin để được cấp liên kết mới."},
	        /* RESET_DISABLED */
	        {403, "Tài khoản đang bị vô hiệu hóa",
	         "Tài khoản của liên kết này đang bị vô hiệu hóa. Vui lòng "
	         "liên hệ cán bộ công nghệ thông tin."},
	};
	struct tval *ctx;

	if ((unsigned)st >= RESET__MAX || st == RESET_USABLE)
		st = RESET_UNKNOWN;
	ctx = admin_ctx_view(r, NULL, why[st].title, RESET_PATH);
	tv_set_str(ctx, "title", why[st].title);
	tv_set_str(ctx, "text", why[st].text);
	web_render(r, rs, "admin/reset-gone", ctx);
	rs->status = why[st].status;
}

static void
render_form(struct req *r, struct resp *rs, const struct user *u,
            const char *error)
{
	struct tval *ctx = admin_ctx_view(r, NULL, "Đặt mật khẩu", RESET_PATH);

	tv_set_str(ctx, "csrf", admin_presession_token(r, rs));
	tv_set_str(ctx, "action", r->path);
	tv_set_str(ctx, "full_name", u->full_name);
	tv_set_str(ctx, "email", u->email);
	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_int(ctx, "min_length", config.password_min_length);
	web_render(r, rs, "admin/reset", ctx);
}

/* The state of the link of r; false if the request was answered (the
 * link does not work, or the store failed). */
static bool
check_link(struct req *r, struct resp *rs, time_t now, struct user *u)
{
	const char *token = r->nparams ? r->params[0] : NULL;
	enum reset_state st;
	enum err e;

	resp_header(rs, "Referrer-Policy", "no-referrer");
	if ((e = reset_link_check(web_store, r->arena, token, now, &st, u)) !=
	    ERR_OK) {
		web_fail(r, rs, e);
		return false;
	}
	if (st != RESET_USABLE) {
		render_gone(r, rs, st);
		return false;
	}
	return true;
}

void
admin_reset_form(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct user u;

	(void)c;
	if (check_link(r, rs, time(NULL), &u))
		render_form(r, rs, &u, NULL);
}

void
admin_reset_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *pw = req_form(r, "mat_khau_moi");
	const char *again = req_form(r, "mat_khau_moi_lai");
	time_t now = time(NULL);
	enum password_problem pp = PASSWORD_OK;
	enum reset_state st = RESET_UNKNOWN;
	struct user u;
	enum err e;

	(void)c;
	if (!check_link(r, rs, now, &u))
		return;
	if (!web_nonempty(pw) || !web_nonempty(again)) {
		render_form(r, rs, &u, "Vui lòng nhập mật khẩu mới (hai lần).");
		return;
	}
	if (strcmp(pw, again)) {
		render_form(r, rs, &u,
		            "Hai lần nhập mật khẩu mới không giống nhau.");
		return;
	}
	/* Checked again inside the transaction that sets the password. */
	e = reset_link_use(web_store, r->params[0], pw, r->client_addr, now,
	                   &st, &pp);
	if (e == ERR_GONE) {
		render_gone(r, rs, st);
		return;
	}
	if (e == ERR_INVALID && pp == PASSWORD_TOO_SHORT) {
		render_form(r, rs, &u,
		            arena_printf(r->arena,
		                         "%s Mật khẩu cần ít nhất %u ký tự.",
		                         password_problem_vi(pp),
		                         config.password_min_length));
		return;
	}
	if (e == ERR_INVALID && pp != PASSWORD_OK) {
		render_form(r, rs, &u, password_problem_vi(pp));
		return;
	}
	if (e != ERR_OK) {
		log_errx("cannot set a password by reset link for user %lld: "
		         "%s",
		         (long long)u.id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	admin_to_login(rs, ADMIN_LOGIN_NOTICE("dat-mat-khau-xong"));
}
