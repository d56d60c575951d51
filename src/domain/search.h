/*
 * Public search (DESIGN, storage rules): words are folded with vnfold,
 * each becomes a quoted FTS5 term (so no user text is FTS5 syntax), a
 * "quoted phrase" stays a phrase; results ranked by relevance and
 * recency, with snippets.
 */
#ifndef TTDT_SEARCH_H
#define TTDT_SEARCH_H

#include "store.h"

#define SEARCH_MAX_QUERY 200 /* characters */
#define SEARCH_MAX_TERMS 12

enum search_problem {
	SEARCH_OK,
	SEARCH_EMPTY,      /* nothing typed */
	SEARCH_TOO_LONG,   /* over SEARCH_MAX_QUERY characters */
	SEARCH_NO_TERMS,   /* only punctuation or symbols */
	SEARCH_BAD_DATES,  /* from after to */
	SEARCH__MAX
};

struct search_request {
	const char *q;        /* valid UTF-8, as typed */
	int64_t category_id;  /* 0: all sections */
	time_t from, to;      /* 0: open */
	size_t page;          /* 1-based */
	size_t per_page;
};

/*
 * Runs a search.  On a problem with the query returns ERR_INVALID and
 * sets *problem (the web layer says politely what to change); otherwise
 * ERR_OK with *problem = SEARCH_OK.
 */
enum err search_run(struct store *s, struct arena *a,
		    const struct search_request *rq, struct search_result *out,
		    enum search_problem *problem);

/* Builds the FTS5 query for q into the arena; NULL if it has no terms.
 * Exposed for tests. */
const char *search_build_match(struct arena *a, const char *q,
			       enum search_problem *problem);

#endif
