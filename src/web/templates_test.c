/*
 * The site's templates (STYLE 4.7: escaping is the default, raw output
 * must be earned): every template in templates/ compiles, every raw tag
 * ({{{x}}} or {{& x}}) names a field of the short allowlist below, and
 * the pages web_init needs exist.
 *
 * The allowlist holds fields whose HTML only the view-model builders
 * put there:
 *  - body_html: an item's rich text, sanitised by the gumbo allowlist
 *    when it is written (DESIGN, reliability and security);
 *  - snippet_html: a search snippet, HTML-escaped by web_add_snippet
 *    with only <mark> and </mark> added;
 *  - qr_svg: the enrolment page's QR code, an <svg> that qr_svg (qr.c)
 *    builds from modules and a title it escapes itself;
 *  - diff_html: a comparison of two revisions, built by
 *    wdiff_render_inline / wdiff_render_rows, which escape every byte of
 *    both texts and add only <ins>, <del>, <span class="wd-tag"> and the
 *    table rows.
 * Adding a name here needs the same argument.
 *
 * Run from the repository root (make check does), or with TTDT_TEMPLATES
 * naming the folder.
 */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "tpl.h"

static const char *const raw_allowlist[] = {
        "body_html",
        "snippet_html",
        "qr_svg",
        "diff_html",
};

static const char *
templates_dir(void)
{
	const char *d = getenv("TTDT_TEMPLATES");

	return d && *d ? d : "templates";
}

static struct tpl_set *
load(void)
{
	const char *dirs[] = {templates_dir()};
	struct tpl_set *set = tpl_set_new();
	struct buf err = BUF_INIT;

	if (tpl_set_load_dirs(set, dirs, 1, &err) != 0)
		fail_msg("templates in '%s' do not compile:\n%s", dirs[0],
		         err.p);
	buf_release(&err);
	return set;
}

static bool
allowed(const char *name, size_t len)
{
	/* A dotted name ("item.body_html") is judged by its last part. */
	const char *dot = memrchr(name, '.', len);

	if (dot) {
		len -= (size_t)(dot + 1 - name);
		name = dot + 1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(raw_allowlist); i++)
		if (strlen(raw_allowlist[i]) == len &&
		    !memcmp(raw_allowlist[i], name, len))
			return true;
	return false;
}

static void
test_templates__raw_tags_are_allowlisted(void **state)
{
	struct tpl_set *set = load();
	struct buf list = BUF_INIT;
	size_t nraw = 0, nbad = 0;
	const char *line, *end, *tab;

	(void)state;
	tpl_set_list_raw(set, &list);
	for (line = list.p; *line; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		if (end == line)
			continue;
		tab = memchr(line, '\t', (size_t)(end - line));
		assert_non_null(tab);
		nraw++;
		if (!allowed(tab + 1, (size_t)(end - tab - 1))) {
			print_error("raw tag not in the allowlist: %.*s\n",
			            (int)(end - line), line);
			nbad++;
		}
	}
	/* item.mustache prints body_html: an empty list means the listing
	 * itself is broken, not that the templates are clean. */
	assert_true(nraw > 0);
	assert_int_equal(nbad, 0);
	buf_release(&list);
	tpl_set_free(set);
}

/* The check above must fail on a template that prints another field
 * raw; prove the listing sees one. */
static void
test_templates__raw_check_catches_unlisted(void **state)
{
	struct tpl_set *set = tpl_set_new();
	struct buf list = BUF_INIT;
	static const char bad[] = "<p>{{{item.title}}}</p>{{& body_html}}";

	(void)state;
	assert_int_equal(tpl_set_add(set, "bad", bad, sizeof(bad) - 1, NULL),
	                 0);
	tpl_set_list_raw(set, &list);
	assert_non_null(strstr(list.p, "item.title"));
	assert_false(allowed("item.title", strlen("item.title")));
	assert_true(allowed("body_html", strlen("body_html")));
	assert_true(allowed("item.body_html", strlen("item.body_html")));
	buf_release(&list);
	tpl_set_free(set);
}

static void
test_templates__pages_exist(void **state)
{
	static const char *const pages[] = {
	        "layout",        "header",    "footer",     "nav",
	        "breadcrumbs",   "item-card", "pagination", "search-form",
	        "home",          "section",   "item",       "print",
	        "save",          "search",    "sitemap",    "sitemap-node",
	        "accessibility", "error",
	};
	struct tpl_set *set = load();

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(pages); i++)
		if (!tpl_set_has(set, pages[i]))
			fail_msg("template '%s' is missing", pages[i]);
	tpl_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_templates__raw_tags_are_allowlisted),
	        cmocka_unit_test(test_templates__raw_check_catches_unlisted),
	        cmocka_unit_test(test_templates__pages_exist),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
