/*
 * Accounts (issue 3): people with roles, a unit, a password and a
 * lock-out state kept in the database, so every node and every restart
 * sees the same.  Nobody is deleted: accounts are disabled.  Every change
 * is audited in the same transaction (audit.h); log-ins, failed or not,
 * are audited too.
 *
 * The web log-in calls user_check_password; the command line calls the
 * rest.  Lock-out (TCVN 14423 x.5.2.2): [security] lockout_attempts
 * failures lock the account for lockout_hours, or until user_unlock.
 * Before that, each client address waits longer after each failure
 * (user_login_delay).
 */
#ifndef TTDT_USER_H
#define TTDT_USER_H

#include "audit.h"
#include "password.h"
#include "role.h"
#include "store.h"

/* Longest e-mail address accepted (RFC 5321 path limit). */
#define USER_EMAIL_MAX 254
/* Session tokens: 256 random bits, as 64 hex digits and a NUL; the
 * session id is the hex SHA-256 of the token, the same size. */
#define SESSION_TOKEN_HEX 65

enum login_result {
	LOGIN_OK,
	LOGIN_DENIED,    /* unknown e-mail, wrong password or disabled */
	LOGIN_LOCKED,    /* too many failures: locked until locked_until */
	LOGIN_THROTTLED, /* this address must wait (user_login_delay) */
	LOGIN_ERROR,     /* the store failed (logged) */
};

/* The roles of u as a mask (unknown codes ignored). */
unsigned user_roles(const struct user *u);
bool user_has_role(const struct user *u, enum role r);

/* Trims and lower-cases (ASCII) an e-mail address into the arena;
 * ERR_INVALID unless it has one '@' with text on both sides, a dot in
 * the domain, no spaces or control characters, and at most
 * USER_EMAIL_MAX bytes. */
enum err user_email_normalise(struct arena *a, const char *in,
                              const char **out);

/*
 * Creates an account from u (email normalised, roles a comma-separated
 * list of role codes, unit_id 0 or an open unit) with password pw, and
 * audits "user.add".  Sets u->id, u->created_at and u->password_hash
 * (in a).  ERR_INVALID for a bad e-mail, name, role or unit, or a
 * password the policy refuses (*problem says why; may be NULL);
 * ERR_CONFLICT if the e-mail is taken.
 */
enum err user_create(struct store *s, struct arena *a,
                     const struct audit_actor *actor, struct user *u,
                     const char *pw, time_t now,
                     enum password_problem *problem);
/* Writes the profile of u (e-mail, name, title, unit, phone,
 * professional flag) to account u->id, audits "user.edit" with what
 * changed (a move to another unit is such a change). */
enum err user_update(struct store *s, const struct audit_actor *actor,
                     const struct user *u, time_t now);
/* Sets a new password after the policy check ("user.passwd"); must_change
 * makes the next log-in ask for another (an administrator's reset).
 * ERR_INVALID with *problem if the policy refuses it. */
enum err user_set_password(struct store *s, const struct audit_actor *actor,
                           int64_t id, const char *pw, bool must_change,
                           time_t now, enum password_problem *problem);
/* Enables or disables ("user.enable" / "user.disable"); disabling also
 * ends every session of the account.  ERR_OK if already so (no entry). */
enum err user_set_active(struct store *s, const struct audit_actor *actor,
                         int64_t id, bool active, time_t now);
/* Clears the lock and the failure count ("user.unlock"). */
enum err user_unlock(struct store *s, const struct audit_actor *actor,
                     int64_t id, time_t now);
/* Replaces the roles with mask ("user.roles", before/after). */
enum err user_set_roles(struct store *s, const struct audit_actor *actor,
                        int64_t id, unsigned mask, time_t now);
/* Clears the second factor: TOTP secret and recovery codes
 * ("user.reset-2fa"). */
enum err user_reset_2fa(struct store *s, const struct audit_actor *actor,
                        int64_t id, time_t now);

/*
 * Checks a log-in attempt and records it: LOGIN_OK fills *out (in a),
 * resets the failure count, sets last_login_at and audits "login.ok";
 * failures are counted on the account (if it exists) and on the client
 * address, lock the account after lockout_attempts and are audited
 * "login.fail" (and "user.lock").  An unknown e-mail costs the same
 * argon2 work as a wrong password.  A locked account answers
 * LOGIN_LOCKED even to the right password.
 */
enum login_result user_check_password(struct store *s, struct arena *a,
                                      const char *email, const char *pw,
                                      const char *client_addr, time_t now,
                                      struct user *out);
/*
 * Checks the current password of account id on the password change page
 * (whoever sits at an open session must still know it).  A wrong one
 * counts like a failed log-in on the account (lock-out after
 * lockout_attempts) and is audited "user.passwd-fail" (from
 * client_addr); when it locks the account, every session of the account
 * ends too ("user.lock" with sessions_ended).  LOGIN_OK clears the
 * failure count.  LOGIN_LOCKED also for an account locked already
 * (nothing recorded, no argon2 work); LOGIN_ERROR if the store failed or
 * the account does not exist.  Never LOGIN_THROTTLED: the per-address
 * delays are the log-in page's.
 */
enum login_result user_check_current_password(struct store *s, int64_t id,
                                              const char *pw,
                                              const char *client_addr,
                                              time_t now);
/* Seconds an address must wait after its n-th failure in a row: none for
 * the first, then 1, 2, 4 ... up to 15 minutes. */
unsigned user_login_delay(int failures);
/* True if u must change its password now: must_change_password, or an
 * IT administrator's password older than admin_password_days. */
bool user_password_expired(const struct user *u, time_t now);
/* Disables active accounts unused for inactive_days (last log-in, or
 * creation if never), each audited "user.disable" (the daily job; TCVN
 * 14423 x.6.2.3).  *n (may be NULL) gets how many. */
enum err user_disable_inactive(struct store *s, const struct audit_actor *actor,
                               time_t now, int64_t *n);

/* Sessions: starts one for user_id with a new random token (hex, for the
 * cookie) and stores only its hash.  Errors: the store's. */
enum err user_session_start(struct store *s, int64_t user_id,
                            const char *client_addr, const char *user_agent,
                            time_t now, char token[SESSION_TOKEN_HEX]);
/* The session id (hex SHA-256) of a token. */
void user_session_id(const char *token, char id[SESSION_TOKEN_HEX]);

#endif
