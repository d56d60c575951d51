/*
 * Internals shared by totp.c and recovery.c: one second-factor attempt,
 * whatever the factor, with one lock-out, throttling and audit path.
 */
#ifndef TTDT_TOTP_INT_H
#define TTDT_TOTP_INT_H

#include "totp.h"

struct factor_attempt;

/* Decides inside the transaction, with the account and its TOTP state in
 * hand: true if the code is right, after changing u or t as using it
 * requires (the step, the remaining recovery codes); false with
 * fa->reason set otherwise.  u and t are written back either way. */
typedef bool (*factor_check_fn)(struct factor_attempt *fa, struct user *u,
                                struct totp_state *t);

struct factor_attempt {
	const char *factor; /* "totp" or "recovery", for the audit entry */
	const char *code;   /* as typed */
	factor_check_fn check;
	time_t now;         /* set by factor_attempt */
	struct arena *a;    /* for check's strings; set by factor_attempt */
	const char *reason; /* English, for the audit entry */
	int remaining;      /* recovery codes left after a use; -1: n/a */
};

/* Runs fa against account user_id as totp_verify documents. */
enum login_result factor_attempt(struct store *s, int64_t user_id,
                                 const char *client_addr, time_t now,
                                 struct factor_attempt *fa);

#endif
