/*
 * Logging to stderr (journald under systemd).  log_warn and log_err append
 * strerror(errno); the x forms do not.  Text is English, lower case, no
 * trailing full stop, and quotes its subject: "cannot open '%s'".
 * log_error returns -1 so a helper can `return log_error(...)`.
 */
#ifndef TTDT_LOG_H
#define TTDT_LOG_H

enum log_level {
	LOG_LEVEL_DEBUG,
	LOG_LEVEL_INFO,
	LOG_LEVEL_WARN,
	LOG_LEVEL_ERR
};

void log_set_level(enum log_level level);
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_errx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
