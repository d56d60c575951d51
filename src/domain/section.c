/*
 * Managing the section tree (issue 4 item 10): validation, slugs,
 * positions, the audit, and making the change visible at once (section.h
 * says what each operation does).
 *
 * Each operation is one store_tx: it reads the whole tree (about forty
 * rows), checks, writes, appends its audit entry and bumps the
 * generation setting, so a change, its record and the signal to other
 * nodes commit together.  Only after the commit does this process reload
 * the catalog and drop its cached pages: reloading inside the transaction
 * would show a tree that a rollback could still take back.
 */
#include "common.h"

#include <stdatomic.h>

#include "catalog.h"
#include "content.h"
#include "log.h"
#include "section.h"
#include "utf8.h"
#include "vnfold.h"
#include "xalloc.h"

/* ---- checks (pure) ---- */

static const struct category *
cat_find(const struct category *cats, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (cats[i].id == id)
			return &cats[i];
	return NULL;
}

static bool
has_children(const struct category *cats, size_t n, int64_t id)
{
	for (size_t i = 0; id && i < n; i++)
		if (cats[i].parent_id == id)
			return true;
	return false;
}

/* Valid UTF-8 without control characters (multi_line: but tab, CR and
 * LF). */
static bool
text_ok(const char *s, bool multi_line)
{
	if (!utf8_valid(s, strlen(s)))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 || *p == 0x7f) &&
		    !(multi_line && (*p == '\t' || *p == '\r' || *p == '\n')))
			return false;
	return true;
}

static void
problem(struct section_problems *out, enum section_field f, const char *msg)
{
	if (!out->msg[f]) {
		out->msg[f] = msg;
		out->n++;
	}
}

bool
section_check(const struct category *cats, size_t ncats,
              const struct unit *units, size_t nunits, int64_t self,
              const struct section_input *in, struct section_problems *out)
{
	const struct category *me = self ? cat_find(cats, ncats, self) : NULL;
	const char *name = in->name ? in->name : "";
	const char *desc = in->description ? in->description : "";

	memset(out, 0, sizeof(*out));
	if (!*name) {
		problem(out, SECTION_F_NAME, "Vui lòng nhập tên chuyên mục.");
	} else if (!text_ok(name, false)) {
		problem(out, SECTION_F_NAME,
		        "Tên chuyên mục có ký tự không hợp lệ.");
	} else if (utf8_count(name, strlen(name)) > SECTION_NAME_MAX) {
		problem(out, SECTION_F_NAME,
		        "Tên chuyên mục dài quá 200 ký tự.");
	} else {
		struct buf slug = BUF_INIT;

		vnslug(&slug, name, strlen(name), SECTION_SLUG_MAX);
		if (!slug.len)
			problem(out, SECTION_F_NAME,
			        "Tên chuyên mục phải có ít nhất một chữ cái "
			        "hoặc chữ số.");
		buf_release(&slug);
	}
	if (!text_ok(desc, true))
		problem(out, SECTION_F_DESCRIPTION,
		        "Phần mô tả có ký tự không hợp lệ.");
	else if (utf8_count(desc, strlen(desc)) > SECTION_DESC_MAX)
		problem(out, SECTION_F_DESCRIPTION,
		        "Phần mô tả dài quá 1000 ký tự.");
	if (in->parent_id) {
		const struct category *p = cat_find(cats, ncats, in->parent_id);

		if (!p)
			problem(out, SECTION_F_PARENT,
			        "Chuyên mục cha không có trong danh sách; vui "
			        "lòng chọn lại.");
		else if (in->parent_id == self)
			problem(out, SECTION_F_PARENT,
			        "Không thể đặt một chuyên mục vào chính nó.");
		else if (p->parent_id)
			/* Depth SECTION_DEPTH_MAX: only a main section
			 * takes subsections, which also rules out every
			 * loop but the one above. */
			problem(out, SECTION_F_PARENT,
			        "Chỉ chọn được chuyên mục chính làm chuyên mục "
			        "cha (cây chuyên mục có hai cấp).");
		else if (has_children(cats, ncats, self))
			problem(out, SECTION_F_PARENT,
			        "Chuyên mục này đang có chuyên mục con nên "
			        "phải là chuyên mục chính.");
	}
	if (in->owner_unit_id) {
		const struct unit *u = NULL;

		for (size_t i = 0; i < nunits; i++)
			if (units[i].id == in->owner_unit_id)
				u = &units[i];
		/* A unit closed since it was chosen stays acceptable on
		 * its own section, so saving other fields does not fail. */
		if (!u)
			problem(out, SECTION_F_UNIT,
			        "Đơn vị phụ trách không có trong danh sách; "
			        "vui "
			        "lòng chọn lại.");
		else if (u->closed_at &&
		         !(me && me->owner_unit_id == in->owner_unit_id))
			problem(out, SECTION_F_UNIT,
			        "Đơn vị này đã giải thể hoặc đã đóng; vui lòng "
			        "chọn một đơn vị đang hoạt động.");
	}
	return out->n == 0;
}

static bool
slug_taken(const struct category *cats, size_t n, int64_t self,
           const char *slug)
{
	for (size_t i = 0; i < n; i++)
		if (cats[i].id != self && !strcmp(cats[i].slug, slug))
			return true;
	return false;
}

bool
section_slug(struct buf *out, const char *name, const struct category *cats,
             size_t ncats, int64_t self)
{
	size_t start = out->len, base;

	vnslug(out, name, strlen(name), SECTION_SLUG_MAX);
	if (out->len == start)
		return false;
	if (!slug_taken(cats, ncats, self, out->p + start))
		return true;
	/* Numbered: the name cut (at a '-', as vnslug cuts) to leave room
	 * for "-" and up to four digits. */
	buf_truncate(out, start);
	vnslug(out, name, strlen(name), SECTION_SLUG_MAX - 5);
	base = out->len;
	/* At most ncats slugs can be taken, so a free number exists
	 * within ncats + 1 tries. */
	for (size_t k = 2; k < ncats + 3; k++) {
		buf_truncate(out, base);
		buf_addf(out, "-%zu", k);
		if (!slug_taken(cats, ncats, self, out->p + start))
			return true;
	}
	buf_truncate(out, start);
	return false;
}

/* ---- the operations ---- */

struct section_op {
	const struct audit_actor *actor;
	const struct section_input *in;
	struct section_problems *problems;
	int64_t id;
	int delta;
	bool hidden;
	time_t now;
	struct section_uses uses;
	bool changed; /* something was written: reload after the commit */
};

/* The tree, and (units non-NULL) the units, inside the transaction. */
static enum err
tree_load(struct store *s, struct arena *a, struct category **cats, size_t *n,
          struct unit **units, size_t *nunits)
{
	enum err e;

	if ((e = store_categories(s, a, cats, n)) != ERR_OK)
		return e;
	if (units)
		e = store_units(s, a, units, nunits);
	return e;
}

/* Bumps SECTION_GENERATION_KEY, in the caller's transaction. */
static enum err
generation_bump(struct store *s, struct arena *a)
{
	const char *v = NULL;
	long long g = 0;
	enum err e;

	e = store_setting_get(s, a, SECTION_GENERATION_KEY, &v);
	if (e != ERR_OK && e != ERR_NOTFOUND)
		return e;
	if (e == ERR_OK && v)
		g = strtoll(v, NULL, 10);
	return store_setting_set(s, SECTION_GENERATION_KEY,
	                         arena_printf(a, "%lld", g + 1));
}

/* The fields of a section as audit detail (before NULL: a creation). */
static void
cat_diff(struct audit_detail *d, const struct category *b,
         const struct category *c)
{
	audit_detail_change(d, "name", b ? b->name : NULL, c->name);
	audit_detail_change(d, "slug", b ? b->slug : NULL, c->slug);
	audit_detail_change_int(d, "parent_id", b ? b->parent_id : 0,
	                        c->parent_id);
	audit_detail_change(d, "description", b ? b->description : NULL,
	                    c->description);
	audit_detail_change_int(d, "owner_unit_id", b ? b->owner_unit_id : 0,
	                        c->owner_unit_id);
	audit_detail_change_int(d, "activity_news", b ? b->activity_news : 0,
	                        c->activity_news);
	audit_detail_change_int(d, "hidden", b ? b->hidden : 0, c->hidden);
	audit_detail_change_int(d, "position", b ? b->position : 0,
	                        c->position);
}

/* The next position among the children of parent (0: main sections). */
static int
last_position(const struct category *cats, size_t n, int64_t parent)
{
	int max = 0;

	for (size_t i = 0; i < n; i++)
		if (cats[i].parent_id == parent && cats[i].position > max)
			max = cats[i].position;
	return max + 1;
}

/*
 * Numbers the children of parent 1, 2, ... in their order (position,
 * id: store_categories' order), leaving out skip, writing only those
 * whose position changes.
 */
static enum err
renumber(struct store *s, const struct category *cats, size_t n, int64_t parent,
         int64_t skip)
{
	int pos = 0;
	enum err e;

	for (size_t i = 0; i < n; i++) {
		if (cats[i].parent_id != parent || cats[i].id == skip)
			continue;
		if (cats[i].position != ++pos &&
		    (e = store_section_position(s, cats[i].id, pos)) != ERR_OK)
			return e;
	}
	return ERR_OK;
}

/*
 * The end of every operation that wrote something: its audit entry and
 * the generation bump, in the same transaction so the change, its record
 * and the signal to other nodes commit together; op->changed has run()
 * reload this process's tree once the commit is done.
 */
static enum err
record_change(struct store *s, struct section_op *op, struct arena *a,
              const char *action, int64_t id, struct audit_detail *d)
{
	enum err e;

	if ((e = audit_append(s, op->actor, op->now, action, "section", id,
	                      audit_detail_json(d))) != ERR_OK)
		return e;
	e = generation_bump(s, a);
	op->changed = true;
	return e;
}

/* The tree (and, units non-NULL, the units) with section id in it as
 * *me; ERR_NOTFOUND without it. */
static enum err
tree_find(struct store *s, struct arena *a, int64_t id, struct category **cats,
          size_t *n, struct unit **units, size_t *nunits,
          const struct category **me)
{
	enum err e;

	if ((e = tree_load(s, a, cats, n, units, nunits)) != ERR_OK)
		return e;
	*me = cat_find(*cats, *n, id);
	return *me ? ERR_OK : ERR_NOTFOUND;
}

static enum err
create_tx(struct store *s, void *p)
{
	struct section_op *op = p;
	struct arena a = ARENA_INIT;
	struct category *cats, c = {0};
	struct unit *units;
	size_t n, nunits;
	struct buf slug = BUF_INIT;
	struct audit_detail d;
	enum err e;

	arena_init(&a, 8192);
	audit_detail_init(&d);
	if ((e = tree_load(s, &a, &cats, &n, &units, &nunits)) != ERR_OK)
		goto out;
	if (!section_check(cats, n, units, nunits, 0, op->in, op->problems) ||
	    !section_slug(&slug, op->in->name, cats, n, 0)) {
		e = ERR_INVALID;
		goto out;
	}
	c.parent_id = op->in->parent_id;
	c.slug = slug.p;
	c.name = op->in->name;
	c.description = op->in->description ? op->in->description : "";
	c.position = last_position(cats, n, c.parent_id);
	c.hidden = op->in->hidden;
	c.activity_news = op->in->activity_news;
	c.owner_unit_id = op->in->owner_unit_id;
	if ((e = store_category_insert(s, &c)) != ERR_OK)
		goto out;
	op->id = c.id;
	cat_diff(&d, NULL, &c);
	e = record_change(s, op, &a, "section.add", c.id, &d);
out:
	audit_detail_release(&d);
	buf_release(&slug);
	arena_release(&a);
	return e;
}

static enum err
update_tx(struct store *s, void *p)
{
	struct section_op *op = p;
	struct arena a = ARENA_INIT;
	struct category *cats, before, c;
	const struct category *found;
	struct unit *units;
	size_t n, nunits;
	struct buf slug = BUF_INIT;
	struct audit_detail d;
	enum err e;

	arena_init(&a, 8192);
	audit_detail_init(&d);
	if ((e = tree_find(s, &a, op->id, &cats, &n, &units, &nunits,
	                   &found)) != ERR_OK)
		goto out;
	before = c = *found;
	if (!section_check(cats, n, units, nunits, op->id, op->in,
	                   op->problems)) {
		e = ERR_INVALID;
		goto out;
	}
	if (op->in->new_slug) {
		if (!section_slug(&slug, op->in->name, cats, n, op->id)) {
			e = ERR_INVALID;
			goto out;
		}
		c.slug = slug.p;
	}
	c.name = op->in->name;
	c.description = op->in->description ? op->in->description : "";
	c.parent_id = op->in->parent_id;
	c.hidden = op->in->hidden;
	c.activity_news = op->in->activity_news;
	c.owner_unit_id = op->in->owner_unit_id;
	if (c.parent_id != before.parent_id)
		c.position = last_position(cats, n, c.parent_id);
	/* The store refuses a loop too (STMT_CATEGORY_CYCLE). */
	if ((e = store_category_update(s, &c)) != ERR_OK)
		goto out;
	if (c.parent_id != before.parent_id &&
	    (e = renumber(s, cats, n, before.parent_id, c.id)) != ERR_OK)
		goto out;
	cat_diff(&d, &before, &c);
	if (!audit_detail_any(&d))
		goto out;
	e = record_change(s, op, &a, "section.edit", c.id, &d);
out:
	audit_detail_release(&d);
	buf_release(&slug);
	arena_release(&a);
	return e;
}

static enum err
move_tx(struct store *s, void *p)
{
	struct section_op *op = p;
	struct arena a = ARENA_INIT;
	struct category *cats;
	const struct category *me;
	const struct category **sib = NULL;
	size_t n, k = 0, at = 0, to;
	struct audit_detail d;
	enum err e;

	arena_init(&a, 8192);
	audit_detail_init(&d);
	if ((e = tree_find(s, &a, op->id, &cats, &n, NULL, NULL, &me)) !=
	    ERR_OK)
		goto out;
	sib = arena_alloc(&a, st_mult(n, sizeof(*sib)));
	for (size_t i = 0; i < n; i++)
		if (cats[i].parent_id == me->parent_id) {
			if (cats[i].id == me->id)
				at = k;
			sib[k++] = &cats[i];
		}
	if ((op->delta < 0 && at == 0) || (op->delta > 0 && at + 1 >= k))
		goto out; /* already first (last) */
	to = op->delta < 0 ? at - 1 : at + 1;
	sib[at] = sib[to];
	sib[to] = me;
	for (size_t i = 0; i < k; i++)
		if (sib[i]->position != (int)i + 1 &&
		    (e = store_section_position(s, sib[i]->id, (int)i + 1)) !=
		            ERR_OK)
			goto out;
	audit_detail_str(&d, "name", me->name);
	audit_detail_change_int(&d, "position", me->position, (int64_t)to + 1);
	audit_detail_int(&d, "swapped_with", sib[at]->id);
	e = record_change(s, op, &a, "section.move", me->id, &d);
out:
	audit_detail_release(&d);
	arena_release(&a);
	return e;
}

static enum err
hide_tx(struct store *s, void *p)
{
	struct section_op *op = p;
	struct arena a = ARENA_INIT;
	struct category *cats, c;
	const struct category *found;
	size_t n;
	struct audit_detail d;
	enum err e;

	arena_init(&a, 8192);
	audit_detail_init(&d);
	if ((e = tree_find(s, &a, op->id, &cats, &n, NULL, NULL, &found)) !=
	    ERR_OK)
		goto out;
	if (found->hidden == op->hidden)
		goto out;
	c = *found;
	c.hidden = op->hidden;
	if ((e = store_category_update(s, &c)) != ERR_OK)
		goto out;
	audit_detail_str(&d, "name", c.name);
	audit_detail_change_int(&d, "hidden", found->hidden, c.hidden);
	e = record_change(s, op, &a,
	                  op->hidden ? "section.hide" : "section.show", c.id,
	                  &d);
out:
	audit_detail_release(&d);
	arena_release(&a);
	return e;
}

enum err
section_uses(struct store *s, int64_t id, struct section_uses *out)
{
	return store_section_uses(s, id, &out->items, &out->revisions,
	                          &out->children);
}

static enum err
delete_tx(struct store *s, void *p)
{
	struct section_op *op = p;
	struct arena a = ARENA_INIT;
	struct category *cats;
	const struct category *me;
	size_t n;
	struct audit_detail d;
	enum err e;

	arena_init(&a, 8192);
	audit_detail_init(&d);
	if ((e = tree_find(s, &a, op->id, &cats, &n, NULL, NULL, &me)) !=
	    ERR_OK)
		goto out;
	if ((e = section_uses(s, op->id, &op->uses)) != ERR_OK)
		goto out;
	/* Nothing that holds items is deleted (issue 4 item 10): an
	 * item's revisions keep the section they were written in. */
	if (op->uses.items || op->uses.revisions || op->uses.children) {
		e = ERR_CONFLICT;
		goto out;
	}
	if ((e = store_section_delete(s, op->id)) != ERR_OK)
		goto out;
	if ((e = renumber(s, cats, n, me->parent_id, me->id)) != ERR_OK)
		goto out;
	audit_detail_str(&d, "name", me->name);
	audit_detail_str(&d, "slug", me->slug);
	audit_detail_int(&d, "parent_id", me->parent_id);
	e = record_change(s, op, &a, "section.delete", me->id, &d);
out:
	audit_detail_release(&d);
	arena_release(&a);
	return e;
}

/* ---- after the commit: this process and the others ---- */

/* The generation the current catalog was loaded at (-1: unknown), and
 * when section_catalog_sync last looked. */
static _Atomic int64_t seen_generation = -1;
static _Atomic int64_t sync_at;

static enum err
generation_read(struct store *s, int64_t *out)
{
	struct arena a = ARENA_INIT;
	const char *v = NULL;
	enum err e;

	*out = 0;
	arena_init(&a, 256);
	e = store_setting_get(s, &a, SECTION_GENERATION_KEY, &v);
	if (e == ERR_OK && v)
		*out = strtoll(v, NULL, 10);
	arena_release(&a);
	return e == ERR_NOTFOUND ? ERR_OK : e;
}

/* Loads the tree as of now and drops the cached pages.  The generation
 * is read first: a change committed in between makes the next sync
 * reload once more, never miss it. */
static void
reload(struct store *s)
{
	int64_t g;
	enum err e;

	if ((e = generation_read(s, &g)) != ERR_OK ||
	    (e = catalog_reload(s)) != ERR_OK) {
		log_errx("cannot reload the section tree: %s", err_str(e));
		return;
	}
	atomic_store(&seen_generation, g);
	content_changed("site");
}

void
section_catalog_sync(struct store *s, time_t now)
{
	int64_t last = atomic_load(&sync_at), g;

	/* Once a second, by one thread; a clock set back looks again. */
	if ((int64_t)now == last ||
	    !atomic_compare_exchange_strong(&sync_at, &last, (int64_t)now))
		return;
	if (generation_read(s, &g) != ERR_OK)
		return;
	if (g != atomic_load(&seen_generation))
		reload(s);
}

static enum err
run(struct store *s, enum err (*fn)(struct store *, void *),
    struct section_op *op)
{
	enum err e = store_tx(s, fn, op);

	if (e == ERR_OK && op->changed)
		reload(s);
	return e;
}

enum err
section_create(struct store *s, const struct audit_actor *actor,
               const struct section_input *in, time_t now, int64_t *id,
               struct section_problems *problems)
{
	struct section_problems ignored;
	struct section_op op = {.actor = actor,
	                        .in = in,
	                        .now = now,
	                        .problems = problems ? problems : &ignored};
	enum err e = run(s, create_tx, &op);

	*id = e == ERR_OK ? op.id : 0;
	return e;
}

enum err
section_update(struct store *s, const struct audit_actor *actor, int64_t id,
               const struct section_input *in, time_t now,
               struct section_problems *problems)
{
	struct section_problems ignored;
	struct section_op op = {.actor = actor,
	                        .in = in,
	                        .id = id,
	                        .now = now,
	                        .problems = problems ? problems : &ignored};

	return run(s, update_tx, &op);
}

enum err
section_move(struct store *s, const struct audit_actor *actor, int64_t id,
             int delta, time_t now)
{
	struct section_op op = {
	        .actor = actor, .id = id, .delta = delta, .now = now};

	if (delta != -1 && delta != 1)
		return ERR_INVALID;
	return run(s, move_tx, &op);
}

enum err
section_set_hidden(struct store *s, const struct audit_actor *actor, int64_t id,
                   bool hidden, time_t now)
{
	struct section_op op = {
	        .actor = actor, .id = id, .hidden = hidden, .now = now};

	return run(s, hide_tx, &op);
}

enum err
section_delete(struct store *s, const struct audit_actor *actor, int64_t id,
               time_t now, struct section_uses *uses)
{
	struct section_op op = {.actor = actor, .id = id, .now = now};
	enum err e = run(s, delete_tx, &op);

	if (uses)
		*uses = op.uses;
	return e;
}
