/*
 * CSRF tokens and the same-origin check (see csrf.h for the design).
 * Comparisons of secrets are constant time (sodium_memcmp).
 */
#include "common.h"

#include <sodium.h>

#include "csrf.h"

/* Domain separation: the same cookie token also names the session. */
static const char csrf_key[] = "ttdt-csrf-token-v1";

void
csrf_token(const char *session_token, char out[CSRF_TOKEN_HEX])
{
	unsigned char h[32];

	if (sodium_init() < 0)
		BUG("libsodium cannot start");
	crypto_generichash(h, sizeof(h), (const unsigned char *)session_token,
	                   strlen(session_token),
	                   (const unsigned char *)csrf_key,
	                   sizeof(csrf_key) - 1);
	sodium_bin2hex(out, CSRF_TOKEN_HEX, h, sizeof(h));
}

void
csrf_random(char out[CSRF_TOKEN_HEX])
{
	unsigned char raw[32];

	if (sodium_init() < 0)
		BUG("libsodium cannot start");
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, CSRF_TOKEN_HEX, raw, sizeof(raw));
}

bool
csrf_well_formed(const char *s)
{
	size_t i;

	if (!s)
		return false;
	for (i = 0; i < CSRF_TOKEN_HEX - 1; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[i] == '\0';
}

bool
csrf_equal(const char *want, const char *sent)
{
	if (!csrf_well_formed(want) || !csrf_well_formed(sent))
		return false;
	return sodium_memcmp(want, sent, CSRF_TOKEN_HEX - 1) == 0;
}

/* Length of the origin part of a URL: "scheme://authority", up to the
 * first '/', '?' or '#' after the scheme; 0 if s is not http(s). */
static size_t
origin_len(const char *s)
{
	size_t n;

	if (!strncasecmp(s, "http://", 7))
		n = 7;
	else if (!strncasecmp(s, "https://", 8))
		n = 8;
	else
		return 0;
	if (!s[n] || strchr("/?#", s[n]))
		return 0;
	return n + strcspn(s + n, "/?#");
}

/* Origins compare as ASCII case-insensitive text (RFC 6454 4: scheme and
 * host are lower-cased; browsers send them so). */
static bool
same(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && alen > 0 && !strncasecmp(a, b, alen);
}

bool
csrf_origin_ok(const char *origin, const char *referer, const char *base_url,
               const char *host, bool https)
{
	const char *o;
	size_t olen, blen;

	if (origin && *origin) {
		o = origin;
		olen = strlen(origin);
		/* An Origin is exactly scheme://host[:port], nothing after. */
		if (origin_len(origin) != olen)
			return false;
	} else if (referer && *referer) {
		o = referer;
		olen = origin_len(referer);
		if (!olen)
			return false;
	} else {
		return false;
	}
	blen = origin_len(base_url);
	if (same(o, olen, base_url, blen))
		return true;
	if (host && *host && !strpbrk(host, "/?#@ \t")) {
		const char *scheme = https ? "https://" : "http://";
		size_t slen = strlen(scheme);

		return olen == slen + strlen(host) &&
		       !strncasecmp(o, scheme, slen) &&
		       !strncasecmp(o + slen, host, olen - slen);
	}
	return false;
}
