/*
 * The demo database's accounts: one per role, with passwords documented
 * in README.md ("Demo accounts").  Only `ttdt init --demo` creates them;
 * in a demo database they need no password change (the site shows a demo
 * banner).
 */
#ifndef TTDT_DEMO_PEOPLE_H
#define TTDT_DEMO_PEOPLE_H

#include "audit.h"
#include "role.h"
#include "store.h"

struct demo_account {
	enum role role;
	const char *email;
	const char *full_name;
	const char *title;
	const char *unit; /* a name in unit_seed_table, or NULL */
	const char *password;
	bool professional;
};

extern const struct demo_account demo_accounts[];
extern const size_t demo_accounts_n;

/* Creates every demo account (audited) in one transaction.  Errors:
 * those of user_create; ERR_NOTFOUND if a unit named is missing. */
enum err demo_people_create(struct store *s, const struct audit_actor *actor,
                            time_t now);

#endif
