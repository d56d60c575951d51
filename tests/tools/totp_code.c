/*
 * totp_code: the code an authenticator app would show, for the HTTP
 * tests of the second factor (tests/http/t207-second-factor.sh).
 *
 *   totp_code SECRET [OFFSET]
 *	prints the 6-digit TOTP of the base32 SECRET (spaces allowed, as
 *	the enrolment page groups it) at the current time plus OFFSET
 *	seconds (default 0; 30 gives the next step's code).
 */
#include "common.h"

#include "totp.h"

int
main(int argc, char **argv)
{
	unsigned char key[TOTP_SECRET_BYTES * 2];
	long offset = 0;
	size_t n = 0;
	char *end;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: totp_code SECRET [OFFSET]\n");
		return 2;
	}
	if (!totp_base32_decode(argv[1], strlen(argv[1]), key, sizeof(key),
	                        &n) ||
	    n == 0) {
		fprintf(stderr, "totp_code: not a base32 secret\n");
		return 2;
	}
	if (argc == 3) {
		offset = strtol(argv[2], &end, 10);
		if (*end || end == argv[2]) {
			fprintf(stderr, "totp_code: OFFSET is a number of "
			                "seconds\n");
			return 2;
		}
	}
	printf("%06u\n", (unsigned)totp_at(key, n, time(NULL) + offset,
	                                   TOTP_DIGITS));
	return 0;
}
