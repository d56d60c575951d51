/*
 * Routing: every table's routes in order, first match wins.  Patterns
 * are split into segments once at start; matching walks the path's
 * segments in place without allocating (only matched ":x" values are
 * copied into the request's arena).  A single trailing '/' on the path
 * is ignored, so "/tin-tuc/" finds "/tin-tuc".
 */
#include "common.h"

#include "http_int.h"
#include "xalloc.h"

#define ROUTE_MAX_SEGS 16

struct rseg {
	const char *p;
	size_t len;
	bool param; /* ":x" */
};

struct rroute {
	const struct route *route;
	struct rseg segs[ROUTE_MAX_SEGS];
	size_t nsegs;
	bool star; /* a final "*" */
};

struct router {
	struct rroute *v;
	size_t n;
};

struct router *
router_new(const struct route *const *tables, const size_t *sizes,
           size_t ntables)
{
	struct router *rt = xcalloc(1, sizeof(*rt));
	size_t t, i, total = 0;

	for (t = 0; t < ntables; t++)
		total = st_add(total, sizes[t]);
	rt->v = xcalloc(total ? total : 1, sizeof(*rt->v));
	for (t = 0; t < ntables; t++) {
		for (i = 0; i < sizes[t]; i++) {
			const struct route *r = &tables[t][i];
			struct rroute *rr = &rt->v[rt->n++];
			const char *p = r->pattern;

			rr->route = r;
			if (*p != '/')
				BUG("route pattern '%s' must start with /",
				    r->pattern);
			while (*p) {
				const char *s;

				while (*p == '/')
					p++;
				if (!*p)
					break;
				s = p;
				while (*p && *p != '/')
					p++;
				if (p - s == 1 && *s == '*') {
					if (*p)
						BUG("'*' must end pattern '%s'",
						    r->pattern);
					rr->star = true;
					break;
				}
				if (rr->nsegs == ROUTE_MAX_SEGS)
					BUG("pattern '%s' is too long",
					    r->pattern);
				rr->segs[rr->nsegs++] = (struct rseg){
				        s, (size_t)(p - s), *s == ':'};
			}
		}
	}
	return rt;
}

void
router_free(struct router *rt)
{
	if (!rt)
		return;
	free(rt->v);
	free(rt);
}

/* Does the path match rr?  Records ":x" values as offsets. */
static bool
match(const struct rroute *rr, const char *path, size_t plen, struct str *vals,
      size_t *nvals)
{
	size_t i = 0, k, pos = 0;

	*nvals = 0;
	for (k = 0; k < rr->nsegs; k++) {
		const struct rseg *sg = &rr->segs[k];
		size_t s;

		if (pos >= plen || path[pos] != '/')
			return false;
		s = ++pos;
		while (pos < plen && path[pos] != '/')
			pos++;
		if (pos == s)
			return false;
		if (sg->param) {
			if (i < 4)
				vals[i++] = str_make(path + s, pos - s);
		} else if (sg->len != pos - s ||
		           memcmp(sg->p, path + s, sg->len) != 0) {
			return false;
		}
	}
	*nvals = i;
	if (rr->star)
		return true;
	return pos == plen;
}

http_handler_fn
router_match(const struct router *rt, enum http_method method, const char *path,
             struct req *r, unsigned *allowed)
{
	size_t i, plen = strlen(path), nvals, k;
	unsigned want = HTTP_M(method == HTTP_HEAD ? HTTP_GET : method);
	struct str vals[4];

	*allowed = 0;
	if (plen > 0 && path[plen - 1] == '/')
		plen--;
	for (i = 0; i < rt->n; i++) {
		const struct rroute *rr = &rt->v[i];

		if (!match(rr, path, plen, vals, &nvals))
			continue;
		if (!(rr->route->methods & (want | HTTP_M(method)))) {
			*allowed |= rr->route->methods;
			continue;
		}
		r->nparams = nvals;
		for (k = 0; k < nvals; k++)
			r->params[k] = arena_strdup_str(r->arena, vals[k]);
		return rr->route->fn;
	}
	if (*allowed & HTTP_M(HTTP_GET))
		*allowed |= HTTP_M(HTTP_HEAD);
	return NULL;
}

const char *const http_method_names[HTTP__MAX] = {
        "GET",     /* HTTP_GET */
        "HEAD",    /* HTTP_HEAD */
        "POST",    /* HTTP_POST */
        "PUT",     /* HTTP_PUT */
        "DELETE",  /* HTTP_DELETE */
        "OPTIONS", /* HTTP_OPTIONS */
        NULL,      /* HTTP_OTHER */
};

enum http_method
http_method_of(const char *name)
{
	size_t i;

	for (i = 0; i < HTTP_OTHER; i++)
		if (!strcmp(name, http_method_names[i]))
			return (enum http_method)i;
	return HTTP_OTHER;
}

void
http_methods_str(unsigned mask, char *out, size_t size)
{
	size_t i, n = 0;

	if (size)
		out[0] = '\0';
	for (i = 0; i < HTTP__MAX; i++) {
		int w;

		if (!http_method_names[i] || !(mask & HTTP_M(i)))
			continue;
		w = snprintf(out + n, size - n, "%s%s", n ? ", " : "",
		             http_method_names[i]);
		if (w < 0 || (size_t)w >= size - n)
			return;
		n += (size_t)w;
	}
}
