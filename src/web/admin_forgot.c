/*
 * Forgotten password by e-mail (issue 4 item 11), /quan-tri/quen-mat-khau:
 * with mail configured, a person types the e-mail of their account and
 * gets a one-time reset link there (mail_password_reset: the same link as
 * the IT administrator's, valid a day, single use).  The answer is the
 * same whether the address has an active account or not, so the page
 * tells nobody who works here.  Without mail the page says whom to ask.
 *
 * Repeated requests are bounded by the server's per-address rate limit;
 * each new link voids the previous one, so a flood of requests leaves
 * one working link, in the account holder's own mailbox.
 */
#include "common.h"

#include "log.h"
#include "mail.h"
#include "user.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

#define FORGOT_PATH "/quan-tri/quen-mat-khau"

static void
render(struct req *r, struct resp *rs, const char *email, const char *error,
       bool sent)
{
	struct tval *ctx =
	        admin_ctx_view(r, NULL, "Quên mật khẩu", FORGOT_PATH);

	tv_set_bool(ctx, "mail_on", mail_enabled());
	tv_set_str(ctx, "csrf", admin_presession_token(r, rs));
	tv_set_str(ctx, "email", email ? email : "");
	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_str(ctx, "error", error ? error : "");
	tv_set_bool(ctx, "sent", sent);
	web_render(r, rs, "admin/forgot", ctx);
}

void
admin_forgot_form(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	(void)c;
	render(r, rs, NULL, NULL, false);
}

void
admin_forgot_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *email = admin_form_text(r, "email"), *norm;
	struct audit_actor actor = {0, "public", r->client_addr};
	enum err e;

	(void)c;
	if (!mail_enabled()) {
		render(r, rs, email, NULL, false);
		return;
	}
	if (user_email_normalise(r->arena, email, &norm) != ERR_OK) {
		render(r, rs, email,
		       "Vui lòng nhập đúng địa chỉ e-mail của tài khoản, ví "
		       "dụ ten@stp.kontum.gov.vn.",
		       false);
		return;
	}
	e = mail_password_reset(web_store, &actor, norm, time(NULL));
	if (e != ERR_OK && e != ERR_NOTFOUND) {
		log_errx("cannot queue a password reset mail: %s", err_str(e));
		web_fail(r, rs, e);
		return;
	}
	render(r, rs, norm, NULL, true);
}
