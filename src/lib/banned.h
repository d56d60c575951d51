/*
 * Functions that are easy to misuse.  Including this header after the
 * system headers turns any use of them into a compile error; use the
 * bounded or re-entrant alternatives named beside each one.
 */
#ifndef TTDT_BANNED_H
#define TTDT_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy) /* use buf or memcpy */
#undef strcat
#define strcat(x, y) BANNED(strcat) /* use buf_add */
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef strtok
#define strtok(x, y) BANNED(strtok) /* use strtok_r or a parser */
#undef sprintf
#define sprintf(...) BANNED(sprintf) /* use snprintf or buf_addf */
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gmtime
#define gmtime(t) BANNED(gmtime) /* use gmtime_r or vntime */
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)
#undef mktemp
#define mktemp(x) BANNED(mktemp) /* use mkstemp */

#endif
