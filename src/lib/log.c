/*
 * Minimal leveled logging to stderr.  One fprintf per line so that lines
 * from different threads do not interleave (stdio locks the stream).
 */
#include "common.h"
#include "log.h"

static enum log_level min_level = LOG_LEVEL_INFO;

void
log_set_level(enum log_level level)
{
	min_level = level;
}

static void
vlog(enum log_level level, const char *tag, int errnum, const char *fmt,
     va_list ap)
{
	char msg[1024];

	if (level < min_level)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (errnum)
		fprintf(stderr, "ttdt: %s%s: %s\n", tag, msg, strerror(errnum));
	else
		fprintf(stderr, "ttdt: %s%s\n", tag, msg);
}

#define LOG_FN(name, level, tag, with_errno)                                   \
	void name(const char *fmt, ...)                                        \
	{                                                                      \
		int e = (with_errno) ? errno : 0;                              \
		va_list ap;                                                    \
		va_start(ap, fmt);                                             \
		vlog(level, tag, e, fmt, ap);                                  \
		va_end(ap);                                                    \
	}

LOG_FN(log_debug, LOG_LEVEL_DEBUG, "debug: ", 0)
LOG_FN(log_info, LOG_LEVEL_INFO, "", 0)
LOG_FN(log_warn, LOG_LEVEL_WARN, "warning: ", 1)
LOG_FN(log_warnx, LOG_LEVEL_WARN, "warning: ", 0)
LOG_FN(log_err, LOG_LEVEL_ERR, "error: ", 1)
LOG_FN(log_errx, LOG_LEVEL_ERR, "error: ", 0)

int
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LEVEL_ERR, "error: ", 0, fmt, ap);
	va_end(ap);
	return -1;
}
