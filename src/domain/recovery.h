/*
 * Recovery codes (issue 3 item 5): ten one-time codes given when the
 * second factor is enrolled, for the day the phone is lost.  Each is ten
 * characters from an alphabet without look-alikes (no 0/o, 1/l/i), shown
 * as "xxxxx-xxxxx"; typed codes are read case-insensitively and without
 * their dash or spaces.
 *
 * Only hashes are stored (user.recovery_codes), as
 * "r1$<salt, 32 hex>$<hash, 64 hex>,<hash>,..." where each hash is
 * BLAKE2b-256 (crypto_generichash) of the code keyed with the per-account
 * salt; a used code's hash is removed, so each works once.  See
 * recovery.c for why a fast keyed hash and not argon2.
 */
#ifndef TTDT_RECOVERY_H
#define TTDT_RECOVERY_H

#include <stdbool.h>

#include "audit.h"
#include "store.h"
#include "user.h"

#define RECOVERY_COUNT 10 /* codes in a set */
#define RECOVERY_LEN 10   /* characters of a code, without the dash */
#define RECOVERY_SHOWN 12 /* "xxxxx-xxxxx" and a NUL */

/* The alphabet: lower case, and no 0, o, 1, l or i (31 characters). */
extern const char recovery_alphabet[];

/* A set in plain text, as shown once to its owner. */
struct recovery_codes {
	char code[RECOVERY_COUNT][RECOVERY_SHOWN];
};

/* Makes a new set into out, with a new salt, and sets *stored (OUT, in
 * a) to the text user.recovery_codes keeps. */
void recovery_new(struct arena *a, struct recovery_codes *out,
                  const char **stored);
/* Reads a typed code into out: drops '-' and white space, lower-cases;
 * false unless RECOVERY_LEN characters of the alphabet remain. */
bool recovery_normalise(const char *in, char out[RECOVERY_LEN + 1]);
/* Unused codes left in stored; 0 for "" or a malformed text. */
int recovery_remaining(const char *stored);
/* True if code (as typed) is one of the unused codes in stored, then
 * *rest (OUT, in a) is stored without it.  Every stored hash is compared
 * (sodium_memcmp), matched or not. */
bool recovery_match(struct arena *a, const char *stored, const char *code,
                    const char **rest);

/*
 * A log-in's second step with a recovery code instead of a TOTP code:
 * the same lock-out, throttling and auditing as totp_verify (totp.h);
 * LOGIN_OK uses the code up and audits "login.2fa-ok" with factor
 * "recovery" and how many codes remain.
 */
enum login_result recovery_use(struct store *s, int64_t user_id,
                               const char *code, const char *client_addr,
                               time_t now);

/* Replaces the recovery codes of an account that has a second factor
 * ("user.2fa-recovery"); *out gets the new set.  ERR_NOTFOUND for no
 * account, ERR_CONFLICT if it has no second factor. */
enum err recovery_renew(struct store *s, const struct audit_actor *actor,
                        int64_t user_id, time_t now,
                        struct recovery_codes *out);

#endif
