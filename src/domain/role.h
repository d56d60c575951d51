/*
 * Roles of the newsroom (DESIGN, people and roles; regulation Điều 5,
 * 12–18).  A person may hold several: a set of roles is a bit mask,
 * bit (1u << role).  This file holds the roles themselves; what a role
 * may do to an item (action × state × role × object rule) is the one
 * table of src/domain/workflow.c (wf_rules), since its rows are made of
 * item states and rules about the item.
 */
#ifndef TTDT_ROLE_H
#define TTDT_ROLE_H

#include <stdbool.h>

#include "buf.h"

enum role {
	ROLE_DIRECTOR,     /* Giám đốc Sở */
	ROLE_BOARD_HEAD,   /* Trưởng Ban Biên tập */
	ROLE_BOARD_DEPUTY, /* Phó Trưởng Ban Biên tập */
	ROLE_BOARD_MEMBER, /* Thành viên Ban Biên tập */
	ROLE_SECRETARIAT,  /* Tổ thư ký */
	ROLE_OFFICE,       /* Văn phòng Sở */
	ROLE_STAFF,        /* Công chức, viên chức */
	ROLE_UNIT_FOCAL,   /* Đầu mối của đơn vị (Điều 9.1.a) */
	ROLE_DISTRICT_COLLABORATOR, /* Cộng tác viên cấp huyện (Điều 18) */
	ROLE_DISTRICT_HEAD,         /* Trưởng phòng Tư pháp huyện */
	ROLE_IT_ADMIN,              /* Cán bộ CNTT */
	ROLE__MAX
};

#define ROLE_BIT(r) (1u << (unsigned)(r))
#define ROLE_ALL (ROLE_BIT(ROLE__MAX) - 1u)

/* Who writes items: Điều 17.1.d (Office), 16.2 (Secretariat), 17.3
 * (staff), 9.1.a (focal points), 18.1 (collaborators), the Board. */
#define ROLES_AUTHORS                                                          \
	(ROLE_BIT(ROLE_BOARD_HEAD) | ROLE_BIT(ROLE_BOARD_DEPUTY) |             \
	 ROLE_BIT(ROLE_BOARD_MEMBER) | ROLE_BIT(ROLE_SECRETARIAT) |            \
	 ROLE_BIT(ROLE_OFFICE) | ROLE_BIT(ROLE_STAFF) |                        \
	 ROLE_BIT(ROLE_UNIT_FOCAL) | ROLE_BIT(ROLE_DISTRICT_COLLABORATOR) |    \
	 ROLE_BIT(ROLE_DISTRICT_HEAD))
/* Who sees and edits every file of the media library: the Board, the
 * Secretariat and the Office, who edit and publish every item.  Other
 * authors see and edit only what they uploaded themselves. */
#define ROLES_LIBRARY                                                          \
	(ROLE_BIT(ROLE_BOARD_HEAD) | ROLE_BIT(ROLE_BOARD_DEPUTY) |             \
	 ROLE_BIT(ROLE_BOARD_MEMBER) | ROLE_BIT(ROLE_SECRETARIAT) |            \
	 ROLE_BIT(ROLE_OFFICE))
/* Who manages the section tree (Điều 16: the Secretariat keeps the
 * site's structure; the Head and Deputy of the Board oversee it). */
#define ROLES_SECTIONS                                                         \
	(ROLE_BIT(ROLE_SECRETARIAT) | ROLE_BIT(ROLE_BOARD_HEAD) |              \
	 ROLE_BIT(ROLE_BOARD_DEPUTY))

/* Stable code used in the database and on the command line ("it-admin"),
 * or NULL for a value out of range. */
const char *role_code(enum role r);
/* Vietnamese name ("Cán bộ CNTT"), NFC; NULL out of range. */
const char *role_name(enum role r);
/* The role of a code; false if none has it. */
bool role_from_code(const char *code, enum role *out);
/* True if the role must log in with a second factor (issue 3: the IT
 * administrator, the Director, the Head and the Deputy Head). */
bool role_needs_2fa(enum role r);

/*
 * Parses a comma-separated list of codes ("director,it-admin"; spaces
 * around codes allowed, empty list allowed) into a mask.  Returns false
 * and sets *bad (may be NULL) to the offending code's start if one is
 * unknown.
 */
bool role_parse_list(const char *list, unsigned *mask, const char **bad);
/* Appends the codes of mask, comma-separated, in enum order. */
void role_format_list(struct buf *out, unsigned mask);
/* Appends the Vietnamese names of mask, separated by ", ". */
void role_format_names(struct buf *out, unsigned mask);

#endif
