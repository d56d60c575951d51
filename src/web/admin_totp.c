/*
 * Enrolment of the second factor in the newsroom (issue 3 item 5):
 * /quan-tri/bat-xac-thuc shows a QR code and the secret of a new TOTP
 * key, activates it when a code from the app proves the app has it, and
 * then shows the ten recovery codes, once.  Roles that need a second
 * factor are sent here by the guard (admin.c, admin_must_enrol) until
 * they have one; anyone else may come from the profile page.
 */
#include "common.h"

#include <sodium.h>

#include "log.h"
#include "qr.h"
#include "recovery.h"
#include "totp.h"
#include "web.h"
#include "web_int.h"
#include "admin_int.h"

/* A pending key younger than this (seconds) is shown again rather than
 * replaced, so that reloading the page does not void a code already
 * scanned; older, too little of TOTP_ENROL_MAX_AGE would be left to
 * finish. */
#define ENROL_REUSE_AGE (TOTP_ENROL_MAX_AGE / 2)

/* What to show for the pending secret secret of c's account. */
static enum err
enrolment_of(struct req *r, struct admin_ctx *c, const char *secret,
             struct totp_enrolment *out)
{
	struct buf b = BUF_INIT;
	enum err e;

	out->secret = secret;
	totp_secret_grouped(&b, secret);
	out->secret_grouped = arena_strdup(r->arena, b.p);
	buf_reset(&b);
	totp_uri(&b, totp_issuer(), c->user.email, secret);
	out->uri = arena_strdup(r->arena, b.p);
	buf_reset(&b);
	e = qr_svg(&b, out->uri, "totp-qr-title", QR_TITLE_TOTP, NULL);
	if (e == ERR_OK)
		out->svg = arena_strdup(r->arena, b.p);
	buf_release(&b);
	return e;
}

/* The enrolment of c's account: the recent pending one, else a new one
 * (fresh: start over even if a recent one exists). */
static enum err
enrolment(struct req *r, struct admin_ctx *c, bool fresh,
          struct totp_enrolment *out)
{
	struct totp_state t;

	if (!fresh &&
	    store_totp_get(web_store, r->arena, c->user.id, &t) == ERR_OK &&
	    web_nonempty(t.pending) && t.pending_at <= c->now &&
	    c->now - t.pending_at < ENROL_REUSE_AGE)
		return enrolment_of(r, c, t.pending, out);
	return totp_enrol_begin(web_store, r->arena, c->user.id, c->now, out);
}

static void
render_enrol(struct req *r, struct resp *rs, struct admin_ctx *c, bool fresh,
             const char *error)
{
	struct totp_enrolment en;
	struct tval *ctx;
	enum err e;

	if ((e = enrolment(r, c, fresh, &en)) != ERR_OK) {
		log_errx("cannot start a totp enrolment for user %lld: %s",
		         (long long)c->user.id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	ctx = admin_ctx_view(r, c, "Bật xác thực hai lớp", ADMIN_ENROL_PATH);
	tv_set_str(ctx, "qr_svg", en.svg);
	tv_set_str(ctx, "secret_grouped", en.secret_grouped);
	tv_set_str(ctx, "uri", en.uri);
	tv_set_bool(ctx, "has_error", error != NULL);
	tv_set_str(ctx, "error", error ? error : "");
	web_render(r, rs, "admin/enrol", ctx);
}

void
admin_enrol_form(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	if (totp_active(&c->user)) {
		resp_redirect(rs, 303, "/quan-tri/ho-so");
		return;
	}
	render_enrol(r, rs, c, false, NULL);
}

void
admin_enrol_post(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	const char *code = req_form(r, "ma");
	struct recovery_codes codes;
	struct audit_actor actor;
	struct tval *ctx, *list;
	enum err e;

	if (totp_active(&c->user)) {
		resp_redirect(rs, 303, "/quan-tri/ho-so");
		return;
	}
	if (!web_nonempty(code)) {
		render_enrol(r, rs, c, false,
		             "Vui lòng nhập mã gồm 6 chữ số trên ứng dụng "
		             "xác thực.");
		return;
	}
	admin_actor(r, c, &actor);
	e = totp_enrol_confirm(web_store, &actor, c->user.id, code, c->now,
	                       &codes);
	switch (e) {
	case ERR_OK:
		break;
	case ERR_INVALID:
		render_enrol(r, rs, c, false,
		             "Mã xác thực gồm đúng 6 chữ số. Vui lòng nhập "
		             "lại.");
		return;
	case ERR_DENIED:
		render_enrol(r, rs, c, false,
		             "Mã xác thực không đúng. Vui lòng kiểm tra giờ "
		             "trên điện thoại và nhập mã mới nhất.");
		return;
	case ERR_NOTFOUND:
		render_enrol(r, rs, c, true,
		             "Mã QR đã hết hạn. Vui lòng xóa tài khoản vừa "
		             "thêm trong ứng dụng, quét mã QR mới dưới đây "
		             "rồi nhập mã.");
		return;
	case ERR_CONFLICT:
		resp_redirect(rs, 303, "/quan-tri/ho-so");
		return;
	default:
		log_errx("cannot confirm the totp enrolment of user %lld: %s",
		         (long long)c->user.id, err_str(e));
		web_fail(r, rs, e);
		return;
	}
	/* Enrolled: nothing is pending any more for the navigation. */
	c->must_enrol = false;
	ctx = admin_ctx_view(r, c, "Mã dự phòng", ADMIN_ENROL_PATH);
	list = tv_list(r->arena);
	for (size_t i = 0; i < RECOVERY_COUNT; i++) {
		struct tval *m = tv_map(r->arena);

		tv_set_str(m, "code", arena_strdup(r->arena, codes.code[i]));
		tv_push(list, m);
	}
	sodium_memzero(&codes, sizeof(codes));
	tv_set(ctx, "codes", list);
	web_render(r, rs, "admin/enrol-done", ctx);
}
