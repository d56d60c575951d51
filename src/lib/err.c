#include "common.h"
#include "err.h"

static const char *const err_names[ERR__MAX] = {
        "ok",             /* ERR_OK */
        "not found",      /* ERR_NOTFOUND */
        "conflict",       /* ERR_CONFLICT */
        "invalid",        /* ERR_INVALID */
        "denied",         /* ERR_DENIED */
        "busy",           /* ERR_BUSY */
        "i/o error",      /* ERR_IO */
        "database error", /* ERR_DB */
        "gone",           /* ERR_GONE */
};

const char *
err_str(enum err e)
{
	if ((unsigned)e >= ERR__MAX)
		BUG("bad enum err %d", (int)e);
	return err_names[e];
}
