/*
 * Passwords: argon2id hashes (libsodium crypto_pwhash_str, parameters
 * from [security] argon2_ops / argon2_mem), one constant-time check, the
 * password policy (TCVN 14423 x.6.2.2 as summarised in the related-law
 * notes: length, not common, not the person's own e-mail or name) and
 * random one-time passwords.  The plain text never leaves the caller.
 */
#ifndef TTDT_PASSWORD_H
#define TTDT_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* crypto_pwhash_STRBYTES: room for a hash string and its NUL. */
#define PASSWORD_HASH_MAX 128
/* Longest password accepted, in bytes: bounds the work per attempt. */
#define PASSWORD_MAX_BYTES 1024
/* Length of password_random's passwords (about 92 bits). */
#define PASSWORD_RANDOM_LEN 16

enum password_problem {
	PASSWORD_OK,
	PASSWORD_TOO_SHORT, /* fewer than password_min_length characters */
	PASSWORD_TOO_LONG,  /* more than PASSWORD_MAX_BYTES */
	PASSWORD_NOT_UTF8,  /* not valid UTF-8, or control characters */
	PASSWORD_COMMON,    /* in the common list (common_passwords.c) */
	PASSWORD_PERSONAL,  /* the person's e-mail, its local part, or name */
	PASSWORD__MAX
};

/* Hashes pw into out with the configured argon2id parameters.
 * ERR_INVALID if pw is longer than PASSWORD_MAX_BYTES; ERR_IO if
 * libsodium cannot get the memory. */
enum err password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* True if pw matches hash (constant time in pw); false for an empty or
 * malformed hash. */
bool password_verify(const char *hash, const char *pw);
/* Spends the time of one password_verify against a hash of the current
 * parameters, for unknown accounts: a log-in for an e-mail nobody has
 * takes as long as a wrong password. */
void password_verify_dummy(const char *pw);
/* True if hash was made with other parameters than the configured ones
 * (rehash after the next successful log-in). */
bool password_needs_rehash(const char *hash);

/* Checks pw against the policy for the account with this e-mail and
 * full name (either may be NULL). */
enum password_problem password_check(const char *pw, const char *email,
                                     const char *full_name);
/* English (command line) and Vietnamese (web) text of a problem. */
const char *password_problem_str(enum password_problem p);
const char *password_problem_vi(enum password_problem p);

/* True if pw, folded (no diacritics, lower case, no spaces), is in the
 * common list, or is once digits and symbols are stripped from both ends,
 * or is one character repeated. */
bool password_is_common(const char *pw);

/* Writes a random password of PASSWORD_RANDOM_LEN characters from an
 * alphabet without look-alikes (no 0/O, 1/l/I) and a NUL into out. */
void password_random(char out[PASSWORD_RANDOM_LEN + 1]);

/* Fills out with n random bytes (libsodium); for tokens. */
void password_random_bytes(void *out, size_t n);

/* The list itself (common_passwords.c): sorted, lower-case ASCII. */
extern const char *const common_passwords[];
extern const size_t common_passwords_n;

#endif
