/*
 * One demo account per role (README.md, "Demo accounts"): names from the
 * demo's leaders (demo_words.c) where there are some, units from
 * unit_seed_table.  The passwords are public by design; they pass the
 * password policy all the same, and must_change_password is off because
 * a demo is for looking around.
 */
#include "common.h"

#include "demo_people.h"
#include "user.h"

const struct demo_account demo_accounts[] = {
        {ROLE_DIRECTOR, "giamdoc@stp-kontum.example", "Trần Minh Thắng",
         "Giám đốc Sở", NULL, "Demo-giamdoc-2026", false},
        {ROLE_BOARD_HEAD, "truongban@stp-kontum.example",
         "Nguyễn Thị Thu Hương", "Phó Giám đốc Sở, Trưởng Ban Biên tập", NULL,
         "Demo-truongban-2026", false},
        {ROLE_BOARD_DEPUTY, "phoban@stp-kontum.example", "Lê Văn Hùng",
         "Phó Giám đốc Sở, Phó Trưởng Ban Biên tập", NULL, "Demo-phoban-2026",
         false},
        {ROLE_BOARD_MEMBER, "thanhvien@stp-kontum.example", "Phạm Thị Lan",
         "Trưởng phòng", "Phòng Hành chính tư pháp", "Demo-thanhvien-2026",
         true},
        {ROLE_SECRETARIAT, "thuky@stp-kontum.example", "Đỗ Ngọc Anh",
         "Chuyên viên", "Văn phòng Sở", "Demo-thuky-2026", true},
        {ROLE_OFFICE, "vanphong@stp-kontum.example", "Hoàng Văn Nam",
         "Chánh Văn phòng", "Văn phòng Sở", "Demo-vanphong-2026", true},
        {ROLE_STAFF, "chuyenvien@stp-kontum.example", "Vũ Thị Mai",
         "Chuyên viên", "Phòng Bổ trợ tư pháp", "Demo-chuyenvien-2026", true},
        {ROLE_UNIT_FOCAL, "daumoi@stp-kontum.example", "Bùi Quang Huy",
         "Chuyên viên", "Phòng Xây dựng, Kiểm tra và Phổ biến pháp luật",
         "Demo-daumoi-2026", true},
        {ROLE_DISTRICT_COLLABORATOR, "congtacvien@stp-kontum.example",
         "Y Thương", "Công chức Tư pháp - Hộ tịch",
         "Phòng Tư pháp huyện Đắk Tô", "Demo-congtacvien-2026", false},
        {ROLE_DISTRICT_HEAD, "truongphong@stp-kontum.example", "A Thiên",
         "Trưởng phòng Tư pháp", "Phòng Tư pháp huyện Đắk Tô",
         "Demo-truongphong-2026", false},
        {ROLE_IT_ADMIN, "cntt@stp-kontum.example", "Ngô Đức Minh",
         "Chuyên viên công nghệ thông tin", "Văn phòng Sở", "Demo-cntt-2026",
         false},
};

const size_t demo_accounts_n = ARRAY_SIZE(demo_accounts);

struct demo_arg {
	const struct audit_actor *actor;
	time_t now;
};

static enum err
demo_tx(struct store *s, void *p)
{
	struct demo_arg *da = p;
	struct arena a = ARENA_INIT;
	struct unit *units;
	size_t nunits;
	enum err e;

	arena_init(&a, 4096);
	if ((e = store_units(s, &a, &units, &nunits)) != ERR_OK)
		goto out;
	for (size_t i = 0; i < demo_accounts_n; i++) {
		const struct demo_account *d = &demo_accounts[i];
		struct user u = {0};

		for (size_t k = 0; d->unit && k < nunits; k++)
			if (strcmp(units[k].name, d->unit) == 0)
				u.unit_id = units[k].id;
		if (d->unit && !u.unit_id) {
			e = ERR_NOTFOUND;
			goto out;
		}
		u.email = d->email;
		u.full_name = d->full_name;
		u.title = d->title;
		u.roles = role_code(d->role);
		u.professional = d->professional;
		u.must_change_password = false;
		if ((e = user_create(s, &a, da->actor, &u, d->password, da->now,
		                     NULL)) != ERR_OK)
			goto out;
	}
out:
	arena_release(&a);
	return e;
}

enum err
demo_people_create(struct store *s, const struct audit_actor *actor, time_t now)
{
	struct demo_arg da = {actor, now};

	return store_tx(s, demo_tx, &da);
}
