/*
 * Public search (DESIGN, storage rules): words are folded with vnfold,
 * each becomes a quoted FTS5 term (so no user text is FTS5 syntax), a
 * "quoted phrase" stays a phrase; results ranked by relevance and
 * recency, with snippets.
 */
#ifndef TTDT_SEARCH_H
#define TTDT_SEARCH_H

#include "store.h"

#define SEARCH_MAX_QUERY 200   /* characters */
#define SEARCH_MAX_TERMS 12    /* words, counting those inside phrases */
#define SEARCH_PREFIX_MIN 3    /* characters: see search_build_match */
#define SEARCH_PREFIX_BELOW 10 /* matches: see search_run */
#define SEARCH_PER_PAGE 10     /* when the request gives 0 */
#define SEARCH_MAX_PER_PAGE 50
#define SEARCH_MAX_PAGE 1000 /* later pages are clamped to this one */

enum search_problem {
	SEARCH_OK,
	SEARCH_EMPTY,     /* nothing typed */
	SEARCH_TOO_LONG,  /* over SEARCH_MAX_QUERY characters */
	SEARCH_NO_TERMS,  /* only punctuation or symbols */
	SEARCH_BAD_DATES, /* from after to */
	SEARCH__MAX
};

struct search_request {
	const char *q;       /* valid UTF-8, as typed */
	int64_t category_id; /* 0: all sections */
	time_t from, to;     /* 0: open */
	size_t page;         /* 1-based */
	size_t per_page;
};

/*
 * Runs a search.  On a problem with the query returns ERR_INVALID and
 * sets *problem (the web layer says politely what to change; a problem
 * with q is reported before one with the dates); otherwise *problem =
 * SEARCH_OK and it returns what store_search returns, with out filled in
 * the arena.  page 0 is page 1; per_page 0 is SEARCH_PER_PAGE, and
 * per_page is capped at SEARCH_MAX_PER_PAGE, page at SEARCH_MAX_PAGE.
 *
 * The words are searched whole first; when the query has a prefix term
 * (see search_build_match) and the whole words find fewer than
 * SEARCH_PREFIX_BELOW items, the search runs again with the prefix, and
 * out is that second result.  out->partial is set when the store's time
 * budget cut the search short (the page can say the list may be
 * incomplete).
 */
enum err search_run(struct store *s, struct arena *a,
                    const struct search_request *rq, struct search_result *out,
                    enum search_problem *problem);

/*
 * Builds the FTS5 query for q into the arena; NULL if it has no terms
 * (then *problem says why: SEARCH_EMPTY for nothing but ASCII white
 * space, SEARCH_TOO_LONG for more than SEARCH_MAX_QUERY code points,
 * SEARCH_NO_TERMS when no letter or digit is left).  Exposed for tests.
 *
 * q is folded with vnfold and split into words: runs of letters (L*),
 * digits (N*) and private-use characters (Co), the token characters of
 * FTS5's unicode61.  Every word becomes a double-quoted FTS5 string, so
 * nothing typed is ever FTS5 syntax (AND, OR, NOT, NEAR, *, ^, col: and
 * quotes are words or separators); terms are joined by spaces (implicit
 * AND).  Words between a pair of '"' stay one phrase ("tu phap"); an
 * unclosed '"' runs to the end.  At most SEARCH_MAX_TERMS words are kept.
 *
 * Prefix rule: the last word typed, if it is outside a phrase and has at
 * least SEARCH_PREFIX_MIN characters, gets a '*' ("phap"*), always the
 * last character of the result; search_run uses it only when the whole
 * words find too little.  It lets the last word match as a prefix,
 * so a partly typed word or number still finds something ("covi" finds
 * "covid", "ngh" finds "nghị").  Shorter words are not: a one- or two-letter
 * Vietnamese syllable as a prefix ("t"*, "tu"*) would match a large part
 * of the index and rank noise above the exact word.
 */
const char *search_build_match(struct arena *a, const char *q,
                               enum search_problem *problem);

#endif
