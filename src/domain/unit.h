/*
 * Units (Điều 8.1, 9.1.a): the Department's Office, divisions and
 * centres and the district justice offices, each with kind, contacts and
 * its focal point.  Kinds are data (unit_kind).  A unit is never deleted:
 * closing it keeps it in history, and its people can be moved to another
 * unit in the same step.  Every change is audited (audit.h).
 */
#ifndef TTDT_UNIT_H
#define TTDT_UNIT_H

#include "audit.h"
#include "store.h"

/* A unit as seeded by ttdt init: kind code and name. */
struct unit_seed {
	const char *kind;
	const char *name;
};

extern const struct unit_seed unit_seed_table[];
extern const size_t unit_seed_count;

/* The id of the kind with this code; ERR_NOTFOUND if none. */
enum err unit_kind_find(struct store *s, const char *code, int64_t *id);

/*
 * Creates u (sets u->id and u->created_at = now) and audits "unit.add".
 * ERR_INVALID for an empty or non-UTF-8 name, an unknown kind, a parent
 * or focal point that does not exist, a closed parent.
 */
enum err unit_create(struct store *s, const struct audit_actor *actor,
                     struct unit *u, time_t now);
/* Writes u's fields (not created_at, not closed_at) and audits
 * "unit.edit" with before/after of what changed.  ERR_NOTFOUND,
 * ERR_CONFLICT for a closed unit (kept as it was), or ERR_INVALID as
 * for create (and for a parent loop). */
enum err unit_update(struct store *s, const struct audit_actor *actor,
                     const struct unit *u, time_t now);
/*
 * Closes unit id at now ("unit.close").  Its accounts move to move_to
 * first (each audited "user.edit"), if move_to is not 0.  ERR_CONFLICT
 * if active accounts remain in it and move_to is 0, or it is already
 * closed; ERR_INVALID if move_to is id, closed or unknown.  *moved (may
 * be NULL) gets the number of accounts moved.
 */
enum err unit_close(struct store *s, const struct audit_actor *actor,
                    int64_t id, int64_t move_to, time_t now, int64_t *moved);
/* Creates unit_seed_table's units if there is no unit yet, in one
 * transaction, audited.  ERR_OK and nothing done otherwise. */
enum err unit_seed(struct store *s, const struct audit_actor *actor,
                   time_t now);

#endif
