/*
 * The newsroom's address ranges ([security] newsroom_allow, issue 3
 * item 5): a list of CIDR ranges, IPv4 and IPv6, separated by spaces or
 * commas.  A bare address is a range of one.  An IPv4-mapped IPv6
 * client address (::ffff:10.1.2.3, what a dual-stack socket reports)
 * is matched as the IPv4 address it carries.
 */
#include "common.h"

#include <arpa/inet.h>

#include "admin_int.h"

/* Longest range text: an IPv6 address and "/128". */
#define RANGE_MAX 64

struct addr {
	int family; /* AF_INET or AF_INET6 */
	unsigned char b[16];
};

static bool
addr_parse(const char *s, struct addr *out)
{
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0,    0,
	                                         0, 0, 0, 0, 0xff, 0xff};

	if (inet_pton(AF_INET, s, out->b) == 1) {
		out->family = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, s, out->b) != 1)
		return false;
	out->family = AF_INET6;
	if (!memcmp(out->b, mapped, sizeof(mapped))) {
		memmove(out->b, out->b + 12, 4);
		out->family = AF_INET;
	}
	return true;
}

/* Parses one range of len bytes at p. */
static bool
range_parse(const char *p, size_t len, struct addr *a, unsigned *bits)
{
	char t[RANGE_MAX];
	char *slash;
	unsigned max;

	if (len == 0 || len >= sizeof(t))
		return false;
	memcpy(t, p, len);
	t[len] = '\0';
	if ((slash = strchr(t, '/')))
		*slash = '\0';
	/* Not addr_parse: a range written as ::ffff:a.b.c.d/n would need
	 * its prefix shifted; nobody needs to write one. */
	if (inet_pton(AF_INET, t, a->b) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, t, a->b) == 1)
		a->family = AF_INET6;
	else
		return false;
	max = a->family == AF_INET ? 32 : 128;
	*bits = max;
	if (slash) {
		const char *d = slash + 1;
		unsigned v = 0;

		if (!*d || strlen(d) > 3)
			return false;
		for (; *d; d++) {
			if (*d < '0' || *d > '9')
				return false;
			v = v * 10 + (unsigned)(*d - '0');
		}
		if (v > max)
			return false;
		*bits = v;
	}
	return true;
}

static bool
in_range(const struct addr *x, const struct addr *net, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;

	if (x->family != net->family)
		return false;
	if (memcmp(x->b, net->b, full))
		return false;
	if (rest) {
		unsigned char mask = (unsigned char)(0xffu << (8 - rest));

		if ((x->b[full] & mask) != (net->b[full] & mask))
			return false;
	}
	return true;
}

/* Calls each range of list; stops at the first malformed one. */
static bool
ranges_each(const char *list, const struct addr *x, bool *hit)
{
	const char *p = list ? list : "";

	*hit = false;
	for (;;) {
		struct addr net;
		unsigned bits;
		size_t n;

		p += strspn(p, " \t,");
		if (!*p)
			return true;
		n = strcspn(p, " \t,");
		if (!range_parse(p, n, &net, &bits))
			return false;
		if (x && in_range(x, &net, bits))
			*hit = true;
		p += n;
	}
}

bool
admin_ranges_valid(const char *list, const char **bad)
{
	bool hit;
	const char *p = list ? list : "";

	if (ranges_each(p, NULL, &hit))
		return true;
	if (bad) {
		/* Point at the first malformed entry. */
		for (;;) {
			struct addr net;
			unsigned bits;
			size_t n;

			p += strspn(p, " \t,");
			n = strcspn(p, " \t,");
			if (!range_parse(p, n, &net, &bits))
				break;
			p += n;
		}
		*bad = p;
	}
	return false;
}

bool
admin_addr_allowed(const char *list, const char *client_addr)
{
	struct addr x;
	bool hit;

	if (!list || !*(list + strspn(list, " \t,")))
		return true;
	/* Fail closed: an unknown address or a malformed list refuses. */
	if (!client_addr || !addr_parse(client_addr, &x))
		return false;
	return ranges_each(list, &x, &hit) && hit;
}
