/*
 * Fuzz target for the Mustache engine: compile the input, render it.
 *
 * The input is split at its first NUL byte: the part before is template
 * "t", the part after (if any) is template "p", so partials ({{>p}}) and
 * parents ({{<p}}) get exercised too; either may also name itself.  Both
 * render against a fixed context with a 64 KiB output cap, and the
 * raw-tag audit runs over the set.  Compile errors are expected; a crash,
 * a leak or a sanitizer report is the bug.
 */
#include "common.h"

#include "tpl.h"
#include "tval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct arena ctx_arena;
static struct tval *ctx;

static struct tval *
item(struct arena *a, const char *name, int64_t n)
{
	struct tval *m = tv_map(a);

	tv_set_str(m, "name", name);
	tv_set_int(m, "n", n);
	tv_set(m, "list", tv_list(a));
	return m;
}

static void
build_ctx(void)
{
	struct arena *a = &ctx_arena;
	struct tval *list, *map, *deep;

	arena_init(a, 4096);
	ctx = tv_map(a);
	tv_set_str(ctx, "a", "Sở Tư pháp");
	tv_set_str(ctx, "b", "<b>\"&'</b>");
	tv_set_str(ctx, "c", "line1\nline2\n");
	tv_set_str(ctx, "e", "");
	tv_set_bool(ctx, "t", true);
	tv_set_bool(ctx, "f", false);
	tv_set(ctx, "z", tv_null(a));
	tv_set_int(ctx, "n", 42);
	tv_set(ctx, "x", tv_num_text(a, 1.21, "1.21"));
	list = tv_list(a);
	tv_push(list, item(a, "một", 1));
	tv_push(list, item(a, "hai", 2));
	tv_push(list, tv_str(a, "ba"));
	tv_push(list, tv_list(a));
	tv_set(ctx, "list", list);
	tv_set(ctx, "empty", tv_list(a));
	map = item(a, "map", 7);
	deep = tv_map(a);
	tv_set(deep, "deep", item(a, "deeper", 8));
	tv_set(map, "child", deep);
	tv_set(ctx, "map", map);
	tv_set(ctx, "self", ctx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t tlen = nul ? (size_t)(nul - text) : size;
	struct tpl_set *set;
	struct buf out = BUF_INIT, err = BUF_INIT;

	if (!ctx)
		build_ctx();
	set = tpl_set_new();
	tpl_set_add(set, "t", text, tlen, &err);
	if (nul)
		tpl_set_add(set, "p", nul + 1, size - tlen - 1, &err);
	out.max = 64 * 1024;
	tpl_render(set, "t", ctx, &out);
	if (out.len > out.max)
		abort();
	buf_reset(&out);
	tpl_render(set, "p", ctx, &out);
	buf_reset(&out);
	tpl_set_list_raw(set, &out);
	buf_release(&out);
	buf_release(&err);
	tpl_set_free(set);
	return 0;
}
