/*
 * CSRF defences of the newsroom (issue 3 item 7): tokens for forms and
 * the same-origin check.  Pure functions over strings, no http state, so
 * they are tested on their own (csrf_test.c).
 *
 * A session's form token is keyed BLAKE2b of the session's cookie token:
 * only someone holding the cookie can compute it, it stays the same for
 * the whole session (the back button and several tabs keep working), the
 * database (which keeps only SHA-256 of the cookie token) cannot give it
 * away, and every node computes the same without a shared server key.
 * Before a session exists (the log-in form) the token is a random value
 * kept in a cookie and echoed by the form (double submit).
 */
#ifndef TTDT_CSRF_H
#define TTDT_CSRF_H

#include <stdbool.h>

/* 64 hex digits and a NUL. */
#define CSRF_TOKEN_HEX 65

/* The form token of the session whose cookie token is session_token. */
void csrf_token(const char *session_token, char out[CSRF_TOKEN_HEX]);
/* A random token for the pre-session cookie. */
void csrf_random(char out[CSRF_TOKEN_HEX]);
/* True if s is a well-formed token: exactly 64 lower-case hex digits. */
bool csrf_well_formed(const char *s);
/* True if sent equals want, both well-formed; constant time. */
bool csrf_equal(const char *want, const char *sent);

/*
 * The same-origin check of a state-changing request.  The request's
 * origin is the Origin header or, when it is absent, the scheme, host
 * and port of the Referer.  It must be the origin of base_url
 * ("https://stp.kontum.gov.vn") or scheme://host where scheme is https
 * when https is set and host is the Host header.  Both absent, "null",
 * or malformed: false.  Any argument but origin/referer/host may not be
 * NULL.
 */
bool csrf_origin_ok(const char *origin, const char *referer,
                    const char *base_url, const char *host, bool https);

#endif
