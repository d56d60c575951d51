/*
 * One-time password reset links (issue 3 item 3): the IT administrator
 * makes a link for an account (the newsroom's account page, or `ttdt
 * user reset-link`) and hands it over; whoever opens it sets a new
 * password, once.  Self-service reset by e-mail comes with mail.
 *
 * A link carries a token of 256 random bits (64 hex digits); the
 * database keeps only its SHA-256 (user_session_id, as for sessions), so
 * a copy of the database opens nothing.  A link works for
 * RESET_LINK_SECONDS, once, and only while it is the account's newest:
 * making a link voids the earlier unused ones.  Using it sets the
 * password (the policy applies; no change is asked at the next log-in),
 * marks the link used, ends every session of the account and clears its
 * lock, all in one transaction.  Both steps are audited
 * ("user.reset-link", "user.reset-link-used"); the token never goes to
 * the log.
 */
#ifndef TTDT_RESET_H
#define TTDT_RESET_H

#include <stdbool.h>

#include "audit.h"
#include "password.h"
#include "store.h"
#include "user.h"

/* The token: 64 hex digits and a NUL (the size of a session token). */
#define RESET_TOKEN_HEX SESSION_TOKEN_HEX
/* How long a link works: a working day to hand it over and use it, and
 * short enough that a forgotten printout or chat message soon opens
 * nothing.  A constant for now; a [security] setting if an agency needs
 * another value. */
#define RESET_LINK_SECONDS (24 * 3600)

/* What a token names. */
enum reset_state {
	RESET_USABLE,
	RESET_UNKNOWN,  /* no such link (or not a token at all) */
	RESET_USED,     /* used already */
	RESET_VOIDED,   /* replaced by a newer link for the account */
	RESET_EXPIRED,  /* older than RESET_LINK_SECONDS */
	RESET_DISABLED, /* the account is disabled */
	RESET__MAX
};

/* True if token has the shape of a token: 64 lower-case hex digits. */
bool reset_token_well_formed(const char *token);

/*
 * Makes a link for account user_id valid until now + RESET_LINK_SECONDS,
 * voids the account's earlier unused links and audits "user.reset-link"
 * (expiry and how many were voided; not the token), in one transaction.
 * token gets the token (for the link, shown once) on ERR_OK only.
 * ERR_NOTFOUND if there is no such account; else the store's errors.
 */
enum err reset_link_create(struct store *s, const struct audit_actor *actor,
                           int64_t user_id, time_t now,
                           char token[RESET_TOKEN_HEX]);

/*
 * What token names at now: *state, and with RESET_USABLE or
 * RESET_DISABLED the account in *u (strings in a; u may be NULL).
 * ERR_OK whenever *state is set; errors only for the store's failures.
 */
enum err reset_link_check(struct store *s, struct arena *a, const char *token,
                          time_t now, enum reset_state *state, struct user *u);

/*
 * Uses the link of token: sets password pw on its account if the policy
 * accepts it, marks the link used, ends every session of the account,
 * clears its lock and failure count, and audits "user.passwd",
 * "user.unlock" (if it was locked) and "user.reset-link-used", with the
 * account itself, from client_addr, as the actor; all or nothing.
 * ERR_GONE with *state if the link is not usable (then nothing changes);
 * ERR_INVALID with *problem if the policy refuses pw (the link stays
 * usable).  state and problem may be NULL.
 */
enum err reset_link_use(struct store *s, const char *token, const char *pw,
                        const char *client_addr, time_t now,
                        enum reset_state *state,
                        enum password_problem *problem);

#endif
