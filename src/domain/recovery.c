/*
 * Recovery codes: ten one-time codes per account, stored as keyed
 * BLAKE2b hashes (see recovery.h for the stored form).
 *
 * Why crypto_generichash and not argon2 (crypto_pwhash_str): a code is
 * 10 characters drawn uniformly from 31, about 49.5 bits chosen by the
 * machine, not a password a person chose, so there is no dictionary for
 * a slow hash to blunt; online guessing is bounded by the lock-out, not
 * by hash cost.  The per-account random salt as the BLAKE2b key stops
 * one precomputation from serving every account.  And whoever can read
 * the account row already holds its TOTP secret, which must be stored in
 * clear to compute codes, so a slower hash here would protect nothing
 * more; ten argon2 checks per attempt would only cost the server.  The
 * hashes keep the codes out of backups and screens, which is their job.
 */
#include "common.h"

#include <sodium.h>

#include "log.h"
#include "recovery.h"
#include "totp_int.h"

#define SALT_BYTES 16 /* crypto_generichash_KEYBYTES_MIN */
#define HASH_BYTES 32
#define PREFIX "r1$"
#define PREFIX_LEN 3
/* Longest typed code looked at (the code, a dash and spaces). */
#define TYPED_MAX 64

const char recovery_alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";

/* The parsed stored text; hashes point into it (64 hex digits each). */
struct recovery_stored {
	unsigned char salt[SALT_BYTES];
	const char *hashes[RECOVERY_COUNT];
	int n;
};

static void
sodium_ready(void)
{
	if (sodium_init() < 0)
		BUG("libsodium cannot start");
}

static void
code_hash(const unsigned char salt[SALT_BYTES], const char *code,
          unsigned char out[HASH_BYTES])
{
	crypto_generichash(out, HASH_BYTES, (const unsigned char *)code,
	                   RECOVERY_LEN, salt, SALT_BYTES);
}

static bool
is_hex(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') ||
		      (p[i] >= 'a' && p[i] <= 'f')))
			return false;
	return true;
}

/* False if stored is not "r1$<salt>$<hash>,..." with at most
 * RECOVERY_COUNT hashes ("r1$<salt>$" when all are used). */
static bool
stored_parse(const char *stored, struct recovery_stored *r)
{
	const char *p;

	r->n = 0;
	if (!stored || strncmp(stored, PREFIX, PREFIX_LEN) != 0)
		return false;
	p = stored + PREFIX_LEN;
	if (!is_hex(p, SALT_BYTES * 2) || p[SALT_BYTES * 2] != '$' ||
	    sodium_hex2bin(r->salt, SALT_BYTES, p, SALT_BYTES * 2, NULL, NULL,
	                   NULL) != 0)
		return false;
	p += SALT_BYTES * 2 + 1;
	while (*p) {
		if (r->n == RECOVERY_COUNT || !is_hex(p, HASH_BYTES * 2))
			return false;
		r->hashes[r->n++] = p;
		p += HASH_BYTES * 2;
		if (*p == ',' && p[1])
			p++;
		else if (*p)
			return false;
	}
	return true;
}

void
recovery_new(struct arena *a, struct recovery_codes *out, const char **stored)
{
	unsigned char salt[SALT_BYTES], h[HASH_BYTES];
	char hex[HASH_BYTES * 2 + 1];
	struct buf b = BUF_INIT;
	const uint32_t n = (uint32_t)(sizeof(recovery_alphabet) - 1);

	sodium_ready();
	randombytes_buf(salt, sizeof(salt));
	buf_adds(&b, PREFIX);
	sodium_bin2hex(hex, sizeof(hex), salt, sizeof(salt));
	buf_adds(&b, hex);
	buf_addch(&b, '$');
	for (int i = 0; i < RECOVERY_COUNT; i++) {
		char code[RECOVERY_LEN + 1];
		char *shown = out->code[i];

		/* randombytes_uniform: no modulo bias over 31 letters. */
		for (int k = 0; k < RECOVERY_LEN; k++)
			code[k] = recovery_alphabet[randombytes_uniform(n)];
		code[RECOVERY_LEN] = '\0';
		memcpy(shown, code, RECOVERY_LEN / 2);
		shown[RECOVERY_LEN / 2] = '-';
		memcpy(shown + RECOVERY_LEN / 2 + 1, code + RECOVERY_LEN / 2,
		       RECOVERY_LEN - RECOVERY_LEN / 2);
		shown[RECOVERY_LEN + 1] = '\0';
		code_hash(salt, code, h);
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		if (i)
			buf_addch(&b, ',');
		buf_adds(&b, hex);
		sodium_memzero(code, sizeof(code));
	}
	*stored = arena_strdup(a, b.p);
	buf_release(&b);
}

bool
recovery_normalise(const char *in, char out[RECOVERY_LEN + 1])
{
	size_t n = 0, i;

	out[0] = '\0';
	if (!in)
		return false;
	for (i = 0; in[i] && i < TYPED_MAX; i++) {
		char c = in[i];

		if (c == '-' || c == ' ' || c == '\t')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!c || !strchr(recovery_alphabet, c) || n == RECOVERY_LEN)
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return !in[i] && n == RECOVERY_LEN;
}

int
recovery_remaining(const char *stored)
{
	struct recovery_stored r;

	return stored_parse(stored, &r) ? r.n : 0;
}

bool
recovery_match(struct arena *a, const char *stored, const char *code,
               const char **rest)
{
	unsigned char h[HASH_BYTES], want[HASH_BYTES];
	char norm[RECOVERY_LEN + 1];
	struct recovery_stored r;
	struct buf b = BUF_INIT;
	int found = -1;

	*rest = NULL;
	if (!recovery_normalise(code, norm) || !stored_parse(stored, &r))
		return false;
	code_hash(r.salt, norm, h);
	sodium_memzero(norm, sizeof(norm));
	/* Compare with every hash, found or not. */
	for (int i = 0; i < r.n; i++) {
		sodium_hex2bin(want, sizeof(want), r.hashes[i], HASH_BYTES * 2,
		               NULL, NULL, NULL);
		if (sodium_memcmp(want, h, HASH_BYTES) == 0)
			found = i;
	}
	if (found < 0)
		return false;
	buf_add(&b, stored, (size_t)(r.hashes[0] - stored));
	for (int i = 0, k = 0; i < r.n; i++) {
		if (i == found)
			continue;
		if (k++)
			buf_addch(&b, ',');
		buf_add(&b, r.hashes[i], HASH_BYTES * 2);
	}
	*rest = arena_strdup(a, b.p);
	buf_release(&b);
	return true;
}

static bool
recovery_factor_check(struct factor_attempt *fa, struct user *u,
                      struct totp_state *t)
{
	char norm[RECOVERY_LEN + 1];
	const char *rest;

	(void)t;
	if (!recovery_normalise(fa->code, norm)) {
		fa->reason = "malformed recovery code";
		return false;
	}
	sodium_memzero(norm, sizeof(norm));
	if (!recovery_match(fa->a, u->recovery_codes, fa->code, &rest)) {
		fa->reason = "wrong recovery code";
		return false;
	}
	/* Used up: its hash leaves the list in this same transaction. */
	u->recovery_codes = rest;
	fa->remaining = recovery_remaining(rest);
	return true;
}

enum login_result
recovery_use(struct store *s, int64_t user_id, const char *code,
             const char *client_addr, time_t now)
{
	struct factor_attempt fa = {.factor = "recovery",
	                            .code = code,
	                            .check = recovery_factor_check,
	                            .remaining = -1};

	return factor_attempt(s, user_id, client_addr, now, &fa);
}

struct renew_op {
	const struct audit_actor *actor;
	int64_t id;
	time_t now;
	struct recovery_codes *out;
};

static enum err
renew_tx(struct store *s, void *p)
{
	struct renew_op *op = p;
	struct arena a = ARENA_INIT;
	struct audit_detail d;
	const char *stored;
	struct user u;
	enum err e;

	arena_init(&a, 2048);
	audit_detail_init(&d);
	if ((e = store_user_get(s, &a, op->id, &u)) != ERR_OK)
		goto out;
	if (!*u.totp_secret) {
		e = ERR_CONFLICT;
		goto out;
	}
	audit_detail_change_int(&d, "recovery_codes",
	                        recovery_remaining(u.recovery_codes),
	                        RECOVERY_COUNT);
	recovery_new(&a, op->out, &stored);
	u.recovery_codes = stored;
	if ((e = store_user_update(s, &u)) != ERR_OK)
		goto out;
	e = audit_append(s, op->actor, op->now, "user.2fa-recovery", "user",
	                 u.id, audit_detail_json(&d));
out:
	audit_detail_release(&d);
	arena_release(&a);
	return e;
}

enum err
recovery_renew(struct store *s, const struct audit_actor *actor,
               int64_t user_id, time_t now, struct recovery_codes *out)
{
	struct renew_op op = {actor, user_id, now, out};
	enum err e;

	memset(out, 0, sizeof(*out));
	if ((e = store_tx(s, renew_tx, &op)) != ERR_OK)
		sodium_memzero(out, sizeof(*out));
	return e;
}
