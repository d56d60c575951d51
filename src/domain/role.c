/*
 * The roles table (DESIGN, people and roles): code and Vietnamese name
 * of each role, indexed by enum role.  Codes are stored in the database
 * (account_role, whose CHECK lists the same codes) and typed on the
 * command line, so they never change once released.
 */
#include "common.h"

#include "role.h"

static const struct {
	const char *code;
	const char *name;
	bool needs_2fa;
} roles[ROLE__MAX] = {
        {"director", "Giám đốc Sở", true},           /* ROLE_DIRECTOR */
        {"board-head", "Trưởng Ban Biên tập", true}, /* ROLE_BOARD_HEAD */
        {"board-deputy", "Phó Trưởng Ban Biên tập",
         true}, /* ROLE_BOARD_DEPUTY */
        {"board-member", "Thành viên Ban Biên tập",
         false},                                  /* ROLE_BOARD_MEMBER */
        {"secretariat", "Tổ thư ký", false},      /* ROLE_SECRETARIAT */
        {"office", "Văn phòng Sở", false},        /* ROLE_OFFICE */
        {"staff", "Công chức, viên chức", false}, /* ROLE_STAFF */
        {"unit-focal", "Đầu mối đơn vị", false},  /* ROLE_UNIT_FOCAL */
        {"district-collaborator", "Cộng tác viên cấp huyện",
         false}, /* ROLE_DISTRICT_COLLABORATOR */
        {"district-head", "Trưởng phòng Tư pháp cấp huyện",
         false},                           /* ROLE_DISTRICT_HEAD */
        {"it-admin", "Cán bộ CNTT", true}, /* ROLE_IT_ADMIN */
};

const char *
role_code(enum role r)
{
	return (unsigned)r < ROLE__MAX ? roles[r].code : NULL;
}

const char *
role_name(enum role r)
{
	return (unsigned)r < ROLE__MAX ? roles[r].name : NULL;
}

bool
role_needs_2fa(enum role r)
{
	return (unsigned)r < ROLE__MAX && roles[r].needs_2fa;
}

/* The role whose code is p[0..n). */
static bool
role_from_span(const char *p, size_t n, enum role *out)
{
	for (int r = 0; r < ROLE__MAX; r++)
		if (strlen(roles[r].code) == n &&
		    memcmp(roles[r].code, p, n) == 0) {
			*out = (enum role)r;
			return true;
		}
	return false;
}

bool
role_from_code(const char *code, enum role *out)
{
	return code && role_from_span(code, strlen(code), out);
}

bool
role_parse_list(const char *list, unsigned *mask, const char **bad)
{
	const char *p = list ? list : "";

	*mask = 0;
	while (*p) {
		size_t n;
		enum role r;

		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		n = strcspn(p, ", ");
		if (!role_from_span(p, n, &r)) {
			if (bad)
				*bad = p;
			return false;
		}
		*mask |= ROLE_BIT(r);
		p += n;
	}
	return true;
}

void
role_format_list(struct buf *out, unsigned mask)
{
	bool first = true;

	for (int r = 0; r < ROLE__MAX; r++) {
		if (!(mask & ROLE_BIT(r)))
			continue;
		if (!first)
			buf_addch(out, ',');
		buf_adds(out, roles[r].code);
		first = false;
	}
}

void
role_format_names(struct buf *out, unsigned mask)
{
	bool first = true;

	for (int r = 0; r < ROLE__MAX; r++) {
		if (!(mask & ROLE_BIT(r)))
			continue;
		if (!first)
			buf_adds(out, ", ");
		buf_adds(out, roles[r].name);
		first = false;
	}
}
