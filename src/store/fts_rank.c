/*
 * ttdt_rank(item_fts): the relevance of one search match, an FTS5
 * auxiliary function registered on every connection (store_sqlite.c).
 *
 * Why not bm25(): at 100,000 items bm25 cost about 5 ms a query before
 * the first row, because it computes each term's IDF by walking the
 * term's whole doclist (xQueryPhrase), and then reads every row's column
 * sizes from item_fts_docsize.  Our queries are an AND of every word
 * typed, so every candidate holds every word and IDF barely changes the
 * order; what a reader expects is "the words are in the title" first,
 * then "in the summary", then "somewhere in the text", with the words
 * side by side counting for more.  That needs only the positions FTS5
 * already holds for the current row (xInst), about a microsecond a row.
 *
 * The score (higher is better; store_search multiplies it by recency):
 *   sum over columns c of W[c] * (query phrases found in c) / phrases
 *   + when there are two phrases or more, A[c] for each column where they
 *     all stand side by side in the order typed
 *   + up to 0.5 for how often they occur (capped: a long text repeating
 *     a word is not more relevant for it)
 * with W = 10, 4, 1 and A = 6, 2, 1 for title, summary and body.  An
 * item with every word in its title thus scores at least 10, one with
 * them only in the body at most 1 + 1 + 0.5.
 *
 * The query may also hold filter phrases on the tags column (a section,
 * months: store_search); they only ever occur in tags, so the query's
 * words are the phrases found in the text columns.
 */
#include "common.h"

#include "store_int.h"

enum rank_col { RANK_TITLE, RANK_SUMMARY, RANK_BODY, RANK__MAX };

static const double col_weight[RANK__MAX] = {
        10.0, /* RANK_TITLE */
        4.0,  /* RANK_SUMMARY */
        1.0,  /* RANK_BODY */
};

static const double adj_weight[RANK__MAX] = {
        6.0, /* RANK_TITLE */
        2.0, /* RANK_SUMMARY */
        1.0, /* RANK_BODY */
};

/* Bounds on the work per row: phrases beyond the first RANK_PHRASES are
 * ignored (the domain sends at most 12 words), and so are instances past
 * the first RANK_INST (a long body repeating a word). */
#define RANK_PHRASES 32
#define RANK_INST 512

struct inst {
	int phrase, col, off;
};

/* True if phrases 0..np-1 occur side by side, in order, in column col:
 * phrase k+1 starting where phrase k ends. */
static bool
adjacent(const struct inst *v, int n, int col, int np, const int *size)
{
	for (int i = 0; i < n; i++) {
		int want, k;

		if (v[i].col != col || v[i].phrase != 0)
			continue;
		want = v[i].off + size[0];
		for (k = 1; k < np; k++) {
			int j;

			for (j = 0; j < n; j++)
				if (v[j].col == col && v[j].phrase == k &&
				    v[j].off == want)
					break;
			if (j == n)
				break;
			want += size[k];
		}
		if (k == np)
			return true;
	}
	return false;
}

static void
rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
        int nval, sqlite3_value **val)
{
	struct inst v[RANK_INST];
	unsigned mask[RANK__MAX] = {0}, all = 0;
	int size[RANK_PHRASES];
	int ninst, n = 0, np, nphrase, rc;
	bool contiguous;
	double score = 0;

	(void)nval;
	(void)val;
	nphrase = MIN(api->xPhraseCount(fts), RANK_PHRASES);
	if ((rc = api->xInstCount(fts, &ninst)) != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	for (int i = 0; i < ninst && n < RANK_INST; i++) {
		int p, c, o;

		if ((rc = api->xInst(fts, i, &p, &c, &o)) != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
		if (p >= nphrase || c < 0 || c >= RANK__MAX)
			continue;
		v[n++] = (struct inst){p, c, o};
		mask[c] |= 1u << p;
		all |= 1u << p;
	}
	/* The words are the phrases found in the text columns; a prefix
	 * the store expanded into alternatives (word OR word...) counts
	 * those of its words the row holds.  Side by side is checked when
	 * they are phrases 0..np-1, the plain case of words typed. */
	np = __builtin_popcount(all);
	if (np == 0) {
		sqlite3_result_double(ctx, 0);
		return;
	}
	contiguous = all == (np == 32 ? ~0u : (1u << np) - 1u);
	for (int k = 0; contiguous && k < np; k++)
		size[k] = api->xPhraseSize(fts, k);
	for (int c = 0; c < RANK__MAX; c++) {
		score += col_weight[c] * __builtin_popcount(mask[c]) / np;
		if (contiguous && np > 1 && adjacent(v, n, c, np, size))
			score += adj_weight[c];
	}
	score += 0.5 * MIN(n, 20) / 20.0;
	sqlite3_result_double(ctx, score);
}

int
fts_rank_register(fts5_api *api)
{
	return api->xCreateFunction(api, "ttdt_rank", NULL, rank_fn, NULL);
}
