/*
 * The second factor (issue 3 item 5): time-based one-time passwords, RFC
 * 6238 — the HOTP of RFC 4226 (HMAC-SHA1 from nettle, dynamic
 * truncation) over 30-second steps, 6 digits — with secrets of 20 random
 * bytes shown as base32 (RFC 4648) in an otpauth:// URI and a QR code
 * (qr.h), and recovery codes for a lost phone (recovery.h).
 *
 * An account has a second factor when user.totp_secret is not empty.
 * Enrolment is two steps: totp_enrol_begin keeps a new secret as pending
 * (0003-totp.sql) and shows it; totp_enrol_confirm activates it only once
 * a code from the app proves the app has it.  A code is accepted one step
 * early or late (clock skew), and never twice: the last accepted step is
 * stored and any step up to it is refused (RFC 6238 section 5.2).  Wrong
 * codes lock the account like wrong passwords do (user.h), counted apart
 * (totp_state.failed) so that a right password does not reset them.
 * Clearing the second factor is user_reset_2fa (user.h).
 */
#ifndef TTDT_TOTP_H
#define TTDT_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "audit.h"
#include "buf.h"
#include "recovery.h"
#include "store.h"
#include "user.h"

/* Secret size: the 160 bits RFC 4226 section 4 recommends for SHA-1. */
#define TOTP_SECRET_BYTES 20
/* Its base32 form: 32 characters (no padding needed) and a NUL. */
#define TOTP_SECRET_B32 33
#define TOTP_DIGITS 6
#define TOTP_PERIOD 30 /* seconds per step (RFC 6238 X) */
#define TOTP_SKEW 1    /* steps accepted either side of now */
/* A pending enrolment older than this (seconds) cannot be confirmed. */
#define TOTP_ENROL_MAX_AGE 3600

/* Base32 (RFC 4648 section 6), upper case, no padding: appends the
 * encoding of p[0..n) to out. */
void totp_base32_encode(struct buf *out, const void *p, size_t n);
/* Decodes s[0..len) into out (size bytes) and sets *n.  Accepts lower
 * case, and ignores spaces, '-' and trailing '=' padding (people copy
 * secrets by hand).  False for any other character, a length no
 * encoding has (1, 3 or 6 characters past a multiple of 8), non-zero
 * bits left over at the end, or more than size bytes. */
bool totp_base32_decode(const char *s, size_t len, void *out, size_t size,
                        size_t *n);

/* HOTP (RFC 4226 section 5.3): the digits-digit value (1 to 9) for
 * counter with key. */
uint32_t totp_hotp(const void *key, size_t key_len, uint64_t counter,
                   unsigned digits);
/* The step of time t: floor(t / TOTP_PERIOD), 0 for times before 1970. */
int64_t totp_step(time_t t);
/* The TOTP value (RFC 6238 section 4.2) at time t. */
uint32_t totp_at(const void *key, size_t key_len, time_t t, unsigned digits);

enum totp_match {
	TOTP_MATCH,     /* a fresh step's code: *step set */
	TOTP_MISMATCH,  /* no step in the window has this code */
	TOTP_REPLAYED,  /* right code, but for a step already used */
	TOTP_MALFORMED, /* not TOTP_DIGITS digits (spaces are ignored) */
};

/*
 * Checks code (as typed: TOTP_DIGITS digits, spaces allowed) against the
 * steps of now - TOTP_SKEW .. now + TOTP_SKEW, comparing every one in
 * constant time; only a step after last_step counts.  On TOTP_MATCH
 * *step (OUT) is the latest matching step, for the caller to store.
 */
enum totp_match totp_check(const void *key, size_t key_len, const char *code,
                           time_t now, int64_t last_step, int64_t *step);

/* A new random secret (libsodium), base32, into out. */
void totp_secret_new(char out[TOTP_SECRET_B32]);
/* Appends secret in groups of four characters separated by spaces
 * ("ABCD EFGH ..."), for typing into an app by hand. */
void totp_secret_grouped(struct buf *out, const char *secret);
/* The issuer shown in apps: [site] short_name, else name, else "ttdt". */
const char *totp_issuer(void);
/* Appends the Key URI of an account (the de facto otpauth format of
 * Google Authenticator): otpauth://totp/ISSUER:ACCOUNT?secret=...
 * &issuer=ISSUER&algorithm=SHA1&digits=6&period=30, with issuer and
 * account percent-encoded (UTF-8; spaces as %20). */
void totp_uri(struct buf *out, const char *issuer, const char *account,
              const char *secret);

/* Roles that must have a second factor (issue 3 item 5): the IT
 * administrator, the Director, the Head and the Deputy Head of the
 * editorial board. */
#define TOTP_REQUIRED_ROLES                                                    \
	(ROLE_BIT(ROLE_IT_ADMIN) | ROLE_BIT(ROLE_DIRECTOR) |                   \
	 ROLE_BIT(ROLE_BOARD_HEAD) | ROLE_BIT(ROLE_BOARD_DEPUTY))
/* True if u holds one of TOTP_REQUIRED_ROLES.  (The demo database's
 * exemption is the caller's: it knows whether the database is a demo.) */
bool totp_required(const struct user *u);
/* True if u has an active second factor. */
bool totp_active(const struct user *u);

/* What the enrolment page shows; strings in the caller's arena. */
struct totp_enrolment {
	const char *secret;         /* base32, 32 characters */
	const char *secret_grouped; /* the same in groups of four */
	const char *uri;            /* otpauth:// */
	const char *svg;            /* the URI as a QR code (qr.h) */
};

/*
 * Starts enrolment for account user_id: a new secret, kept as pending
 * (replacing any earlier pending one) but not active, and what to show.
 * Not audited: nothing changes for log-in until totp_enrol_confirm.
 * ERR_NOTFOUND for no such account; ERR_CONFLICT if it already has a
 * second factor (user_reset_2fa first); the store's errors.
 */
enum err totp_enrol_begin(struct store *s, struct arena *a, int64_t user_id,
                          time_t now, struct totp_enrolment *out);

/*
 * Finishes enrolment with a code from the app: activates the pending
 * secret, records the code's step, makes new recovery codes and writes
 * their hashes, and audits "user.2fa-enrol", all in one transaction.
 * *codes (OUT) gets the recovery codes in plain text, the only time they
 * exist so: show them once.  ERR_INVALID for a malformed code;
 * ERR_DENIED for a wrong one; ERR_NOTFOUND for no account or no pending
 * enrolment, or one older than TOTP_ENROL_MAX_AGE; ERR_CONFLICT if a
 * second factor is already active; the store's errors.  Wrong codes here
 * do not count towards lock-out: the session is already logged in.
 */
enum err totp_enrol_confirm(struct store *s, const struct audit_actor *actor,
                            int64_t user_id, const char *code, time_t now,
                            struct recovery_codes *codes);

/*
 * The second step of a log-in, after user_check_password: checks code
 * for account user_id from client_addr.  LOGIN_OK records the step (the
 * same code is refused afterwards), resets the count of wrong codes and
 * audits "login.2fa-ok".  Wrong, replayed or malformed codes are counted
 * on the account (lock after [security] lockout_attempts, for
 * lockout_hours, audited "user.lock") and on the address (growing delays:
 * LOGIN_THROTTLED), and audited "login.2fa-fail" with the reason.  A
 * locked account gets LOGIN_LOCKED even for the right code; a disabled
 * one or one without a second factor LOGIN_DENIED.
 */
enum login_result totp_verify(struct store *s, int64_t user_id,
                              const char *code, const char *client_addr,
                              time_t now);

#endif
