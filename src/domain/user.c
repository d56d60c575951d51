/*
 * Accounts: creation, profile, passwords, roles, enabling, lock-out and
 * the log-in check (issue 3; TCVN 14423 x.5.2.2, x.6.2.2, x.6.2.3 as
 * summarised in the related-law notes).
 *
 * Every change reads the account inside its transaction, writes it and
 * appends the audit entry there too (store_tx), so a change is never
 * recorded without happening nor the reverse.  The log-in check does its
 * argon2 work outside any transaction (it takes tens of milliseconds and
 * must not hold the write lock), then records the outcome in one.
 */
#include "common.h"

#include <sodium.h>

#include "config.h"
#include "user.h"
#include "utf8.h"

unsigned
user_roles(const struct user *u)
{
	const char *p = u->roles ? u->roles : "";
	unsigned mask = 0;

	while (*p) {
		size_t n = strcspn(p, ",");
		enum role r;

		for (int i = 0; i < ROLE__MAX; i++) {
			r = (enum role)i;
			if (strlen(role_code(r)) == n &&
			    memcmp(role_code(r), p, n) == 0)
				mask |= ROLE_BIT(r);
		}
		p += n;
		if (*p)
			p++;
	}
	return mask;
}

bool
user_has_role(const struct user *u, enum role r)
{
	return (user_roles(u) & ROLE_BIT(r)) != 0;
}

enum err
user_email_normalise(struct arena *a, const char *in, const char **out)
{
	const char *at, *dot;
	size_t n;
	char *e;

	*out = NULL;
	if (!in)
		return ERR_INVALID;
	while (*in == ' ' || *in == '\t')
		in++;
	n = strlen(in);
	while (n && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n == 0 || n > USER_EMAIL_MAX)
		return ERR_INVALID;
	e = arena_strndup(a, in, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)e[i];

		if (c <= 0x20 || c == 0x7f || c == ',' || c == '<' || c == '>')
			return ERR_INVALID;
		if (c >= 'A' && c <= 'Z')
			e[i] = (char)(c - 'A' + 'a');
	}
	if (!utf8_valid(e, n))
		return ERR_INVALID;
	at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@'))
		return ERR_INVALID;
	dot = strrchr(at + 1, '.');
	if (!dot || dot == at + 1 || dot[1] == '\0')
		return ERR_INVALID;
	*out = e;
	return ERR_OK;
}

static bool
text_ok(const char *s, bool required)
{
	if (!s)
		return !required;
	if (required && !*s)
		return false;
	return utf8_valid(s, strlen(s));
}

/* The unit must exist and be open (0: none). */
static enum err
unit_open(struct store *s, struct arena *a, int64_t id)
{
	struct unit u;
	enum err e;

	if (!id)
		return ERR_OK;
	e = store_unit_get(s, a, id, &u);
	if (e == ERR_NOTFOUND || (e == ERR_OK && u.closed_at))
		return ERR_INVALID;
	return e;
}

static char *
roles_text(struct arena *a, unsigned mask)
{
	struct buf b = BUF_INIT;
	char *out;

	role_format_list(&b, mask);
	out = arena_strdup(a, b.p);
	buf_release(&b);
	return out;
}

/* Profile fields as audit detail (before NULL: a creation). */
static void
profile_diff(struct audit_detail *d, const struct user *b, const struct user *u)
{
	audit_detail_change(d, "email", b ? b->email : NULL, u->email);
	audit_detail_change(d, "full_name", b ? b->full_name : NULL,
	                    u->full_name);
	audit_detail_change(d, "title", b ? b->title : NULL, u->title);
	audit_detail_change_int(d, "unit_id", b ? b->unit_id : 0, u->unit_id);
	audit_detail_change(d, "phone", b ? b->phone : NULL, u->phone);
	audit_detail_change_int(d, "professional", b ? b->professional : 0,
	                        u->professional);
}

struct user_op {
	struct arena *a;
	const struct audit_actor *actor;
	struct user *u;
	const struct user *c;
	const char *pw;
	int64_t id;
	unsigned mask;
	bool flag;
	time_t now;
	enum password_problem problem;
	int64_t count;
};

static enum err
create_tx(struct store *s, void *p)
{
	struct user_op *op = p;
	struct audit_detail d;
	enum err e;

	if ((e = unit_open(s, op->a, op->u->unit_id)) != ERR_OK)
		return e;
	if ((e = store_user_insert(s, op->u)) != ERR_OK)
		return e;
	audit_detail_init(&d);
	profile_diff(&d, NULL, op->u);
	audit_detail_change(&d, "roles", NULL, op->u->roles);
	audit_detail_change_int(&d, "must_change_password", 0,
	                        op->u->must_change_password);
	e = audit_append(s, op->actor, op->now, "user.add", "user", op->u->id,
	                 audit_detail_json(&d));
	audit_detail_release(&d);
	return e;
}

enum err
user_create(struct store *s, struct arena *a, const struct audit_actor *actor,
            struct user *u, const char *pw, time_t now,
            enum password_problem *problem)
{
	struct user_op op = {.a = a, .actor = actor, .u = u, .now = now};
	char hash[PASSWORD_HASH_MAX];
	const char *email;
	unsigned mask;
	enum password_problem pp;
	enum err e;

	if (problem)
		*problem = PASSWORD_OK;
	if (user_email_normalise(a, u->email, &email) != ERR_OK ||
	    !text_ok(u->full_name, true) || !text_ok(u->title, false) ||
	    !text_ok(u->phone, false) ||
	    !role_parse_list(u->roles, &mask, NULL))
		return ERR_INVALID;
	if ((pp = password_check(pw, email, u->full_name)) != PASSWORD_OK) {
		if (problem)
			*problem = pp;
		return ERR_INVALID;
	}
	if ((e = password_hash(pw, hash)) != ERR_OK)
		return e;
	u->email = email;
	u->roles = roles_text(a, mask);
	u->password_hash = arena_strdup(a, hash);
	u->password_changed_at = now;
	u->created_at = now;
	u->active = true;
	u->failed_count = 0;
	u->locked_until = 0;
	u->last_login_at = 0;
	u->totp_secret = "";
	u->recovery_codes = "";
	sodium_memzero(hash, sizeof(hash));
	return store_tx(s, create_tx, &op);
}

/* Loads account id, lets change() modify it and say what to audit, then
 * writes it and the audit entry.  change returns the action, or NULL for
 * "nothing to do". */
typedef const char *(*user_change_fn)(struct user_op *op, struct user *u,
                                      struct audit_detail *d);

struct change_arg {
	struct user_op *op;
	user_change_fn change;
};

static enum err
change_tx(struct store *s, void *p)
{
	struct change_arg *ca = p;
	struct user_op *op = ca->op;
	struct arena a = ARENA_INIT;
	struct audit_detail d;
	const char *action;
	struct user u;
	enum err e;

	arena_init(&a, 2048);
	audit_detail_init(&d);
	op->a = &a;
	if ((e = store_user_get(s, &a, op->id, &u)) != ERR_OK)
		goto out;
	if (!(action = ca->change(op, &u, &d)))
		goto out;
	if (op->problem != PASSWORD_OK) {
		e = ERR_INVALID;
		goto out;
	}
	if (strcmp(action, "invalid") == 0) {
		e = ERR_INVALID;
		goto out;
	}
	if (strcmp(action, "user.edit") == 0 &&
	    (e = unit_open(s, &a, u.unit_id)) != ERR_OK)
		goto out;
	if ((e = store_user_update(s, &u)) != ERR_OK)
		goto out;
	if (strcmp(action, "user.disable") == 0 &&
	    (e = store_session_delete_user(s, u.id, NULL)) != ERR_OK)
		goto out;
	e = audit_append(s, op->actor, op->now, action, "user", u.id,
	                 audit_detail_json(&d));
out:
	audit_detail_release(&d);
	arena_release(&a);
	op->a = NULL;
	return e;
}

static enum err
user_change(struct store *s, struct user_op *op, user_change_fn fn)
{
	struct change_arg ca = {op, fn};

	return store_tx(s, change_tx, &ca);
}

static const char *
update_change(struct user_op *op, struct user *u, struct audit_detail *d)
{
	struct user next = *u;
	const char *email;

	if (user_email_normalise(op->a, op->c->email, &email) != ERR_OK ||
	    !text_ok(op->c->full_name, true) || !text_ok(op->c->title, false) ||
	    !text_ok(op->c->phone, false))
		return "invalid";
	next.email = email;
	next.full_name = op->c->full_name;
	next.title = op->c->title ? op->c->title : "";
	next.unit_id = op->c->unit_id;
	next.phone = op->c->phone ? op->c->phone : "";
	next.professional = op->c->professional;
	profile_diff(d, u, &next);
	if (!audit_detail_any(d))
		return NULL;
	*u = next;
	return "user.edit";
}

enum err
user_update(struct store *s, const struct audit_actor *actor,
            const struct user *u, time_t now)
{
	struct user_op op = {.actor = actor, .c = u, .id = u->id, .now = now};

	return user_change(s, &op, update_change);
}

static const char *
passwd_change(struct user_op *op, struct user *u, struct audit_detail *d)
{
	char hash[PASSWORD_HASH_MAX];

	op->problem = password_check(op->pw, u->email, u->full_name);
	if (op->problem != PASSWORD_OK)
		return "invalid";
	if (password_hash(op->pw, hash) != ERR_OK)
		return "invalid";
	u->password_hash = arena_strdup(op->a, hash);
	sodium_memzero(hash, sizeof(hash));
	u->password_changed_at = op->now;
	u->must_change_password = op->flag;
	audit_detail_int(d, "must_change_password", op->flag);
	return "user.passwd";
}

enum err
user_set_password(struct store *s, const struct audit_actor *actor, int64_t id,
                  const char *pw, bool must_change, time_t now,
                  enum password_problem *problem)
{
	struct user_op op = {.actor = actor,
	                     .id = id,
	                     .pw = pw,
	                     .flag = must_change,
	                     .now = now};
	enum err e = user_change(s, &op, passwd_change);

	if (problem)
		*problem = op.problem;
	return e;
}

static const char *
active_change(struct user_op *op, struct user *u, struct audit_detail *d)
{
	if (u->active == op->flag)
		return NULL;
	audit_detail_change_int(d, "active", u->active, op->flag);
	u->active = op->flag;
	if (op->flag) {
		/* Re-enabled after inactivity: the clock starts again. */
		u->last_login_at = op->now;
		return "user.enable";
	}
	return "user.disable";
}

enum err
user_set_active(struct store *s, const struct audit_actor *actor, int64_t id,
                bool active, time_t now)
{
	struct user_op op = {
	        .actor = actor, .id = id, .flag = active, .now = now};

	return user_change(s, &op, active_change);
}

static const char *
unlock_change(struct user_op *op, struct user *u, struct audit_detail *d)
{
	(void)op;
	audit_detail_change_int(d, "failed_count", u->failed_count, 0);
	audit_detail_change_int(d, "locked_until", (int64_t)u->locked_until, 0);
	u->failed_count = 0;
	u->locked_until = 0;
	return "user.unlock";
}

enum err
user_unlock(struct store *s, const struct audit_actor *actor, int64_t id,
            time_t now)
{
	struct user_op op = {.actor = actor, .id = id, .now = now};

	return user_change(s, &op, unlock_change);
}

static const char *
roles_change(struct user_op *op, struct user *u, struct audit_detail *d)
{
	const char *next = roles_text(op->a, op->mask);
	const char *before = roles_text(op->a, user_roles(u));

	audit_detail_change(d, "roles", before, next);
	if (!audit_detail_any(d))
		return NULL;
	u->roles = next;
	return "user.roles";
}

enum err
user_set_roles(struct store *s, const struct audit_actor *actor, int64_t id,
               unsigned mask, time_t now)
{
	struct user_op op = {
	        .actor = actor, .id = id, .mask = mask, .now = now};

	if (mask & ~ROLE_ALL)
		return ERR_INVALID;
	return user_change(s, &op, roles_change);
}

static const char *
reset_2fa_change(struct user_op *op, struct user *u, struct audit_detail *d)
{
	(void)op;
	/* The secret itself never goes to the log. */
	audit_detail_int(d, "had_totp", *u->totp_secret != '\0');
	u->totp_secret = "";
	u->recovery_codes = "";
	return "user.reset-2fa";
}

enum err
user_reset_2fa(struct store *s, const struct audit_actor *actor, int64_t id,
               time_t now)
{
	struct user_op op = {.actor = actor, .id = id, .now = now};

	return user_change(s, &op, reset_2fa_change);
}

/* Log-in */

unsigned
user_login_delay(int failures)
{
	if (failures <= 1)
		return 0;
	if (failures >= 12)
		return 900;
	return MIN(1u << (failures - 2), 900u);
}

struct login_arg {
	struct arena *a;
	const char *email; /* as typed, for the audit entry */
	const char *addr;
	time_t now;
	bool verified;
	struct user *out;
	enum login_result result;
	const char *rehash; /* a new hash with today's parameters, or NULL */
};

static time_t
lock_window(time_t now)
{
	unsigned h = config.lockout_hours ? config.lockout_hours : 12;

	return now - (time_t)h * 3600;
}

/* One more failure on u: at lockout_attempts the account is locked for
 * lockout_hours.  True if this failure locked it. */
static bool
count_failure(struct user *u, time_t now)
{
	unsigned limit = config.lockout_attempts ? config.lockout_attempts : 5;
	unsigned hours = config.lockout_hours ? config.lockout_hours : 12;

	if (++u->failed_count < (int)limit)
		return false;
	u->locked_until = now + (time_t)hours * 3600;
	return true;
}

/* The "user.lock" entry of u, just locked; sessions ended with it (-1:
 * none were, not recorded). */
static enum err
audit_lock(struct store *s, const struct audit_actor *actor, time_t now,
           const struct user *u, int64_t sessions)
{
	struct audit_detail ld;
	enum err e;

	audit_detail_init(&ld);
	audit_detail_int(&ld, "locked_until", (int64_t)u->locked_until);
	audit_detail_int(&ld, "failed_count", u->failed_count);
	if (sessions >= 0)
		audit_detail_int(&ld, "sessions_ended", sessions);
	e = audit_append(s, actor, now, "user.lock", "user", u->id,
	                 audit_detail_json(&ld));
	audit_detail_release(&ld);
	return e;
}

static enum err
login_tx(struct store *s, void *p)
{
	struct login_arg *la = p;
	struct audit_actor actor = {0, la->email, la->addr};
	struct audit_detail d;
	struct user u;
	bool just_locked = false;
	const char *reason = NULL;
	enum err e;

	audit_detail_init(&d);
	e = store_user_by_email(s, la->a, la->out->email, &u);
	if (e == ERR_NOTFOUND) {
		reason = "unknown e-mail";
		la->result = LOGIN_DENIED;
		e = ERR_OK;
		u.id = 0;
		goto fail;
	}
	if (e != ERR_OK)
		goto out;
	actor.user_id = u.id;
	actor.name = u.email;
	/* A lock that has run out is forgotten with its failures. */
	if (u.locked_until && u.locked_until <= la->now) {
		u.locked_until = 0;
		u.failed_count = 0;
	}
	if (u.locked_until) {
		reason = "account locked";
		la->result = LOGIN_LOCKED;
	} else if (!la->verified) {
		reason = "wrong password";
		la->result = LOGIN_DENIED;
		if ((just_locked = count_failure(&u, la->now)))
			la->result = LOGIN_LOCKED;
	} else if (!u.active) {
		reason = "account disabled";
		la->result = LOGIN_DENIED;
	} else {
		u.failed_count = 0;
		u.last_login_at = la->now;
		if (la->rehash)
			u.password_hash = la->rehash;
		if ((e = store_user_update(s, &u)) != ERR_OK)
			goto out;
		e = audit_append(s, &actor, la->now, "login.ok", "user", u.id,
		                 NULL);
		*la->out = u;
		la->result = LOGIN_OK;
		goto out;
	}
	if ((e = store_user_update(s, &u)) != ERR_OK)
		goto out;
fail:
	if ((e = store_login_attempt_add(s, la->addr, la->now,
	                                 lock_window(la->now))) != ERR_OK)
		goto out;
	audit_detail_str(&d, "email", la->out->email);
	audit_detail_str(&d, "reason", reason);
	if (u.id)
		audit_detail_int(&d, "failed_count", u.failed_count);
	if ((e = audit_append(s, &actor, la->now, "login.fail",
	                      u.id ? "user" : "", u.id,
	                      audit_detail_json(&d))) != ERR_OK)
		goto out;
	if (just_locked)
		e = audit_lock(s, &actor, la->now, &u, -1);
out:
	audit_detail_release(&d);
	return e;
}

enum login_result
user_check_password(struct store *s, struct arena *a, const char *email,
                    const char *pw, const char *client_addr, time_t now,
                    struct user *out)
{
	struct login_arg la = {a,
	                       NULL,
	                       client_addr ? client_addr : "",
	                       now,
	                       false,
	                       out,
	                       LOGIN_DENIED,
	                       NULL};
	const char *norm;
	struct user u;
	time_t last_at;
	int failures;
	enum err e;

	memset(out, 0, sizeof(*out));
	if (!pw)
		pw = "";
	/* Growing delays per address, before any work. */
	if (store_login_attempt_get(s, la.addr, &failures, &last_at) != ERR_OK)
		return LOGIN_ERROR;
	if (failures && last_at >= lock_window(now) &&
	    now < last_at + (time_t)user_login_delay(failures))
		return LOGIN_THROTTLED;
	if (user_email_normalise(a, email, &norm) != ERR_OK)
		norm = arena_strdup(a, email ? email : "");
	la.email = norm;
	e = store_user_by_email(s, a, norm, &u);
	if (e != ERR_OK && e != ERR_NOTFOUND)
		return LOGIN_ERROR;
	/* The same argon2 work whether the account exists or not. */
	if (e == ERR_OK && *u.password_hash)
		la.verified = password_verify(u.password_hash, pw);
	else
		password_verify_dummy(pw);
	/* A hash made with other argon2 parameters (the defaults changed,
	 * or the configuration) is remade now that the password is known,
	 * so every account moves to the configured memory cost; before the
	 * transaction, which must not wait for argon2. */
	if (la.verified && password_needs_rehash(u.password_hash)) {
		char h[PASSWORD_HASH_MAX];

		if (password_hash(pw, h) == ERR_OK)
			la.rehash = arena_strdup(a, h);
		sodium_memzero(h, sizeof(h));
	}
	out->email = norm;
	if (store_tx(s, login_tx, &la) != ERR_OK) {
		memset(out, 0, sizeof(*out));
		return LOGIN_ERROR;
	}
	if (la.result != LOGIN_OK)
		memset(out, 0, sizeof(*out));
	return la.result;
}

/* The password change page's check of the current password */

struct current_arg {
	int64_t id;
	const char *addr;
	time_t now;
	bool verified;
	enum login_result result;
};

static enum err
current_tx(struct store *s, void *p)
{
	struct current_arg *ca = p;
	struct arena a = ARENA_INIT;
	struct audit_actor actor = {0, "", ca->addr};
	struct audit_detail d;
	struct user u;
	bool just_locked;
	int64_t ended = 0;
	enum err e;

	arena_init(&a, 2048);
	audit_detail_init(&d);
	if ((e = store_user_get(s, &a, ca->id, &u)) != ERR_OK)
		goto out;
	actor.user_id = u.id;
	actor.name = u.email;
	if (u.locked_until && u.locked_until <= ca->now) {
		u.locked_until = 0;
		u.failed_count = 0;
	}
	/* Locked meanwhile (from the log-in page): no change here. */
	if (u.locked_until) {
		ca->result = LOGIN_LOCKED;
		goto out;
	}
	if (ca->verified) {
		ca->result = LOGIN_OK;
		if (u.failed_count) {
			u.failed_count = 0;
			e = store_user_update(s, &u);
		}
		goto out;
	}
	just_locked = count_failure(&u, ca->now);
	ca->result = just_locked ? LOGIN_LOCKED : LOGIN_DENIED;
	if ((e = store_user_update(s, &u)) != ERR_OK)
		goto out;
	audit_detail_str(&d, "reason", "wrong current password");
	audit_detail_int(&d, "failed_count", u.failed_count);
	if ((e = audit_append(s, &actor, ca->now, "user.passwd-fail", "user",
	                      u.id, audit_detail_json(&d))) != ERR_OK)
		goto out;
	/* Whoever guesses from inside a session may hold a stolen one:
	 * the lock ends every session, not only future log-ins. */
	if (just_locked &&
	    ((e = store_session_delete_user(s, u.id, &ended)) != ERR_OK ||
	     (e = audit_lock(s, &actor, ca->now, &u, ended)) != ERR_OK))
		goto out;
out:
	audit_detail_release(&d);
	arena_release(&a);
	return e;
}

enum login_result
user_check_current_password(struct store *s, int64_t id, const char *pw,
                            const char *client_addr, time_t now)
{
	struct current_arg ca = {id, client_addr ? client_addr : "", now, false,
	                         LOGIN_DENIED};
	struct arena a = ARENA_INIT;
	struct user u;
	enum err e;

	if (!pw)
		pw = "";
	/* No per-address delays here: the guesser already holds a session
	 * of this one account, whose lock bounds the guesses, and counting
	 * on the address would also slow its owner's next log-in. */
	arena_init(&a, 2048);
	e = store_user_get(s, &a, id, &u);
	if (e == ERR_OK && u.locked_until > now) {
		arena_release(&a);
		return LOGIN_LOCKED;
	}
	if (e == ERR_OK)
		ca.verified = *u.password_hash &&
		              password_verify(u.password_hash, pw);
	arena_release(&a);
	if (e != ERR_OK)
		return LOGIN_ERROR;
	if (store_tx(s, current_tx, &ca) != ERR_OK)
		return LOGIN_ERROR;
	return ca.result;
}

bool
user_password_expired(const struct user *u, time_t now)
{
	unsigned days = config.admin_password_days;

	if (u->must_change_password)
		return true;
	if (!days || !user_has_role(u, ROLE_IT_ADMIN))
		return false;
	return u->password_changed_at + (time_t)days * 86400 <= now;
}

static enum err
inactive_tx(struct store *s, void *p)
{
	struct user_op *op = p;
	struct arena a = ARENA_INIT;
	struct user *v;
	size_t n;
	time_t cutoff = op->now - (time_t)config.inactive_days * 86400;
	enum err e;

	arena_init(&a, 4096);
	if ((e = store_users(s, &a, 0, &v, &n)) != ERR_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		time_t used = v[i].last_login_at ? v[i].last_login_at
		                                 : v[i].created_at;
		struct audit_detail d;

		if (!v[i].active || used >= cutoff)
			continue;
		v[i].active = false;
		if ((e = store_user_update(s, &v[i])) != ERR_OK ||
		    (e = store_session_delete_user(s, v[i].id, NULL)) != ERR_OK)
			goto out;
		audit_detail_init(&d);
		audit_detail_change_int(&d, "active", 1, 0);
		audit_detail_str(&d, "reason", "inactive");
		e = audit_append(s, op->actor, op->now, "user.disable", "user",
		                 v[i].id, audit_detail_json(&d));
		audit_detail_release(&d);
		if (e != ERR_OK)
			goto out;
		op->count++;
	}
out:
	arena_release(&a);
	return e;
}

enum err
user_disable_inactive(struct store *s, const struct audit_actor *actor,
                      time_t now, int64_t *n)
{
	struct user_op op = {.actor = actor, .now = now};
	enum err e;

	if (n)
		*n = 0;
	if (!config.inactive_days)
		return ERR_OK;
	if ((e = store_tx(s, inactive_tx, &op)) == ERR_OK && n)
		*n = op.count;
	return e;
}

/* Sessions */

void
user_session_id(const char *token, char id[SESSION_TOKEN_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	if (sodium_init() < 0)
		BUG("libsodium cannot start");
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(id, SESSION_TOKEN_HEX, h, sizeof(h));
}

enum err
user_session_start(struct store *s, int64_t user_id, const char *client_addr,
                   const char *user_agent, time_t now,
                   char token[SESSION_TOKEN_HEX])
{
	unsigned char raw[32];
	char id[SESSION_TOKEN_HEX];
	struct session se = {0};

	password_random_bytes(raw, sizeof(raw));
	sodium_bin2hex(token, SESSION_TOKEN_HEX, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	user_session_id(token, id);
	se.id = id;
	se.user_id = user_id;
	se.created_at = now;
	se.last_seen_at = now;
	se.client_addr = client_addr;
	se.user_agent = user_agent;
	return store_session_insert(s, &se);
}
