/*
 * The "vnfold" FTS5 tokenizer: Vietnamese-folding search.
 *
 * FTS5's unicode61 cannot fold Vietnamese by itself (DESIGN, storage
 * rules: it leaves đ, and at remove_diacritics=1 letters with two marks),
 * so this tokenizer folds the text first with vnfold_map (lib/vnfold.c:
 * NFD, marks dropped, đ -> d, case folded) and hands the folded text to
 * unicode61 with remove_diacritics=0 (nothing is left to remove).  Every
 * token unicode61 reports is translated back to offsets in the original
 * text through the fold map, so highlight() and snippet() cut the
 * accented original.  The same tokenizer runs on queries, so "tu phap"
 * and "Tư pháp" are the same tokens.
 *
 * Registered on every connection before the schema is read (FTS5 looks
 * the tokenizer up when it first opens item_fts); see store_sqlite.c.
 */
#include "common.h"

#include <limits.h>

#include "store_int.h"
#include "vnfold.h"
#include "xalloc.h"

struct vnfold_tok {
	fts5_tokenizer base;  /* unicode61's methods */
	Fts5Tokenizer *inner; /* its instance */
};

/* What the callback needs to translate offsets. */
struct vnfold_ctx {
	void *ctx; /* FTS5's */
	int (*token)(void *, int, const char *, int, int, int);
	const size_t *map;
	size_t folded_len;
};

static int
vnfold_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
	fts5_api *api = user;
	struct vnfold_tok *t;
	void *inner_user = NULL;
	const char **args;
	int rc, n = 0;

	t = xcalloc(1, sizeof(*t));
	rc = api->xFindTokenizer(api, "unicode61", &inner_user, &t->base);
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	/* Our options first; the table's own (tokenchars, separators...)
	 * follow and may add to them. */
	args = xmallocarray((size_t)argc + 2, sizeof(*args));
	args[n++] = "remove_diacritics";
	args[n++] = "0";
	for (int i = 0; i < argc; i++)
		args[n++] = argv[i];
	rc = t->base.xCreate(inner_user, args, n, &t->inner);
	free(args);
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
vnfold_delete(Fts5Tokenizer *p)
{
	struct vnfold_tok *t = (struct vnfold_tok *)p;

	if (!t)
		return;
	t->base.xDelete(t->inner);
	free(t);
}

static int
vnfold_token_cb(void *p, int flags, const char *tok, int ntok, int start,
                int end)
{
	struct vnfold_ctx *c = p;

	if (NEVER(start < 0 || end < start || (size_t)end > c->folded_len))
		return SQLITE_ERROR;
	return c->token(c->ctx, flags, tok, ntok, (int)c->map[start],
	                (int)c->map[end]);
}

static int
vnfold_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text,
                int len, int (*token)(void *, int, const char *, int, int, int))
{
	struct vnfold_tok *t = (struct vnfold_tok *)p;
	struct buf folded = BUF_INIT;
	struct vnfold_ctx c;
	size_t *map = NULL;
	int rc;

	if (len <= 0)
		return SQLITE_OK;
	vnfold_map(&folded, text, (size_t)len, &map);
	/* FTS5 offsets are ints; folding never grows text past 3x. */
	if (folded.len > INT_MAX) {
		rc = SQLITE_TOOBIG;
		goto out;
	}
	c.ctx = ctx;
	c.token = token;
	c.map = map;
	c.folded_len = folded.len;
	rc = t->base.xTokenize(t->inner, &c, flags, folded.p, (int)folded.len,
	                       vnfold_token_cb);
out:
	free(map);
	buf_release(&folded);
	return rc;
}

int
fts_vnfold_register(sqlite3 *db)
{
	static fts5_tokenizer methods = {vnfold_create, vnfold_delete,
	                                 vnfold_tokenize};
	sqlite3_stmt *st = NULL;
	fts5_api *api = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, stmt_sqlite[STMT_FTS5_API], -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	rc = api->xCreateTokenizer(api, "vnfold", api, &methods, NULL);
	if (rc != SQLITE_OK)
		return rc;
	/* The ranking function goes with the tokenizer: both are needed
	 * by every search, and both need this fts5_api. */
	return fts_rank_register(api);
}
