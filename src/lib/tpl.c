/*
 * Mustache templates: compile once into an instruction list, render by
 * walking it (see tpl.h, and the spec in ../shared/data/mustache-spec).
 *
 * Compiling runs in four passes over one template:
 *  1. lex: split the source into text tokens (each holding at most one
 *     newline, at its end) and tags, following set-delimiter tags;
 *  2. match: pair every section, inverted, parent and block tag with its
 *     closing tag, rejecting strays, mismatches and unclosed sections;
 *  3. standalone: a line holding only whitespace and one non-output tag
 *     (section, inverted, close, comment, delimiters, partial, parent,
 *     block) loses its indentation and line ending; the indentation of a
 *     standalone partial or parent is kept to prefix each of its lines.
 *     Inheritance tags may share such a line ("{{<page}}{{$body}}",
 *     "{{/body}}{{/page}}"), as the spec's inheritance tests expect,
 *     except a block opened and closed on one line, which stays inline;
 *  4. emit: one instruction per text run and tag, plus an OP_INDENT
 *     marker at the start of every output line carrying the line's own
 *     leading whitespace, so that partial indentation and block
 *     reindentation can be applied while rendering without copying text.
 *
 * Rendering keeps a context stack, a stack of indentation frames
 * (standalone partials and parents add a prefix; an overriding block
 * strips its definition's indentation and adds the site's) and a stack
 * of parent tags whose blocks override.  All of them are fixed arrays in
 * one struct on the C stack: rendering allocates nothing but output.
 * Recursion (a partial including itself forever, a block overriding
 * itself) is cut at TPL_MAX_DEPTH levels and reported by tpl_render.
 */
#include "common.h"
#include "tpl.h"

#include <dirent.h>
#include <sys/stat.h>

#include "xalloc.h"

/* Nesting of sections/blocks in one template, and of render calls. */
#define TPL_MAX_NEST 256
/* A template source larger than this is refused. */
#define TPL_MAX_SIZE (8u << 20)
/* Directory levels below a load dir. */
#define TPL_MAX_DIR_DEPTH 32
#define NONE UINT32_MAX

enum op {
	OP_TEXT,     /* p, len */
	OP_INDENT,   /* start of a line: p, len its text, ws its indentation */
	OP_VAR,      /* escaped interpolation; name in p, len; segs */
	OP_RAW,      /* raw interpolation */
	OP_SECTION,  /* body up to end */
	OP_INVERTED, /* body up to end */
	OP_PARTIAL,  /* name; ind when standalone */
	OP_PARENT,   /* name; ind; body (ignored but for blocks) up to end */
	OP_BLOCK,    /* name; default body up to end; ind (site), strip */
};

struct ins {
	enum op op;
	uint32_t end;   /* past the body of a section-like op */
	uint32_t child; /* OP_PARENT: first block of its body, or NONE */
	uint32_t sib;   /* OP_BLOCK in a parent body: next block, or NONE */
	uint32_t seg;   /* first name segment in tpl.segs */
	uint32_t nseg;  /* 0 for the implicit iterator "." */
	const char *p;  /* text, whitespace or tag name (into tpl.src) */
	size_t len;
	const char *ind; /* indentation added at a partial/parent/block site */
	size_t indlen;
	size_t strip; /* OP_BLOCK: indentation its content is written at */
	size_t ws;    /* OP_INDENT: leading whitespace of p */
};

struct tpl {
	char *name;
	char *src; /* our copy of the source; every p points into it */
	size_t srclen;
	struct ins *ins;
	size_t nins;
	struct str *segs;
	size_t nsegs;
};

struct tpl_set {
	struct tpl **slot; /* open addressing, linear probing */
	size_t cap;        /* a power of two */
	size_t n;
};

/* ---- compiling ---- */

enum tok_kind {
	TK_TEXT,
	TK_VAR,
	TK_RAW,
	TK_SECTION,
	TK_INVERTED,
	TK_CLOSE,
	TK_COMMENT,
	TK_DELIM,
	TK_PARTIAL,
	TK_PARENT,
	TK_BLOCK,
};

struct tok {
	enum tok_kind kind;
	size_t off, end;         /* source range of the whole token */
	size_t noff, nlen;       /* tag name */
	uint32_t match;          /* opener <-> closer */
	bool removed;            /* whitespace text of a standalone line */
	bool standalone;         /* a tag on a standalone line */
	size_t ind_off, ind_len; /* its line's indentation */
};

struct comp {
	const char *name;
	const char *src;
	size_t len;
	struct tok *tok;
	size_t ntok, captok;
	struct tpl *t;
	size_t capins, capsegs;
	struct buf *err;
	bool failed;
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int comp_error(struct comp *c, size_t off, const char *fmt, ...)
        PRINTF_LIKE(3, 4);

/* Reports the first error of a template with its line and column. */
static int
comp_error(struct comp *c, size_t off, const char *fmt, ...)
{
	unsigned line = 1, col = 1;
	size_t i;
	va_list ap;

	if (c->failed)
		return -1;
	c->failed = true;
	if (!c->err)
		return -1;
	for (i = 0; i < off && i < c->len; i++) {
		if (c->src[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	buf_addf(c->err, "%s:%u:%u: ", c->name, line, col);
	va_start(ap, fmt);
	buf_vaddf(c->err, fmt, ap);
	va_end(ap);
	buf_addch(c->err, '\n');
	return -1;
}

static struct tok *
tok_add(struct comp *c, enum tok_kind kind, size_t off, size_t end)
{
	struct tok *t;

	if (c->ntok == c->captok) {
		c->captok = c->captok ? c->captok * 2 : 64;
		c->tok = xrealloc(c->tok, st_mult(c->captok, sizeof(*c->tok)));
	}
	t = &c->tok[c->ntok++];
	*t = (struct tok){.kind = kind, .off = off, .end = end, .match = NONE};
	return t;
}

/* Text from off to end, one token per line. */
static void
lex_text(struct comp *c, size_t off, size_t end)
{
	while (off < end) {
		const char *nl = memchr(c->src + off, '\n', end - off);
		size_t e = nl ? (size_t)(nl - c->src) + 1 : end;

		tok_add(c, TK_TEXT, off, e);
		off = e;
	}
}

static const char *
find(const char *hay, size_t haylen, const char *needle, size_t nlen)
{
	return memmem(hay, haylen, needle, nlen);
}

/* A tag name: non-empty, no whitespace, trimmed from [a, b). */
static int
tag_name(struct comp *c, struct tok *t, size_t a, size_t b)
{
	size_t i;

	while (a < b && is_ws(c->src[a]))
		a++;
	while (b > a && is_ws(c->src[b - 1]))
		b--;
	if (a == b)
		return comp_error(c, t->off, "empty tag name");
	for (i = a; i < b; i++)
		if (is_ws(c->src[i]))
			return comp_error(c, t->off,
			                  "whitespace inside tag name '%.*s'",
			                  (int)MIN(b - a, 64), c->src + a);
	t->noff = a;
	t->nlen = b - a;
	return 0;
}

/*
 * {{=<% %>=}}: the new delimiters, two whitespace-separated words
 * without '=' or whitespace, between '=' and '=' before the closing
 * delimiter.  They point into the source, which outlives the lexer.
 */
static int
lex_delims(struct comp *c, struct tok *t, size_t a, size_t b, struct str *open,
           struct str *close)
{
	const char *s = c->src;
	size_t i, w1, w1e, w2, w2e;

	while (b > a && is_ws(s[b - 1]))
		b--;
	if (b == a || s[b - 1] != '=')
		return comp_error(c, t->off,
		                  "set-delimiter tag must end with '='");
	b--;
	for (i = a; i < b && is_ws(s[i]); i++)
		;
	for (w1 = i; i < b && !is_ws(s[i]); i++)
		;
	w1e = i;
	for (; i < b && is_ws(s[i]); i++)
		;
	for (w2 = i; i < b && !is_ws(s[i]); i++)
		;
	w2e = i;
	for (; i < b && is_ws(s[i]); i++)
		;
	if (w1 == w1e || w2 == w2e || i != b)
		return comp_error(c, t->off,
		                  "set-delimiter tag needs exactly two "
		                  "delimiters");
	if (memchr(s + w1, '=', w1e - w1) || memchr(s + w2, '=', w2e - w2))
		return comp_error(c, t->off, "a delimiter cannot contain '='");
	*open = str_make(s + w1, w1e - w1);
	*close = str_make(s + w2, w2e - w2);
	return 0;
}

static int
lex(struct comp *c)
{
	const char *s = c->src;
	size_t n = c->len, pos = 0;
	struct str open = STR_LIT("{{"), close = STR_LIT("}}");

	while (pos < n) {
		const char *o = find(s + pos, n - pos, open.p, open.len);
		const char *e;
		size_t start, q, body;
		struct tok *t;
		char sig;

		start = o ? (size_t)(o - s) : n;
		lex_text(c, pos, start);
		if (!o)
			break;
		t = tok_add(c, TK_VAR, start, start);
		q = start + open.len;
		while (q < n && is_ws(s[q]))
			q++;
		sig = q < n ? s[q] : '\0';
		body = strchr("#^/>!<$&={", sig) && sig ? q + 1
		                                        : start + open.len;
		e = find(s + body, n - body, close.p, close.len);
		/* {{{name}}}: the closing delimiter preceded by '}'. */
		while (sig == '{' && e && (e == s + body || e[-1] != '}')) {
			size_t from = (size_t)(e - s) + 1;

			e = find(s + from, n - from, close.p, close.len);
		}
		if (!e)
			return comp_error(c, start, "unclosed tag '%.*s'",
			                  (int)MIN(n - start, 20), s + start);
		t->end = (size_t)(e - s) + close.len;
		pos = t->end;
		switch (sig) {
		case '!':
			t->kind = TK_COMMENT;
			continue;
		case '=':
			t->kind = TK_DELIM;
			if (lex_delims(c, t, body, (size_t)(e - s), &open,
			               &close))
				return -1;
			continue;
		case '{':
			t->kind = TK_RAW;
			e--;
			break;
		case '#':
			t->kind = TK_SECTION;
			break;
		case '^':
			t->kind = TK_INVERTED;
			break;
		case '/':
			t->kind = TK_CLOSE;
			break;
		case '>':
			t->kind = TK_PARTIAL;
			break;
		case '<':
			t->kind = TK_PARENT;
			break;
		case '$':
			t->kind = TK_BLOCK;
			break;
		case '&':
			t->kind = TK_RAW;
			break;
		default:
			t->kind = TK_VAR;
			break;
		}
		if (tag_name(c, t, body, (size_t)(e - s)))
			return -1;
	}
	return 0;
}

static bool
is_opener(enum tok_kind k)
{
	return k == TK_SECTION || k == TK_INVERTED || k == TK_PARENT ||
	       k == TK_BLOCK;
}

static const char *
tok_sigil(enum tok_kind k)
{
	switch (k) {
	case TK_SECTION:
		return "#";
	case TK_INVERTED:
		return "^";
	case TK_PARENT:
		return "<";
	case TK_BLOCK:
		return "$";
	default:
		return "";
	}
}

static int
match(struct comp *c)
{
	uint32_t stack[TPL_MAX_NEST];
	size_t depth = 0, i;

	for (i = 0; i < c->ntok; i++) {
		struct tok *t = &c->tok[i], *o;

		if (is_opener(t->kind)) {
			if (depth == TPL_MAX_NEST)
				return comp_error(c, t->off,
				                  "sections nested deeper than "
				                  "%d",
				                  TPL_MAX_NEST);
			stack[depth++] = (uint32_t)i;
			continue;
		}
		if (t->kind != TK_CLOSE)
			continue;
		if (!depth)
			return comp_error(c, t->off,
			                  "closing tag '/%.*s' without an "
			                  "opening tag",
			                  (int)t->nlen, c->src + t->noff);
		o = &c->tok[stack[--depth]];
		if (o->nlen != t->nlen ||
		    memcmp(c->src + o->noff, c->src + t->noff, t->nlen)) {
			o->match = NONE;
			return comp_error(c, t->off,
			                  "closing tag '/%.*s' does not match "
			                  "'%s%.*s'",
			                  (int)t->nlen, c->src + t->noff,
			                  tok_sigil(o->kind), (int)o->nlen,
			                  c->src + o->noff);
		}
		o->match = (uint32_t)i;
		t->match = stack[depth];
	}
	if (depth) {
		struct tok *o = &c->tok[stack[depth - 1]];

		return comp_error(c, o->off, "unclosed section '%s%.*s'",
		                  tok_sigil(o->kind), (int)o->nlen,
		                  c->src + o->noff);
	}
	return 0;
}

static bool
is_inheritance_tag(const struct comp *c, const struct tok *t)
{
	if (t->kind == TK_PARENT || t->kind == TK_BLOCK)
		return true;
	return t->kind == TK_CLOSE && (c->tok[t->match].kind == TK_PARENT ||
	                               c->tok[t->match].kind == TK_BLOCK);
}

/* Tokens [a, b] form one line; decide whether it is standalone. */
static void
standalone_line(struct comp *c, size_t a, size_t b)
{
	size_t i, ntags = 0, multi_ok = 1;

	for (i = a; i <= b; i++) {
		const struct tok *t = &c->tok[i];

		if (t->kind == TK_TEXT) {
			size_t j = t->off, e = t->end;

			if (c->src[e - 1] == '\n') {
				e--;
				if (e > j && c->src[e - 1] == '\r')
					e--;
			}
			for (; j < e; j++)
				if (!is_blank(c->src[j]))
					return;
			continue;
		}
		if (t->kind == TK_VAR || t->kind == TK_RAW)
			return;
		ntags++;
		if (!is_inheritance_tag(c, t))
			multi_ok = 0;
		/* A block opened and closed on this line stays inline. */
		if (t->kind == TK_BLOCK && t->match <= b)
			multi_ok = 0;
	}
	if (ntags == 0 || (ntags > 1 && !multi_ok))
		return;
	for (i = a; i <= b; i++) {
		struct tok *t = &c->tok[i];

		if (t->kind == TK_TEXT) {
			t->removed = true;
			continue;
		}
		t->standalone = true;
		if (c->tok[a].kind == TK_TEXT && i > a) {
			t->ind_off = c->tok[a].off;
			t->ind_len = c->tok[a].end - c->tok[a].off;
		} else {
			t->ind_off = t->off;
			t->ind_len = 0;
		}
	}
}

static void
standalone(struct comp *c)
{
	size_t a = 0, i;

	for (i = 0; i < c->ntok; i++) {
		const struct tok *t = &c->tok[i];

		if (i + 1 == c->ntok ||
		    (t->kind == TK_TEXT && c->src[t->end - 1] == '\n')) {
			standalone_line(c, a, i);
			a = i + 1;
		}
	}
}

static struct ins *
ins_add(struct comp *c, enum op op, const char *p, size_t len)
{
	struct tpl *t = c->t;
	struct ins *in;

	if (t->nins == c->capins) {
		c->capins = c->capins ? c->capins * 2 : 64;
		t->ins = xrealloc(t->ins, st_mult(c->capins, sizeof(*t->ins)));
	}
	in = &t->ins[t->nins++];
	*in = (struct ins){.op = op,
	                   .p = p,
	                   .len = len,
	                   .end = NONE,
	                   .child = NONE,
	                   .sib = NONE};
	return in;
}

/* Splits a dotted name into segments; "." is the implicit iterator. */
static int
name_segs(struct comp *c, const struct tok *tk, struct ins *in)
{
	struct tpl *t = c->t;
	const char *p = in->p, *end = in->p + in->len;

	in->seg = (uint32_t)t->nsegs;
	in->nseg = 0;
	if (in->len == 1 && p[0] == '.')
		return 0;
	for (;;) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		const char *e = dot ? dot : end;

		if (e == p)
			return comp_error(c, tk->off, "invalid name '%.*s'",
			                  (int)MIN(in->len, 64), in->p);
		if (t->nsegs == c->capsegs) {
			c->capsegs = c->capsegs ? c->capsegs * 2 : 32;
			t->segs = xrealloc(
			        t->segs, st_mult(c->capsegs, sizeof(*t->segs)));
		}
		t->segs[t->nsegs++] = str_make(p, (size_t)(e - p));
		in->nseg++;
		if (!dot)
			return 0;
		p = dot + 1;
	}
}

/*
 * Where a block's content sits: after a standalone opening tag, at the
 * indentation of the next line (the spec: "indentation is determined by
 * default content"); inline, at the whitespace that starts the line, if
 * nothing else comes before the tag.
 */
static void
block_indent(struct comp *c, const struct tok *tk, struct ins *in)
{
	const char *s = c->t->src;
	size_t i;

	if (tk->standalone) {
		const char *nl = memchr(s + tk->end, '\n', c->len - tk->end);

		in->ind = s + c->len;
		in->indlen = 0;
		if (!nl)
			return;
		i = (size_t)(nl - s) + 1;
		in->ind = s + i;
		while (i < c->len && is_blank(s[i]))
			i++;
		in->indlen = (size_t)(s + i - in->ind);
		in->strip = in->indlen;
		return;
	}
	for (i = tk->off; i > 0 && is_blank(s[i - 1]); i--)
		;
	in->ind = s + i;
	in->indlen = (i == 0 || s[i - 1] == '\n') ? tk->off - i : 0;
	in->strip = 0;
}

static int
emit(struct comp *c)
{
	const char *s = c->t->src;
	uint32_t stack[TPL_MAX_NEST];
	size_t depth = 0, i;
	bool line_start = true;

	for (i = 0; i < c->ntok; i++) {
		const struct tok *tk = &c->tok[i];
		size_t off = tk->off;
		struct ins *in;

		if (tk->kind == TK_TEXT && tk->removed)
			continue;
		if (line_start && !tk->standalone) {
			size_t w = off;

			line_start = false;
			if (tk->kind != TK_TEXT) {
				ins_add(c, OP_INDENT, s + off, 0);
			} else {
				/* The line's text rides on the marker. */
				while (w < tk->end && is_blank(s[w]))
					w++;
				in = ins_add(c, OP_INDENT, s + off,
				             tk->end - off);
				in->ws = w - off;
				line_start = s[tk->end - 1] == '\n';
				continue;
			}
		}
		switch (tk->kind) {
		case TK_TEXT:
			if (tk->end > off)
				ins_add(c, OP_TEXT, s + off, tk->end - off);
			if (s[tk->end - 1] == '\n')
				line_start = true;
			break;
		case TK_COMMENT:
		case TK_DELIM:
			break;
		case TK_VAR:
		case TK_RAW:
			in = ins_add(c, tk->kind == TK_VAR ? OP_VAR : OP_RAW,
			             s + tk->noff, tk->nlen);
			if (name_segs(c, tk, in))
				return -1;
			break;
		case TK_SECTION:
		case TK_INVERTED:
		case TK_PARENT:
		case TK_BLOCK:
			in = ins_add(c,
			             tk->kind == TK_SECTION    ? OP_SECTION
			             : tk->kind == TK_INVERTED ? OP_INVERTED
			             : tk->kind == TK_PARENT   ? OP_PARENT
			                                       : OP_BLOCK,
			             s + tk->noff, tk->nlen);
			if (tk->kind == TK_SECTION || tk->kind == TK_INVERTED) {
				if (name_segs(c, tk, in))
					return -1;
			} else if (tk->kind == TK_PARENT) {
				in->ind = s + tk->ind_off;
				in->indlen = tk->ind_len;
			} else {
				block_indent(c, tk, in);
			}
			/* A block directly in a parent's body overrides. */
			if (tk->kind == TK_BLOCK && depth &&
			    c->t->ins[stack[depth - 1]].op == OP_PARENT) {
				struct ins *par = &c->t->ins[stack[depth - 1]];
				uint32_t *link = &par->child;

				while (*link != NONE)
					link = &c->t->ins[*link].sib;
				*link = (uint32_t)(c->t->nins - 1);
			}
			/* match() bounded the nesting already. */
			stack[depth++] = (uint32_t)(c->t->nins - 1);
			break;
		case TK_CLOSE:
			c->t->ins[stack[--depth]].end = (uint32_t)c->t->nins;
			break;
		case TK_PARTIAL:
			in = ins_add(c, OP_PARTIAL, s + tk->noff, tk->nlen);
			in->ind = s + tk->ind_off;
			in->indlen = tk->ind_len;
			break;
		}
	}
	return 0;
}

static void
tpl_free(struct tpl *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->src);
	free(t->ins);
	free(t->segs);
	free(t);
}

static struct tpl *
tpl_compile(const char *name, const char *text, size_t len, struct buf *err)
{
	struct comp c = {.name = name, .err = err};
	struct tpl *t;

	if (len > TPL_MAX_SIZE) {
		c.src = text;
		c.len = 0;
		comp_error(&c, 0, "template larger than %u bytes",
		           TPL_MAX_SIZE);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->src = xmalloc(len + 1);
	memcpy(t->src, text, len);
	t->src[len] = '\0';
	t->srclen = len;
	c.src = t->src;
	c.len = len;
	c.t = t;
	/* From here every failure jumps to fail. */
	if (lex(&c) || match(&c))
		goto fail;
	standalone(&c);
	if (emit(&c))
		goto fail;
	free(c.tok);
	return t;
fail:
	free(c.tok);
	tpl_free(t);
	return NULL;
}

/* ---- the set ---- */

static size_t
name_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return (size_t)h;
}

static struct tpl **
set_slot(const struct tpl_set *set, const char *name, size_t len)
{
	size_t i = name_hash(name, len) & (set->cap - 1);

	for (;; i = (i + 1) & (set->cap - 1)) {
		struct tpl *t = set->slot[i];

		if (!t ||
		    (strlen(t->name) == len && !memcmp(t->name, name, len)))
			return &set->slot[i];
	}
}

static const struct tpl *
set_find(const struct tpl_set *set, const char *name, size_t len)
{
	return *set_slot(set, name, len);
}

struct tpl_set *
tpl_set_new(void)
{
	struct tpl_set *set = xcalloc(1, sizeof(*set));

	set->cap = 64;
	set->slot = xcalloc(set->cap, sizeof(*set->slot));
	return set;
}

void
tpl_set_free(struct tpl_set *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->cap; i++)
		tpl_free(set->slot[i]);
	free(set->slot);
	free(set);
}

static void
set_put(struct tpl_set *set, struct tpl *t)
{
	struct tpl **slot;

	if ((set->n + 1) * 2 > set->cap) {
		struct tpl **old = set->slot;
		size_t oldcap = set->cap, i;

		set->cap *= 2;
		set->slot = xcalloc(set->cap, sizeof(*set->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i])
				*set_slot(set, old[i]->name,
				          strlen(old[i]->name)) = old[i];
		free(old);
	}
	slot = set_slot(set, t->name, strlen(t->name));
	if (*slot)
		tpl_free(*slot);
	else
		set->n++;
	*slot = t;
}

int
tpl_set_add(struct tpl_set *set, const char *name, const char *text, size_t len,
            struct buf *err)
{
	struct tpl *t = tpl_compile(name, text, len, err);

	if (!t)
		return -1;
	set_put(set, t);
	return 0;
}

bool
tpl_set_has(const struct tpl_set *set, const char *name)
{
	return set_find(set, name, strlen(name)) != NULL;
}

static int
read_file(const char *path, struct buf *out, struct buf *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;

	if (!f) {
		if (err)
			buf_addf(err, "%s: cannot open: %s\n", path,
			         strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > TPL_MAX_SIZE) {
			fclose(f);
			if (err)
				buf_addf(err, "%s: larger than %u bytes\n",
				         path, TPL_MAX_SIZE);
			return -1;
		}
		buf_add(out, chunk, n);
	}
	if (ferror(f)) {
		fclose(f);
		if (err)
			buf_addf(err, "%s: cannot read\n", path);
		return -1;
	}
	fclose(f);
	return 0;
}

static int
skip_dot(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* Loads dir/rel recursively; rel is "" or ends with '/'. */
static int
load_dir(struct tpl_set *set, const char *dir, struct buf *rel, int level,
         struct buf *err)
{
	struct buf path = BUF_INIT;
	struct dirent **ents = NULL;
	size_t rellen = rel->len;
	int n, i, rc = 0;

	buf_addf(&path, "%s/%s", dir, rel->p);
	n = scandir(path.p, &ents, skip_dot, alphasort);
	if (n < 0) {
		if (err)
			buf_addf(err,
			         "%s: cannot open template directory: "
			         "%s\n",
			         path.p, strerror(errno));
		buf_release(&path);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		size_t nl = strlen(nm);
		struct stat st;

		buf_truncate(rel, rellen);
		buf_adds(rel, nm);
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dir, rel->p);
		if (stat(path.p, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (level >= TPL_MAX_DIR_DEPTH) {
				if (err)
					buf_addf(err,
					         "%s: directories nested "
					         "too deep\n",
					         path.p);
				rc = -1;
				continue;
			}
			buf_addch(rel, '/');
			if (load_dir(set, dir, rel, level + 1, err))
				rc = -1;
		} else if (S_ISREG(st.st_mode) && nl > 9 &&
		           !strcmp(nm + nl - 9, ".mustache")) {
			struct buf text = BUF_INIT;

			buf_truncate(rel, rel->len - 9);
			if (read_file(path.p, &text, err) ||
			    tpl_set_add(set, rel->p, text.p, text.len, err))
				rc = -1;
			buf_release(&text);
		}
	}
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	buf_truncate(rel, rellen);
	buf_release(&path);
	return rc;
}

int
tpl_set_load_dirs(struct tpl_set *set, const char *const *dirs, size_t ndirs,
                  struct buf *err)
{
	struct buf rel = BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < ndirs; i++) {
		buf_reset(&rel);
		if (load_dir(set, dirs[i], &rel, 0, err))
			rc = -1;
	}
	buf_release(&rel);
	return rc;
}

static int
cmp_tpl_name(const void *a, const void *b)
{
	const struct tpl *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

void
tpl_set_list_raw(const struct tpl_set *set, struct buf *out)
{
	const struct tpl **all =
	        xmallocarray(set->n ? set->n : 1, sizeof(*all));
	size_t i, j, n = 0;

	for (i = 0; i < set->cap; i++)
		if (set->slot[i])
			all[n++] = set->slot[i];
	qsort(all, n, sizeof(*all), cmp_tpl_name);
	for (i = 0; i < n; i++)
		for (j = 0; j < all[i]->nins; j++) {
			const struct ins *in = &all[i]->ins[j];

			if (in->op == OP_RAW)
				buf_addf(out, "%s\t%.*s\n", all[i]->name,
				         (int)in->len, in->p);
		}
	free(all);
}

/* ---- rendering ---- */

struct frame {
	const char *add; /* prefix added at each line start */
	size_t addlen;
	size_t strip; /* whitespace removed first */
};

struct override {
	const struct tpl *t;
	uint32_t parent; /* the OP_PARENT whose blocks override */
};

struct render {
	const struct tpl_set *set;
	struct buf *out;
	size_t start;
	unsigned level, depth;
	bool cut;
	size_t nctx, nfr, nov;
	const struct tval *ctx[TPL_MAX_NEST + 2];
	struct frame fr[TPL_MAX_DEPTH + 1];
	struct override ov[TPL_MAX_DEPTH + 1];
	struct str piece[TPL_MAX_DEPTH + 2];
};

static void render_range(struct render *r, const struct tpl *t, size_t from,
                         size_t to);

/* buf_add without the call when the bytes fit: the hot path. */
static inline void
out_add(struct buf *b, const char *p, size_t len)
{
	if (!b->err && len < b->cap - b->len &&
	    (!b->max || b->len + len <= b->max)) {
		memcpy(b->p + b->len, p, len);
		b->len += len;
		b->p[b->len] = '\0';
	} else {
		buf_add(b, p, len);
	}
}

static const bool html_special[256] = {
        ['&'] = true, ['<'] = true, ['>'] = true, ['"'] = true, ['\''] = true,
};

/* Most values need no escaping; check before calling the escaper. */
static void
out_add_html(struct buf *b, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (html_special[(unsigned char)p[i]]) {
			buf_add_html(b, p, len);
			return;
		}
	out_add(b, p, len);
}

/*
 * The start of an output line.  Apply the frames innermost first: a
 * block strips the indentation its content was written at, then adds
 * its site's; a partial adds its own.  The result is a stack of
 * whitespace pieces, written top first.  Mid-line (an inline block whose
 * content starts on its own line) nothing is added.
 */
static void
emit_indent(struct render *r, const struct ins *in)
{
	struct buf *out = r->out;
	bool at_start;
	size_t np = 0, k;

	if (!r->nfr) {
		out_add(out, in->p, in->len);
		return;
	}
	at_start = out->len == r->start || out->p[out->len - 1] == '\n';
	r->piece[np++] = str_make(in->p, in->ws);
	for (k = r->nfr; k-- > 0;) {
		const struct frame *f = &r->fr[k];
		size_t s = f->strip;

		while (s && np) {
			struct str *top = &r->piece[np - 1];

			if (top->len <= s) {
				s -= top->len;
				np--;
			} else {
				top->p += s;
				top->len -= s;
				s = 0;
			}
		}
		if (at_start && f->addlen)
			r->piece[np++] = str_make(f->add, f->addlen);
	}
	while (np) {
		np--;
		out_add(out, r->piece[np].p, r->piece[np].len);
	}
	out_add(out, in->p + in->ws, in->len - in->ws);
}

static const struct tval *
lookup(const struct render *r, const struct tpl *t, const struct ins *in)
{
	const struct str *seg = &t->segs[in->seg];
	const struct tval *v = NULL;
	size_t k;

	if (!in->nseg)
		return r->ctx[r->nctx - 1];
	for (k = r->nctx; k-- > 0;)
		if ((v = tv_get(r->ctx[k], seg[0].p, seg[0].len)))
			break;
	for (k = 1; v && k < in->nseg; k++)
		v = tv_get(v, seg[k].p, seg[k].len);
	return v;
}

static void
emit_value(struct render *r, const struct tval *v, bool raw)
{
	const char *p;
	size_t len;

	switch (tv_type(v)) {
	case TV_STR:
	case TV_NUM:
		p = tv_text(v, &len);
		if (raw)
			out_add(r->out, p, len);
		else
			out_add_html(r->out, p, len);
		break;
	case TV_TRUE:
		buf_add(r->out, "true", 4);
		break;
	case TV_FALSE:
		buf_add(r->out, "false", 5);
		break;
	default:
		break;
	}
}

static void
render_with(struct render *r, const struct tpl *t, size_t from, size_t to,
            const struct tval *v)
{
	if (r->nctx == ARRAY_SIZE(r->ctx)) {
		r->cut = true;
		return;
	}
	r->ctx[r->nctx++] = v;
	render_range(r, t, from, to);
	r->nctx--;
}

static void
render_section(struct render *r, const struct tpl *t, size_t i)
{
	const struct ins *in = &t->ins[i];
	const struct tval *v = lookup(r, t, in);
	size_t k, n;

	if (!tv_truthy(v))
		return;
	if (tv_type(v) != TV_LIST) {
		render_with(r, t, i + 1, in->end, v);
		return;
	}
	n = tv_len(v);
	for (k = 0; k < n && !r->out->err && !r->cut; k++)
		render_with(r, t, i + 1, in->end, tv_at(v, k));
}

/* Enters a partial, parent or overriding block; false if too deep. */
static bool
enter(struct render *r, const char *add, size_t addlen, size_t strip)
{
	if (r->depth >= TPL_MAX_DEPTH) {
		r->cut = true;
		return false;
	}
	r->depth++;
	r->fr[r->nfr++] = (struct frame){add, addlen, strip};
	return true;
}

static void
leave(struct render *r)
{
	r->depth--;
	r->nfr--;
}

/* The outermost override wins, as the spec's multi-level tests say. */
static bool
find_override(const struct render *r, const struct ins *site,
              const struct tpl **tp, uint32_t *ip)
{
	size_t k;

	for (k = 0; k < r->nov; k++) {
		const struct tpl *t = r->ov[k].t;
		uint32_t c = t->ins[r->ov[k].parent].child;

		for (; c != NONE; c = t->ins[c].sib)
			if (t->ins[c].len == site->len &&
			    !memcmp(t->ins[c].p, site->p, site->len)) {
				*tp = t;
				*ip = c;
				return true;
			}
	}
	return false;
}

static void
render_range(struct render *r, const struct tpl *t, size_t from, size_t to)
{
	size_t i = from;

	if (r->level >= TPL_MAX_NEST) {
		r->cut = true;
		return;
	}
	r->level++;
	while (i < to && !r->out->err && !r->cut) {
		const struct ins *in = &t->ins[i];
		const struct tpl *p;
		uint32_t b;

		switch (in->op) {
		case OP_TEXT:
			out_add(r->out, in->p, in->len);
			break;
		case OP_INDENT:
			emit_indent(r, in);
			break;
		case OP_VAR:
		case OP_RAW:
			emit_value(r, lookup(r, t, in), in->op == OP_RAW);
			break;
		case OP_SECTION:
			render_section(r, t, i);
			i = in->end;
			continue;
		case OP_INVERTED:
			if (!tv_truthy(lookup(r, t, in)))
				render_range(r, t, i + 1, in->end);
			i = in->end;
			continue;
		case OP_PARTIAL:
			p = set_find(r->set, in->p, in->len);
			if (p && enter(r, in->ind, in->indlen, 0)) {
				render_range(r, p, 0, p->nins);
				leave(r);
			}
			break;
		case OP_PARENT:
			p = set_find(r->set, in->p, in->len);
			if (p && enter(r, in->ind, in->indlen, 0)) {
				r->ov[r->nov++] =
				        (struct override){t, (uint32_t)i};
				render_range(r, p, 0, p->nins);
				r->nov--;
				leave(r);
			}
			i = in->end;
			continue;
		case OP_BLOCK:
			if (!find_override(r, in, &p, &b)) {
				render_range(r, t, i + 1, in->end);
			} else if (enter(r, in->ind, in->indlen,
			                 p->ins[b].strip)) {
				render_range(r, p, b + 1, p->ins[b].end);
				leave(r);
			}
			i = in->end;
			continue;
		}
		i++;
	}
	r->level--;
}

int
tpl_render(const struct tpl_set *set, const char *name, const struct tval *ctx,
           struct buf *out)
{
	const struct tpl *t = set_find(set, name, strlen(name));
	struct render rs, *r = &rs;

	if (!t)
		return -1;
	/* About 6 KiB of fixed stacks: no allocation while rendering. */
	r->set = set;
	r->out = out;
	r->start = out->len;
	r->level = r->depth = 0;
	r->cut = false;
	r->nctx = r->nfr = r->nov = 0;
	r->ctx[r->nctx++] = ctx;
	render_range(r, t, 0, t->nins);
	return buf_err(out) || r->cut ? -1 : 0;
}
