/*
 * Public search (Decree 224/2026: the site offers search): turns what a
 * citizen typed into an FTS5 query over folded text, and runs it.
 *
 * Safety rests on one rule: no byte typed reaches FTS5 as syntax.  The
 * query is folded (vnfold, the same fold the index uses), cut into words
 * of letters and digits, and each word is written inside double quotes;
 * a word cannot contain '"', so no quoting can be broken.  The only
 * syntax in the result is ours: quotes, spaces and one trailing '*'.
 */
#include "common.h"

#include <utf8proc.h>

#include "search.h"
#include "utf8.h"
#include "vnfold.h"

/* True for the token characters of FTS5's unicode61 (categories L*, N*
 * and Co), so our words are the index's tokens. */
static bool
word_char(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
		       (cp >= 'A' && cp <= 'Z');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_CO:
		return true;
	default:
		return false;
	}
}

static bool
only_space(const char *q)
{
	for (; *q; q++)
		if (*q != ' ' && *q != '\t' && *q != '\r' && *q != '\n' &&
		    *q != '\f' && *q != '\v')
			return false;
	return true;
}

/* Appends the FTS5 form of folded text f to m; returns the number of
 * words written. */
static size_t
build_terms(struct buf *m, const char *f, size_t len)
{
	bool in_quotes = false, phrase_open = false, last_bare = false;
	size_t i = 0, terms = 0, last_chars = 0;

	while (i < len) {
		size_t j, n;
		int32_t cp;

		if (f[i] == '"') {
			if (phrase_open)
				buf_addch(m, '"');
			phrase_open = false;
			in_quotes = !in_quotes;
			i++;
			continue;
		}
		n = utf8_decode(f + i, len - i, &cp);
		if (!word_char(cp)) {
			i += n;
			continue;
		}
		for (j = i + n; j < len; j += n) {
			n = utf8_decode(f + j, len - j, &cp);
			if (!word_char(cp))
				break;
		}
		if (terms == SEARCH_MAX_TERMS) {
			last_bare = false;
			break;
		}
		if (in_quotes && phrase_open) {
			buf_addch(m, ' ');
		} else {
			if (m->len)
				buf_addch(m, ' ');
			buf_addch(m, '"');
		}
		buf_add(m, f + i, j - i);
		if (in_quotes) {
			phrase_open = true;
		} else {
			buf_addch(m, '"');
		}
		last_bare = !in_quotes;
		last_chars = utf8_count(f + i, j - i);
		terms++;
		i = j;
	}
	if (phrase_open)
		buf_addch(m, '"');
	else if (last_bare && last_chars >= SEARCH_PREFIX_MIN)
		buf_addch(m, '*');
	return terms;
}

const char *
search_build_match(struct arena *a, const char *q, enum search_problem *problem)
{
	struct buf f = BUF_INIT, m = BUF_INIT;
	const char *r = NULL;
	size_t len;

	if (!q || only_space(q)) {
		*problem = SEARCH_EMPTY;
		return NULL;
	}
	len = strlen(q);
	if (utf8_count(q, len) > SEARCH_MAX_QUERY) {
		*problem = SEARCH_TOO_LONG;
		return NULL;
	}
	vnfold(&f, q, len);
	if (build_terms(&m, f.p, f.len) == 0) {
		*problem = SEARCH_NO_TERMS;
	} else {
		*problem = SEARCH_OK;
		r = arena_strndup(a, m.p, m.len);
	}
	buf_release(&f);
	buf_release(&m);
	return r;
}

enum err
search_run(struct store *s, struct arena *a, const struct search_request *rq,
           struct search_result *out, enum search_problem *problem)
{
	struct search_query sq;
	const char *prefix;
	size_t page, per_page, len;
	enum err e;

	memset(out, 0, sizeof(*out));
	memset(&sq, 0, sizeof(sq));
	if (!(prefix = search_build_match(a, rq->q, problem)))
		return ERR_INVALID;
	if (rq->from && rq->to && rq->from > rq->to) {
		*problem = SEARCH_BAD_DATES;
		return ERR_INVALID;
	}
	per_page = rq->per_page ? MIN(rq->per_page, SEARCH_MAX_PER_PAGE)
	                        : SEARCH_PER_PAGE;
	page = rq->page ? MIN(rq->page, SEARCH_MAX_PAGE) : 1;
	sq.category_id = rq->category_id;
	sq.from = rq->from;
	sq.to = rq->to;
	/* Both factors are capped above, so this cannot overflow. */
	sq.offset = (page - 1) * per_page;
	sq.limit = per_page;
	/*
	 * The whole words first.  A prefix term makes FTS5 merge the
	 * doclists of every word that starts so before the first row
	 * (measured at 100,000 items: 2 to 17 ms for "phap"*, "nghi"*,
	 * against 0.05 ms for the whole words), and Vietnamese words are
	 * whole syllables that people type whole.  So the prefix, the only
	 * '*' and always last (search_build_match), is tried only when the
	 * whole words find fewer than SEARCH_PREFIX_BELOW items and the
	 * last word, whole, occurs nowhere in the index: a word still being
	 * typed ("covi") or cut short.  A last word that is a word of the
	 * index ("phap") only found little because of the other words or
	 * the filters, where the prefix would cost much and add noise.
	 */
	len = strlen(prefix);
	if (prefix[len - 1] != '*') {
		sq.match = prefix;
		return store_search(s, a, &sq, out);
	}
	sq.match = arena_strndup(a, prefix, len - 1);
	e = store_search(s, a, &sq, out);
	if (e != ERR_OK || out->total >= SEARCH_PREFIX_BELOW)
		return e;
	{
		struct search_query last = {0};
		struct search_result r;
		const char *p = prefix + len - 2; /* its closing quote */

		while (p > prefix && p[-1] != '"')
			p--;
		last.match = arena_strndup(
		        a, p - 1, (size_t)(prefix + len - 1 - (p - 1)));
		last.limit = 0;
		if ((e = store_search(s, a, &last, &r)) != ERR_OK ||
		    r.total > 0)
			return e;
	}
	sq.match = prefix;
	return store_search(s, a, &sq, out);
}
