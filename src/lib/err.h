/*
 * Expected failures of the domain and store layers.  err_str gives an
 * English name for logs; the web layer maps each code to an HTTP status
 * and a Vietnamese page (web_fail).
 */
#ifndef TTDT_ERR_H
#define TTDT_ERR_H

enum err {
	ERR_OK,
	ERR_NOTFOUND,
	ERR_CONFLICT,
	ERR_INVALID,
	ERR_DENIED,
	ERR_BUSY,
	ERR_IO,
	ERR_DB,
	ERR_GONE,
	ERR__MAX
};

const char *err_str(enum err e);

#endif
