/*
 * The IT administrator's pages for units (issue 3 item 1, 4).
 * The guard (admin.c) has checked the session, the IT administrator's
 * role and, on POST, the form token before any of these runs.
 */
#include "common.h"

#include "web.h"
#include "web_int.h"
#include "admin_int.h"

void
admin_units(struct req *r, struct resp *rs, struct admin_ctx *c)
{
	struct tval *ctx = admin_ctx_view(r, c, "Đơn vị", "/quan-tri/don-vi");
	struct tval *list = tv_list(r->arena);
	struct unit *v;
	size_t n;
	enum err e;

	if ((e = store_units(web_store, r->arena, &v, &n)) != ERR_OK) {
		web_fail(r, rs, e);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct tval *m = tv_map(r->arena);

		tv_set_str(m, "name", v[i].name);
		tv_set_str(m, "kind", v[i].kind_name ? v[i].kind_name : "");
		tv_set_str(m, "phone", v[i].phone ? v[i].phone : "");
		tv_set_str(m, "email", v[i].email ? v[i].email : "");
		tv_set_bool(m, "closed", v[i].closed_at != 0);
		tv_push(list, m);
	}
	tv_set(ctx, "units", list);
	tv_set_int(ctx, "count", (int64_t)n);
	tv_set_bool(ctx, "nav_units", true);
	web_render(r, rs, "admin/units", ctx);
}
