/*
 * One-time password reset links (issue 3 item 3; see reset.h).
 *
 * The token is hashed like a session token (user_session_id) and only the
 * hash is stored, so a link cannot be rebuilt from the database.  A link
 * is checked twice: when its page is shown (reset_link_check, to tell the
 * person at once if it no longer works) and again when the form comes
 * back (reset_link_use), inside the transaction that sets the password;
 * the store's STMT_RESET_USE also refuses a link already used, so two
 * requests racing with one link cannot both set a password.
 */
#include "common.h"

#include <sodium.h>

#include "reset.h"

bool
reset_token_well_formed(const char *token)
{
	if (!token || strlen(token) != RESET_TOKEN_HEX - 1)
		return false;
	for (const char *p = token; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

/* The state of link l for account u at now. */
static enum reset_state
link_state(const struct reset_link *l, const struct user *u, time_t now)
{
	if (l->used_at)
		return RESET_USED;
	if (l->voided_at)
		return RESET_VOIDED;
	if (l->expires_at <= now)
		return RESET_EXPIRED;
	if (!u->active)
		return RESET_DISABLED;
	return RESET_USABLE;
}

struct reset_op {
	const struct audit_actor *actor;
	int64_t user_id;
	time_t now;
	char *token;
	const char *id;
	const char *pw;
	const char *addr;
	enum reset_state state;
	enum password_problem problem;
};

static enum err
create_tx(struct store *s, void *p)
{
	struct reset_op *op = p;
	struct arena a = ARENA_INIT;
	char id[RESET_TOKEN_HEX];
	unsigned char raw[32];
	struct reset_link l = {0};
	struct audit_detail d;
	struct user u;
	int64_t voided = 0;
	enum err e;

	arena_init(&a, 1024);
	audit_detail_init(&d);
	/* From here every exit goes through out. */
	if ((e = store_user_get(s, &a, op->user_id, &u)) != ERR_OK)
		goto out;
	if ((e = store_reset_void_user(s, u.id, op->now, &voided)) != ERR_OK)
		goto out;
	password_random_bytes(raw, sizeof(raw));
	sodium_bin2hex(op->token, RESET_TOKEN_HEX, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	user_session_id(op->token, id);
	l.id = id;
	l.user_id = u.id;
	l.created_at = op->now;
	l.expires_at = op->now + RESET_LINK_SECONDS;
	if ((e = store_reset_insert(s, &l)) != ERR_OK)
		goto out;
	/* The token is a password in all but name: never in the log. */
	audit_detail_int(&d, "expires_at", (int64_t)l.expires_at);
	audit_detail_int(&d, "voided", voided);
	e = audit_append(s, op->actor, op->now, "user.reset-link", "user", u.id,
	                 audit_detail_json(&d));
out:
	audit_detail_release(&d);
	arena_release(&a);
	return e;
}

enum err
reset_link_create(struct store *s, const struct audit_actor *actor,
                  int64_t user_id, time_t now, char token[RESET_TOKEN_HEX])
{
	struct reset_op op = {
	        .actor = actor, .user_id = user_id, .now = now, .token = token};
	enum err e;

	token[0] = '\0';
	if ((e = store_tx(s, create_tx, &op)) != ERR_OK)
		sodium_memzero(token, RESET_TOKEN_HEX);
	return e;
}

enum err
reset_link_check(struct store *s, struct arena *a, const char *token,
                 time_t now, enum reset_state *state, struct user *u)
{
	char id[RESET_TOKEN_HEX];
	struct reset_link l;
	struct user tmp;
	enum err e;

	*state = RESET_UNKNOWN;
	if (!u)
		u = &tmp;
	if (!reset_token_well_formed(token))
		return ERR_OK;
	user_session_id(token, id);
	if ((e = store_reset_get(s, a, id, &l)) != ERR_OK)
		return e == ERR_NOTFOUND ? ERR_OK : e;
	if ((e = store_user_get(s, a, l.user_id, u)) != ERR_OK)
		return e == ERR_NOTFOUND ? ERR_OK : e;
	*state = link_state(&l, u, now);
	return ERR_OK;
}

static enum err
use_tx(struct store *s, void *p)
{
	struct reset_op *op = p;
	struct arena a = ARENA_INIT;
	struct audit_actor actor;
	struct audit_detail d;
	struct reset_link l;
	struct user u;
	enum err e;

	arena_init(&a, 2048);
	audit_detail_init(&d);
	/* From here every exit goes through out. */
	op->state = RESET_UNKNOWN;
	if ((e = store_reset_get(s, &a, op->id, &l)) != ERR_OK ||
	    (e = store_user_get(s, &a, l.user_id, &u)) != ERR_OK) {
		if (e == ERR_NOTFOUND)
			e = ERR_GONE;
		goto out;
	}
	if ((op->state = link_state(&l, &u, op->now)) != RESET_USABLE) {
		e = ERR_GONE;
		goto out;
	}
	/* The person holding the link acts as the account. */
	actor = (struct audit_actor){u.id, u.email, op->addr};
	if ((e = user_set_password(s, &actor, u.id, op->pw, false, op->now,
	                           &op->problem)) != ERR_OK)
		goto out;
	if ((e = store_reset_use(s, op->id, op->now)) != ERR_OK) {
		if (e == ERR_NOTFOUND) {
			op->state = RESET_USED;
			e = ERR_GONE;
		}
		goto out;
	}
	/* Whoever held a session of this account no longer does. */
	if ((e = store_session_delete_user(s, u.id, NULL)) != ERR_OK)
		goto out;
	if ((u.locked_until || u.failed_count) &&
	    (e = user_unlock(s, &actor, u.id, op->now)) != ERR_OK)
		goto out;
	audit_detail_int(&d, "link_created_at", (int64_t)l.created_at);
	e = audit_append(s, &actor, op->now, "user.reset-link-used", "user",
	                 u.id, audit_detail_json(&d));
out:
	audit_detail_release(&d);
	arena_release(&a);
	return e;
}

enum err
reset_link_use(struct store *s, const char *token, const char *pw,
               const char *client_addr, time_t now, enum reset_state *state,
               enum password_problem *problem)
{
	char id[RESET_TOKEN_HEX];
	struct reset_op op = {.now = now,
	                      .pw = pw ? pw : "",
	                      .addr = client_addr ? client_addr : "",
	                      .state = RESET_UNKNOWN,
	                      .problem = PASSWORD_OK};
	enum err e;

	if (!reset_token_well_formed(token)) {
		e = ERR_GONE;
	} else {
		user_session_id(token, id);
		op.id = id;
		e = store_tx(s, use_tx, &op);
	}
	if (state)
		*state = op.state;
	if (problem)
		*problem = op.problem;
	return e;
}
