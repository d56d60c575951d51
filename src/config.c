/*
 * Configuration from one INI file (inih).  Every key is a row of the
 * key table below — its section, name, type and place in struct config —
 * so defaults, parsing, validation messages and etc/ttdt.ini stay in step.
 * Strings are always heap copies, so config_release can free them all.
 */
#include "common.h"

#include <ini.h>

#include "config.h"
#include "xalloc.h"

struct config config;

enum key_type { KEY_STR, KEY_UINT, KEY_SIZE, KEY_BOOL };

struct key {
	const char *section;
	const char *name;
	enum key_type type;
	size_t offset;
	const char *def;
};

#define K(sec, name, type, field, def)                                         \
	{                                                                      \
		sec, name, type, offsetof(struct config, field), def           \
	}

static const struct key keys[] = {
        K("server", "listen", KEY_STR, listen, "127.0.0.1:8080"),
        K("server", "threads", KEY_UINT, threads, "0"),
        K("server", "max_header", KEY_SIZE, max_header, "16k"),
        K("server", "max_body", KEY_SIZE, max_body, "1m"),
        K("server", "upload_max", KEY_SIZE, upload_max, "50m"),
        K("server", "contribute_max", KEY_SIZE, contribute_max, "20m"),
        K("server", "idle_timeout", KEY_UINT, idle_timeout, "30"),
        K("server", "max_conn_per_ip", KEY_UINT, max_conn_per_ip, "0"),
        K("server", "rate_limit", KEY_UINT, rate_limit, "0"),
        K("server", "rate_burst", KEY_UINT, rate_burst, "0"),
        K("server", "access_log", KEY_STR, access_log, ""),
        K("server", "trusted_proxies", KEY_STR, trusted_proxies, ""),
        K("server", "page_cache", KEY_BOOL, page_cache, "true"),
        K("server", "page_cache_max", KEY_SIZE, page_cache_max, "24m"),
        K("server", "views_flush_interval", KEY_UINT, views_flush_interval,
          "10"),
        K("paths", "db", KEY_STR, db, "/var/lib/ttdt/ttdt.db"),
        K("paths", "templates_dir", KEY_STR, templates_dir,
          TTDT_DATADIR "/templates"),
        K("paths", "theme_dir", KEY_STR, theme_dir, ""),
        K("paths", "static_dir", KEY_STR, static_dir, TTDT_DATADIR "/static"),
        K("paths", "media_dir", KEY_STR, media_dir, "/var/lib/ttdt/media"),
        K("site", "name", KEY_STR, site.name, "Sở Tư pháp tỉnh Kon Tum"),
        K("site", "parent_name", KEY_STR, site.parent_name,
          "Ủy ban nhân dân tỉnh Kon Tum"),
        K("site", "short_name", KEY_STR, site.short_name, "Sở Tư pháp"),
        K("site", "description", KEY_STR, site.description,
          "Trang thông tin điện tử Sở Tư pháp tỉnh Kon Tum"),
        K("site", "base_url", KEY_STR, site.base_url, "http://127.0.0.1:8080"),
        K("site", "logo", KEY_STR, site.logo, "img/logo.svg"),
        K("site", "address", KEY_STR, site.address, ""),
        K("site", "phone", KEY_STR, site.phone, ""),
        K("site", "fax", KEY_STR, site.fax, ""),
        K("site", "email", KEY_STR, site.email, ""),
        K("site", "responsible", KEY_STR, site.responsible, ""),
        K("site", "responsible_title", KEY_STR, site.responsible_title, ""),
        K("site", "licence", KEY_STR, site.licence, ""),
        K("site", "public_service_url", KEY_STR, site.public_service_url, ""),
        K("site", "copyright", KEY_STR, site.copyright, ""),
        /* argon2id: 2 passes (libsodium's OPSLIMIT_INTERACTIVE) over
         * 19 MiB, one at a time: OWASP's minimum for argon2id (m=19 MiB,
         * t=2, p=1).  libsodium's MEMLIMIT_INTERACTIVE (64 MiB) puts one
         * log-in at 89 MiB resident, over DESIGN's 64 MiB for the whole
         * server; 19 MiB, one at a time, peaks at 51 MiB with 16 log-ins
         * at once (docs/benchmarks.md, bench/login-rss). */
        K("security", "argon2_ops", KEY_UINT, argon2_ops, "2"),
        K("security", "argon2_mem", KEY_SIZE, argon2_mem, "19m"),
        K("security", "argon2_parallel", KEY_UINT, argon2_parallel, "1"),
        K("security", "password_min_length", KEY_UINT, password_min_length,
          "12"),
        K("security", "lockout_attempts", KEY_UINT, lockout_attempts, "5"),
        K("security", "lockout_hours", KEY_UINT, lockout_hours, "12"),
        K("security", "admin_password_days", KEY_UINT, admin_password_days,
          "60"),
        K("security", "inactive_days", KEY_UINT, inactive_days, "45"),
        K("security", "audit_retention_days", KEY_UINT, audit_retention_days,
          "365"),
        K("security", "session_idle_minutes", KEY_UINT, session_idle_minutes,
          "15"),
        K("security", "admin_idle_minutes", KEY_UINT, admin_idle_minutes, "5"),
        K("security", "session_absolute_hours", KEY_UINT,
          session_absolute_hours, "12"),
        K("security", "cookie_secure", KEY_BOOL, cookie_secure, "false"),
        K("security", "newsroom_allow", KEY_STR, newsroom_allow, ""),
        K("mail", "host", KEY_STR, mail_host, ""),
        K("mail", "port", KEY_UINT, mail_port, "0"),
        K("mail", "tls", KEY_STR, mail_tls, "starttls"),
        K("mail", "user", KEY_STR, mail_user, ""),
        K("mail", "password", KEY_STR, mail_password, ""),
        K("mail", "password_file", KEY_STR, mail_password_file, ""),
        K("mail", "from", KEY_STR, mail_from, ""),
        K("mail", "from_name", KEY_STR, mail_from_name, ""),
        K("mail", "timeout", KEY_UINT, mail_timeout, "30"),
};

/* Parses "123", "16k", "1m", "2g" (binary multiples). */
static bool
parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	size_t mult = 1;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return false;
	switch (*end) {
	case '\0':
		break;
	case 'k':
	case 'K':
		mult = 1024;
		end++;
		break;
	case 'm':
	case 'M':
		mult = 1024 * 1024;
		end++;
		break;
	case 'g':
	case 'G':
		mult = 1024 * 1024 * 1024;
		end++;
		break;
	default:
		return false;
	}
	if (*end || v > SIZE_MAX / mult)
		return false;
	*out = (size_t)v * mult;
	return true;
}

static bool
parse_uint(const char *s, unsigned *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > UINT32_MAX)
		return false;
	*out = (unsigned)v;
	return true;
}

static bool
parse_bool(const char *s, bool *out)
{
	if (!strcasecmp(s, "true") || !strcasecmp(s, "yes") ||
	    !strcmp(s, "1") || !strcasecmp(s, "on"))
		*out = true;
	else if (!strcasecmp(s, "false") || !strcasecmp(s, "no") ||
	         !strcmp(s, "0") || !strcasecmp(s, "off"))
		*out = false;
	else
		return false;
	return true;
}

/* Sets one key from text; false (and nothing changed) if malformed. */
static bool
key_set(struct config *c, const struct key *k, const char *value)
{
	void *field = (char *)c + k->offset;

	switch (k->type) {
	case KEY_STR: {
		const char **s = field;

		free((char *)*s);
		*s = xstrdup(value);
		return true;
	}
	case KEY_UINT:
		return parse_uint(value, field);
	case KEY_SIZE:
		return parse_size(value, field);
	case KEY_BOOL:
		return parse_bool(value, field);
	}
	BUG("bad key type");
}

void
config_defaults(struct config *c)
{
	size_t i;

	config_release(c);
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (!key_set(c, &keys[i], keys[i].def))
			BUG("bad default for %s.%s", keys[i].section,
			    keys[i].name);
}

struct load_ctx {
	struct config *c;
	struct buf *err;
	const char *path;
	int nerr;
};

static int
on_key(void *user, const char *section, const char *name, const char *value)
{
	struct load_ctx *ctx = user;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		if (strcmp(keys[i].section, section) ||
		    strcmp(keys[i].name, name))
			continue;
		if (key_set(ctx->c, &keys[i], value))
			return 1;
		buf_addf(ctx->err, "%s: [%s] %s: invalid value '%s'\n",
		         ctx->path, section, name, value);
		ctx->nerr++;
		return 1;
	}
	buf_addf(ctx->err, "%s: unknown key '%s' in section [%s]\n", ctx->path,
	         name, section);
	ctx->nerr++;
	return 1;
}

int
config_load(struct config *c, const char *path, struct buf *err)
{
	struct load_ctx ctx = {c, err, path, 0};
	int rc = ini_parse(path, on_key, &ctx);

	if (rc < 0) {
		buf_addf(err, "%s: cannot read: %s\n", path,
		         rc == -1 ? strerror(errno) : "out of memory");
		return -1;
	}
	if (rc > 0) {
		buf_addf(err, "%s:%d: syntax error\n", path, rc);
		return -1;
	}
	return ctx.nerr ? -1 : 0;
}

int
config_validate(const struct config *c, struct buf *err)
{
	size_t before = err->len;

	if (!*c->listen)
		buf_adds(err, "[server] listen must not be empty\n");
	if (c->max_header < 1024)
		buf_adds(err, "[server] max_header must be at least 1k\n");
	if (c->upload_max < 1024)
		buf_adds(err, "[server] upload_max must be at least 1k\n");
	if (c->contribute_max < 1024)
		buf_adds(err, "[server] contribute_max must be at least 1k\n");
	if (c->idle_timeout == 0)
		buf_adds(err, "[server] idle_timeout must be at least 1\n");
	if (c->views_flush_interval == 0)
		buf_adds(err,
		         "[server] views_flush_interval must be at least 1\n");
	if (!*c->db)
		buf_adds(err, "[paths] db must not be empty\n");
	/* libsodium's crypto_pwhash_OPSLIMIT_MIN and MEMLIMIT_MIN. */
	if (c->argon2_ops < 1)
		buf_adds(err, "[security] argon2_ops must be at least 1\n");
	if (c->argon2_mem < 8192)
		buf_adds(err, "[security] argon2_mem must be at least 8k\n");
	if (c->password_min_length < 8)
		buf_adds(err, "[security] password_min_length must be at "
		              "least 8\n");
	if (c->lockout_attempts < 1)
		buf_adds(err, "[security] lockout_attempts must be at least "
		              "1\n");
	if (c->audit_retention_days < 90)
		buf_adds(err, "[security] audit_retention_days must be at "
		              "least 90\n");
	if (c->session_idle_minutes < 1 || c->admin_idle_minutes < 1)
		buf_adds(err, "[security] session_idle_minutes and "
		              "admin_idle_minutes must be at least 1\n");
	if (c->session_absolute_hours < 1)
		buf_adds(err, "[security] session_absolute_hours must be at "
		              "least 1\n");
	if (!*c->site.name)
		buf_adds(err, "[site] name must not be empty\n");
	/* Mail is off unless host is set; then it must be able to send. */
	if (*c->mail_host) {
		if (strcmp(c->mail_tls, "none") &&
		    strcmp(c->mail_tls, "starttls") &&
		    strcmp(c->mail_tls, "tls"))
			buf_adds(err, "[mail] tls must be none, starttls or "
			              "tls\n");
		if (!*c->mail_from || !strchr(c->mail_from, '@'))
			buf_adds(err, "[mail] from must be an e-mail address "
			              "when host is set\n");
		if (c->mail_port > 65535)
			buf_adds(err, "[mail] port must be at most 65535\n");
		if (c->mail_timeout < 1)
			buf_adds(err, "[mail] timeout must be at least 1\n");
		if (*c->mail_password && *c->mail_password_file)
			buf_adds(err, "[mail] set password or password_file, "
			              "not both\n");
		if (*c->mail_user && !*c->mail_password &&
		    !*c->mail_password_file)
			buf_adds(err, "[mail] user needs password or "
			              "password_file\n");
	}
	if (strncmp(c->site.base_url, "http://", 7) &&
	    strncmp(c->site.base_url, "https://", 8))
		buf_adds(err, "[site] base_url must start with http:// or "
		              "https://\n");
	else if (c->site.base_url[strlen(c->site.base_url) - 1] == '/')
		buf_adds(err, "[site] base_url must not end with '/'\n");
	return err->len == before ? 0 : -1;
}

bool
config_https(const struct config *c)
{
	return c->cookie_secure ||
	       (c->site.base_url && !strncmp(c->site.base_url, "https://", 8));
}

void
config_release(struct config *c)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		if (keys[i].type == KEY_STR) {
			const char **s =
			        (const char **)((char *)c + keys[i].offset);

			free((char *)*s);
			*s = NULL;
		}
	}
}

int
config_set(struct config *c, const char *section, const char *name,
           const char *value)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (!strcmp(keys[i].section, section) &&
		    !strcmp(keys[i].name, name))
			return key_set(c, &keys[i], value) ? 0 : -1;
	return -1;
}
