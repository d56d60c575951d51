/*
 * Units (Điều 8.1: the organisation with addresses, phones, fax and
 * e-mail; Điều 9.1.a: each unit names a focal point).  Validation and
 * auditing here; rows in store_people.c.  District-level government was
 * abolished in 2025: district offices are closed, not deleted, and their
 * people moved, so history keeps who belonged where.
 */
#include "common.h"

#include "unit.h"
#include "utf8.h"

const struct unit_seed unit_seed_table[] = {
        {"van-phong", "Văn phòng Sở"},
        {"phong-chuyen-mon", "Thanh tra Sở"},
        {"phong-chuyen-mon", "Phòng Xây dựng, Kiểm tra và Phổ biến pháp luật"},
        {"phong-chuyen-mon", "Phòng Hành chính tư pháp"},
        {"phong-chuyen-mon", "Phòng Bổ trợ tư pháp"},
        {"trung-tam", "Trung tâm Trợ giúp pháp lý nhà nước tỉnh Kon Tum"},
        {"trung-tam", "Trung tâm Dịch vụ đấu giá tài sản tỉnh Kon Tum"},
        {"phong-tu-phap-huyen", "Phòng Tư pháp thành phố Kon Tum"},
        {"phong-tu-phap-huyen", "Phòng Tư pháp huyện Đắk Glei"},
        {"phong-tu-phap-huyen", "Phòng Tư pháp huyện Ngọc Hồi"},
        {"phong-tu-phap-huyen", "Phòng Tư pháp huyện Đắk Tô"},
        {"phong-tu-phap-huyen", "Phòng Tư pháp huyện Kon Plông"},
        {"phong-tu-phap-huyen", "Phòng Tư pháp huyện Kon Rẫy"},
        {"phong-tu-phap-huyen", "Phòng Tư pháp huyện Đắk Hà"},
        {"phong-tu-phap-huyen", "Phòng Tư pháp huyện Sa Thầy"},
        {"phong-tu-phap-huyen", "Phòng Tư pháp huyện Tu Mơ Rông"},
        {"phong-tu-phap-huyen", "Phòng Tư pháp huyện Ia H'Drai"},
};

const size_t unit_seed_count = ARRAY_SIZE(unit_seed_table);

enum err
unit_kind_find(struct store *s, const char *code, int64_t *id)
{
	struct arena a = ARENA_INIT;
	struct unit_kind *k;
	size_t n;
	enum err e;

	*id = 0;
	arena_init(&a, 1024);
	if ((e = store_unit_kinds(s, &a, &k, &n)) == ERR_OK) {
		e = ERR_NOTFOUND;
		for (size_t i = 0; i < n; i++)
			if (code && strcmp(k[i].code, code) == 0) {
				*id = k[i].id;
				e = ERR_OK;
			}
	}
	arena_release(&a);
	return e;
}

static bool
text_ok(const char *s, bool required)
{
	if (!s)
		return !required;
	if (required && !*s)
		return false;
	return utf8_valid(s, strlen(s));
}

/* Checks what the schema cannot: text, an open parent, a known focal
 * point.  Inside the caller's transaction. */
static enum err
unit_check(struct store *s, struct arena *a, const struct unit *u)
{
	struct unit parent;
	struct user focal;
	enum err e;

	if (!text_ok(u->name, true) || !text_ok(u->address, false) ||
	    !text_ok(u->phone, false) || !text_ok(u->fax, false) ||
	    !text_ok(u->email, false) || u->kind_id <= 0)
		return ERR_INVALID;
	if (u->parent_id) {
		if (u->parent_id == u->id)
			return ERR_INVALID;
		e = store_unit_get(s, a, u->parent_id, &parent);
		if (e == ERR_NOTFOUND || (e == ERR_OK && parent.closed_at))
			return ERR_INVALID;
		if (e != ERR_OK)
			return e;
	}
	if (u->focal_user_id) {
		e = store_user_get(s, a, u->focal_user_id, &focal);
		if (e == ERR_NOTFOUND)
			return ERR_INVALID;
		if (e != ERR_OK)
			return e;
	}
	return ERR_OK;
}

/* The fields of a unit as audit detail (before NULL: a creation). */
static void
unit_diff(struct audit_detail *d, const struct unit *before,
          const struct unit *after)
{
	audit_detail_change(d, "name", before ? before->name : NULL,
	                    after->name);
	audit_detail_change_int(d, "kind_id", before ? before->kind_id : 0,
	                        after->kind_id);
	audit_detail_change_int(d, "parent_id", before ? before->parent_id : 0,
	                        after->parent_id);
	audit_detail_change(d, "address", before ? before->address : NULL,
	                    after->address);
	audit_detail_change(d, "phone", before ? before->phone : NULL,
	                    after->phone);
	audit_detail_change(d, "fax", before ? before->fax : NULL, after->fax);
	audit_detail_change(d, "email", before ? before->email : NULL,
	                    after->email);
	audit_detail_change_int(d, "focal_user_id",
	                        before ? before->focal_user_id : 0,
	                        after->focal_user_id);
	audit_detail_change_int(d, "position", before ? before->position : 0,
	                        after->position);
}

struct unit_op {
	const struct audit_actor *actor;
	struct unit *u;       /* create */
	const struct unit *c; /* update */
	int64_t id, move_to, moved;
	time_t now;
};

static enum err
create_tx(struct store *s, void *p)
{
	struct unit_op *op = p;
	struct arena a = ARENA_INIT;
	struct audit_detail d;
	enum err e;

	arena_init(&a, 1024);
	audit_detail_init(&d);
	op->u->created_at = op->now;
	op->u->closed_at = 0;
	if ((e = unit_check(s, &a, op->u)) != ERR_OK)
		goto out;
	if ((e = store_unit_insert(s, op->u)) != ERR_OK)
		goto out;
	unit_diff(&d, NULL, op->u);
	e = audit_append(s, op->actor, op->now, "unit.add", "unit", op->u->id,
	                 audit_detail_json(&d));
out:
	audit_detail_release(&d);
	arena_release(&a);
	return e;
}

enum err
unit_create(struct store *s, const struct audit_actor *actor, struct unit *u,
            time_t now)
{
	struct unit_op op = {.actor = actor, .u = u, .now = now};

	return store_tx(s, create_tx, &op);
}

static enum err
update_tx(struct store *s, void *p)
{
	struct unit_op *op = p;
	struct arena a = ARENA_INIT;
	struct audit_detail d;
	struct unit before, next;
	enum err e;

	arena_init(&a, 1024);
	audit_detail_init(&d);
	if ((e = store_unit_get(s, &a, op->c->id, &before)) != ERR_OK)
		goto out;
	/* A closed unit is history: its record stays as it was. */
	if (before.closed_at) {
		e = ERR_CONFLICT;
		goto out;
	}
	next = *op->c;
	next.created_at = before.created_at;
	next.closed_at = before.closed_at;
	if ((e = unit_check(s, &a, &next)) != ERR_OK)
		goto out;
	if ((e = store_unit_update(s, &next)) != ERR_OK)
		goto out;
	unit_diff(&d, &before, &next);
	if (audit_detail_any(&d))
		e = audit_append(s, op->actor, op->now, "unit.edit", "unit",
		                 next.id, audit_detail_json(&d));
out:
	audit_detail_release(&d);
	arena_release(&a);
	return e;
}

enum err
unit_update(struct store *s, const struct audit_actor *actor,
            const struct unit *u, time_t now)
{
	struct unit_op op = {.actor = actor, .c = u, .now = now};

	return store_tx(s, update_tx, &op);
}

static enum err
close_tx(struct store *s, void *p)
{
	struct unit_op *op = p;
	struct arena a = ARENA_INIT;
	struct unit u, to;
	struct user *users;
	size_t n, active = 0;
	enum err e;

	arena_init(&a, 4096);
	if ((e = store_unit_get(s, &a, op->id, &u)) != ERR_OK)
		goto out;
	if (u.closed_at) {
		e = ERR_CONFLICT;
		goto out;
	}
	if (op->move_to) {
		e = store_unit_get(s, &a, op->move_to, &to);
		if (op->move_to == op->id || e == ERR_NOTFOUND ||
		    (e == ERR_OK && to.closed_at)) {
			e = ERR_INVALID;
			goto out;
		}
		if (e != ERR_OK)
			goto out;
	}
	if ((e = store_users(s, &a, op->id, &users, &n)) != ERR_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		active += users[i].active;
	if (active && !op->move_to) {
		e = ERR_CONFLICT;
		goto out;
	}
	for (size_t i = 0; op->move_to && i < n; i++) {
		struct audit_detail d;

		users[i].unit_id = op->move_to;
		if ((e = store_user_update(s, &users[i])) != ERR_OK)
			goto out;
		audit_detail_init(&d);
		audit_detail_change_int(&d, "unit_id", op->id, op->move_to);
		e = audit_append(s, op->actor, op->now, "user.edit", "user",
		                 users[i].id, audit_detail_json(&d));
		audit_detail_release(&d);
		if (e != ERR_OK)
			goto out;
		op->moved++;
	}
	u.closed_at = op->now;
	if ((e = store_unit_update(s, &u)) != ERR_OK)
		goto out;
	{
		struct audit_detail d;

		audit_detail_init(&d);
		audit_detail_str(&d, "name", u.name);
		if (op->move_to)
			audit_detail_int(&d, "moved_to", op->move_to);
		audit_detail_int(&d, "moved", op->moved);
		e = audit_append(s, op->actor, op->now, "unit.close", "unit",
		                 u.id, audit_detail_json(&d));
		audit_detail_release(&d);
	}
out:
	arena_release(&a);
	return e;
}

enum err
unit_close(struct store *s, const struct audit_actor *actor, int64_t id,
           int64_t move_to, time_t now, int64_t *moved)
{
	struct unit_op op = {
	        .actor = actor, .id = id, .move_to = move_to, .now = now};
	enum err e = store_tx(s, close_tx, &op);

	if (moved)
		*moved = e == ERR_OK ? op.moved : 0;
	return e;
}

static enum err
seed_tx(struct store *s, void *p)
{
	struct unit_op *op = p;
	struct arena a = ARENA_INIT;
	struct unit *have;
	size_t n;
	enum err e;

	arena_init(&a, 1024);
	if ((e = store_units(s, &a, &have, &n)) != ERR_OK || n > 0)
		goto out;
	for (size_t i = 0; i < unit_seed_count; i++) {
		struct unit u = {0};

		if ((e = unit_kind_find(s, unit_seed_table[i].kind,
		                        &u.kind_id)) != ERR_OK)
			goto out;
		u.name = unit_seed_table[i].name;
		u.position = (int)i + 1;
		op->u = &u;
		if ((e = create_tx(s, op)) != ERR_OK)
			goto out;
	}
out:
	arena_release(&a);
	return e;
}

enum err
unit_seed(struct store *s, const struct audit_actor *actor, time_t now)
{
	struct unit_op op = {.actor = actor, .now = now};

	return store_tx(s, seed_tx, &op);
}
