/*
 * The IT administrator's pages for accounts (issue 3 item 4).
 * The guard (admin.c) has checked the session, the IT administrator's
 * role and, on POST, the form token before any of these runs.
 */
#include "common.h"

#include "web.h"
#include "web_int.h"
#include "admin_int.h"

void
admin_users(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct tval *ctx =
	        admin_ctx_view(r, c, "Người dùng", "/quan-tri/nguoi-dung");
	struct tval *list = tv_list(r->arena);
	struct user *v;
	size_t n;
	enum err e;

	if ((e = store_users(web_store, r->arena, 0, &v, &n)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tv_map(r->arena);

		tv_set_str(m, "full_name", v[i].full_name);
		tv_set_str(m, "email", v[i].email);
		tv_set_str(m, "unit", admin_unit_name(r, v[i].unit_id));
		tv_set_str(m, "roles", admin_role_names(r, &v[i]));
		tv_set_bool(m, "active", v[i].active);
		tv_set_bool(m, "locked", v[i].locked_until > c->now);
		tv_push(list, m);
	}
	tv_set(ctx, "users", list);
	tv_set_int(ctx, "count", (int64_t)n);
	tv_set_bool(ctx, "nav_users", true);
	web_render(r, rs, "admin/users", ctx);
}
