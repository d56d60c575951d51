/*
 * Configuration: one INI file (inih), every key documented in
 * etc/ttdt.ini; command-line flags override it.  Filled once at start and
 * read-only afterwards (the global `config`).
 */
#ifndef TTDT_CONFIG_H
#define TTDT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct site_config {
	const char *name;        /* Sở Tư pháp tỉnh Kon Tum */
	const char *parent_name; /* Ủy ban nhân dân tỉnh Kon Tum */
	const char *short_name;  /* shown where space is short */
	const char *description; /* meta description of the home page */
	const char *base_url;    /* https://stp.kontum.gov.vn (no slash) */
	const char *logo;        /* path below static/, e.g. img/logo.svg */
	const char *address;
	const char *phone;
	const char *fax;
	const char *email;
	const char *responsible; /* person responsible for the site */
	const char *responsible_title;
	const char *licence; /* licence / establishment decision line */
	const char *public_service_url; /* online public-service portal */
	const char *copyright;
};

struct config {
	/* [server] */
	const char *listen;
	unsigned threads;
	size_t max_header;
	size_t max_body;
	size_t upload_max;     /* largest file the newsroom takes (media) */
	size_t contribute_max; /* largest contribution, files included
	                          (the public page /gui-tin-bai) */
	unsigned idle_timeout;
	unsigned max_conn_per_ip;
	unsigned rate_limit; /* requests a second per address, 0: off */
	unsigned rate_burst;
	const char *access_log;
	const char *trusted_proxies;
	bool page_cache;
	size_t page_cache_max;
	unsigned views_flush_interval;
	/* [paths] */
	const char *db;
	const char *templates_dir;
	const char *theme_dir; /* "" : none */
	const char *static_dir;
	const char *media_dir;
	/* [site] */
	struct site_config site;
	/* [security]: accounts and the audit log (issue 3; TCVN 14423 as
	 * summarised in the project's related-law notes). */
	unsigned argon2_ops;      /* argon2id passes (crypto_pwhash opslimit) */
	size_t argon2_mem;        /* argon2id memory in bytes (memlimit) */
	unsigned argon2_parallel; /* argon2 computations at once, 0: cores */
	unsigned password_min_length;  /* in characters */
	unsigned lockout_attempts;     /* failed log-ins before a lock */
	unsigned lockout_hours;        /* how long a lock lasts */
	unsigned admin_password_days;  /* IT admin password expiry, 0: never */
	unsigned inactive_days;        /* unused accounts disabled, 0: never */
	unsigned audit_retention_days; /* purge older entries (never < 90) */
	/* The newsroom's sessions (issue 3 item 5). */
	unsigned session_idle_minutes;   /* idle timeout */
	unsigned admin_idle_minutes;     /* idle timeout of an IT admin */
	unsigned session_absolute_hours; /* a session never lives longer */
	bool cookie_secure; /* Secure cookies and HSTS; see config_https */
	const char *newsroom_allow; /* CIDR ranges, "" : anywhere */
	/* [mail]: notifications and password reset by e-mail (issue 4
	 * item 11; src/domain/mail.c).  mail_host "" turns mail off. */
	const char *mail_host;
	unsigned mail_port;    /* 0: 25, 587 or 465 by mail_tls */
	const char *mail_tls;  /* none, starttls or tls */
	const char *mail_user; /* "" : no AUTH */
	const char *mail_password;
	const char *mail_password_file; /* read at each send, if set */
	const char *mail_from;          /* envelope and From address */
	const char *mail_from_name;     /* "" : site.name */
	unsigned mail_timeout;          /* seconds a connection may take */
};

extern struct config config;

/* Sets every key to its default. */
void config_defaults(struct config *c);
/* Reads path over the current values.  On error appends every message
 * (file:line: what) to err and returns -1. */
int config_load(struct config *c, const char *path, struct buf *err);
/* Checks values that must hold together; appends messages, -1 if any. */
int config_validate(const struct config *c, struct buf *err);
/* Sets one key from text (command-line overrides); -1 if the key is
 * unknown or the value malformed. */
int config_set(struct config *c, const char *section, const char *name,
               const char *value);
/* True if the site is served over TLS: cookie_secure, or a base_url
 * that starts with https:// (then cookies get Secure and /quan-tri
 * sends Strict-Transport-Security). */
bool config_https(const struct config *c);
/* Frees strings loaded from a file. */
void config_release(struct config *c);

#endif
