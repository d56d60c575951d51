/*
 * Passwords with libsodium: crypto_pwhash_str (argon2id, salt and
 * parameters inside the string), crypto_pwhash_str_verify (constant
 * time), randombytes for one-time passwords.  Policy (issue 3; TCVN
 * 14423 x.6.2.2): at least password_min_length characters (code points,
 * not bytes: "mậtkhẩu" is 7), valid UTF-8 without control characters,
 * not in the project's common list, not the person's e-mail or name.
 *
 * Every argon2 computation passes a gate that lets at most [security]
 * argon2_parallel run at once (0: one per core).  Each takes argon2_mem
 * bytes while it runs, so without the gate sixteen log-ins at once would
 * take sixteen times that (1 GiB at 64 MiB); with it, the others wait
 * their turn and the peak stays bounded (docs/benchmarks.md).
 */
#include "common.h"

#include <sodium.h>

#include "config.h"
#include "password.h"
#include "utf8.h"
#include "vnfold.h"
#include "xalloc.h"

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void
sodium_start(void)
{
	if (sodium_init() < 0)
		BUG("libsodium cannot start");
}

static void
sodium_ready(void)
{
	pthread_once(&sodium_once, sodium_start);
}

/* The configured parameters, or libsodium's interactive ones when the
 * configuration was never loaded (a zero would be refused). */
static unsigned long long
ops_limit(void)
{
	return config.argon2_ops ? config.argon2_ops
	                         : crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

static size_t
mem_limit(void)
{
	return config.argon2_mem ? config.argon2_mem
	                         : crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_free = PTHREAD_COND_INITIALIZER;
static unsigned gate_busy;

static unsigned
gate_limit(void)
{
	long cores;

	if (config.argon2_parallel)
		return config.argon2_parallel;
	cores = sysconf(_SC_NPROCESSORS_ONLN);
	return cores > 0 ? (unsigned)cores : 1;
}

static void
gate_enter(void)
{
	unsigned limit = gate_limit();

	pthread_mutex_lock(&gate_lock);
	while (gate_busy >= limit)
		pthread_cond_wait(&gate_free, &gate_lock);
	gate_busy++;
	pthread_mutex_unlock(&gate_lock);
}

static void
gate_leave(void)
{
	pthread_mutex_lock(&gate_lock);
	gate_busy--;
	pthread_cond_signal(&gate_free);
	pthread_mutex_unlock(&gate_lock);
}

enum err
password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	size_t n = strlen(pw);
	int rc;

	sodium_ready();
	out[0] = '\0';
	if (n > PASSWORD_MAX_BYTES)
		return ERR_INVALID;
	gate_enter();
	rc = crypto_pwhash_str(out, pw, n, ops_limit(), mem_limit());
	gate_leave();
	return rc == 0 ? ERR_OK : ERR_IO; /* out of memory for argon2 */
}

bool
password_verify(const char *hash, const char *pw)
{
	size_t n = strlen(pw);
	int rc;

	sodium_ready();
	if (!hash || !*hash || n > PASSWORD_MAX_BYTES ||
	    strlen(hash) >= PASSWORD_HASH_MAX)
		return false;
	gate_enter();
	rc = crypto_pwhash_str_verify(hash, pw, n);
	gate_leave();
	return rc == 0;
}

bool
password_needs_rehash(const char *hash)
{
	sodium_ready();
	return crypto_pwhash_str_needs_rehash(hash, ops_limit(), mem_limit()) !=
	       0;
}

/* A hash of a random password with the current parameters, remade when
 * they change (tests change them). */
static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;
static char dummy_hash[PASSWORD_HASH_MAX];

void
password_verify_dummy(const char *pw)
{
	char h[PASSWORD_HASH_MAX];

	pthread_mutex_lock(&dummy_lock);
	if (!dummy_hash[0] || password_needs_rehash(dummy_hash)) {
		char r[PASSWORD_RANDOM_LEN + 1];

		password_random(r);
		if (password_hash(r, dummy_hash) != ERR_OK)
			dummy_hash[0] = '\0';
		sodium_memzero(r, sizeof(r));
	}
	memcpy(h, dummy_hash, sizeof(h));
	pthread_mutex_unlock(&dummy_lock);
	/* The result is always false; only the time spent matters. */
	(void)password_verify(h, pw);
}

/* Appends the folded form of s: vnfold, then without spaces. */
static void
fold(struct buf *out, const char *s)
{
	struct buf t = BUF_INIT;

	vnfold(&t, s, strlen(s));
	for (size_t i = 0; i < t.len; i++)
		if (t.p[i] != ' ' && t.p[i] != '\t')
			buf_addch(out, t.p[i]);
	buf_release(&t);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool
in_list(const char *s)
{
	return *s && bsearch(&s, common_passwords, common_passwords_n,
	                     sizeof(common_passwords[0]), cmp_str) != NULL;
}

static bool
is_affix(char c)
{
	return (c >= '0' && c <= '9') || strchr("!@#$%^&*()_+-=.,;:?~'\"/", c);
}

bool
password_is_common(const char *pw)
{
	struct buf f = BUF_INIT;
	size_t a, b, i;
	bool common = false;

	fold(&f, pw);
	if (in_list(f.p)) {
		common = true;
		goto out;
	}
	/* One character repeated ("aaaaaaaaaaaa", "............"). */
	for (i = 1; i < f.len && f.p[i] == f.p[0]; i++)
		;
	if (f.len && i == f.len) {
		common = true;
		goto out;
	}
	/* A common word behind and before digits and symbols. */
	for (a = 0; a < f.len && is_affix(f.p[a]); a++)
		;
	for (b = f.len; b > a && is_affix(f.p[b - 1]); b--)
		;
	if (b > a && (a > 0 || b < f.len)) {
		f.p[b] = '\0';
		common = in_list(f.p + a);
	}
out:
	buf_release(&f);
	return common;
}

/* True if the folded a equals the folded b (both non-empty). */
static bool
same_folded(const char *a, const char *b, size_t blen)
{
	struct buf fa = BUF_INIT, fb = BUF_INIT;
	char *copy = xstrndup(b, blen);
	bool eq;

	fold(&fa, a);
	fold(&fb, copy);
	eq = fa.len && fb.len && fa.len == fb.len &&
	     memcmp(fa.p, fb.p, fa.len) == 0;
	free(copy);
	buf_release(&fa);
	buf_release(&fb);
	return eq;
}

enum password_problem
password_check(const char *pw, const char *email, const char *full_name)
{
	size_t n = strlen(pw);
	unsigned min =
	        config.password_min_length ? config.password_min_length : 12;

	if (n > PASSWORD_MAX_BYTES)
		return PASSWORD_TOO_LONG;
	if (!utf8_valid(pw, n))
		return PASSWORD_NOT_UTF8;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)pw[i] < 0x20 || pw[i] == 0x7f)
			return PASSWORD_NOT_UTF8;
	if (utf8_count(pw, n) < min)
		return PASSWORD_TOO_SHORT;
	if (email && *email) {
		const char *at = strchr(email, '@');

		if (same_folded(pw, email, strlen(email)) ||
		    (at && same_folded(pw, email, (size_t)(at - email))))
			return PASSWORD_PERSONAL;
	}
	if (full_name && same_folded(pw, full_name, strlen(full_name)))
		return PASSWORD_PERSONAL;
	if (password_is_common(pw))
		return PASSWORD_COMMON;
	return PASSWORD_OK;
}

static const char *const problem_en[PASSWORD__MAX] = {
        "acceptable",                                        /* PASSWORD_OK */
        "too short",                                         /* TOO_SHORT */
        "too long",                                          /* TOO_LONG */
        "not valid UTF-8 text or has control characters",    /* NOT_UTF8 */
        "too common: it is in the list of common passwords", /* COMMON */
        "the same as the account's e-mail or name",          /* PERSONAL */
};

static const char *const problem_vi[PASSWORD__MAX] = {
        "Mật khẩu hợp lệ.",                                   /* PASSWORD_OK */
        "Mật khẩu quá ngắn.",                                 /* TOO_SHORT */
        "Mật khẩu quá dài.",                                  /* TOO_LONG */
        "Mật khẩu có ký tự không hợp lệ.",                    /* NOT_UTF8 */
        "Mật khẩu quá phổ biến, dễ bị đoán.",                 /* COMMON */
        "Mật khẩu không được trùng thư điện tử hoặc họ tên.", /* PERSONAL */
};

const char *
password_problem_str(enum password_problem p)
{
	return (unsigned)p < PASSWORD__MAX ? problem_en[p] : "unknown";
}

const char *
password_problem_vi(enum password_problem p)
{
	return (unsigned)p < PASSWORD__MAX ? problem_vi[p] : "";
}

void
password_random(char out[PASSWORD_RANDOM_LEN + 1])
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz"
	                               "ABCDEFGHJKLMNPQRSTUVWXYZ"
	                               "23456789";

	sodium_ready();
	for (size_t i = 0; i < PASSWORD_RANDOM_LEN; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[PASSWORD_RANDOM_LEN] = '\0';
}

void
password_random_bytes(void *out, size_t n)
{
	sodium_ready();
	randombytes_buf(out, n);
}
