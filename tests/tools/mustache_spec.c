/*
 * Runs the Mustache specification's tests (JSON form) against tpl.c:
 * every test of every *.json file in the spec directory (argv[1]) except
 * optional modules whose file names start with '~' (lambdas, dynamic
 * names).  Each test's data becomes a tval tree, its partials join a
 * fresh set, and the rendered template must equal expected byte for
 * byte.  Prints each failure, then "N passed, N failed"; exits 1 if any
 * test failed or a file could not be read.
 */
#include "common.h"

#include <dirent.h>
#include <jansson.h>

#include "arena.h"
#include "buf.h"
#include "tpl.h"
#include "tval.h"

/* The shortest text that reads back as the same double ("1.21"). */
static const char *
real_text(struct arena *a, double d)
{
	char tmp[64];
	int prec;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	return arena_strdup(a, tmp);
}

static struct tval *
from_json(struct arena *a, json_t *j)
{
	struct tval *v;
	const char *key;
	json_t *e;
	size_t i;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		v = tv_map(a);
		json_object_foreach(j, key, e)
		        tv_set(v, arena_strdup(a, key), from_json(a, e));
		return v;
	case JSON_ARRAY:
		v = tv_list(a);
		json_array_foreach(j, i, e) tv_push(v, from_json(a, e));
		return v;
	case JSON_STRING:
		return tv_strn(a,
		               arena_strndup(a, json_string_value(j),
		                             json_string_length(j)),
		               json_string_length(j));
	case JSON_INTEGER:
		return tv_int(a, (int64_t)json_integer_value(j));
	case JSON_REAL:
		return tv_num_text(a, json_real_value(j),
		                   real_text(a, json_real_value(j)));
	case JSON_TRUE:
		return tv_bool(a, true);
	case JSON_FALSE:
		return tv_bool(a, false);
	default:
		return tv_null(a);
	}
}

static void
show(const char *label, const char *s, size_t len)
{
	printf("  %s: \"", label);
	for (; len; s++, len--) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\r')
			fputs("\\r", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else
			putchar(*s);
	}
	puts("\"");
}

static void
run_test(const char *file, json_t *test, int *passed, int *failed)
{
	const char *name = json_string_value(json_object_get(test, "name"));
	json_t *tmpl = json_object_get(test, "template");
	json_t *exp = json_object_get(test, "expected");
	json_t *partials = json_object_get(test, "partials"), *p;
	struct tpl_set *set = tpl_set_new();
	struct buf out = BUF_INIT, err = BUF_INIT;
	struct arena a;
	const char *pname;
	bool ok;

	arena_init(&a, 4096);
	json_object_foreach(partials, pname, p) tpl_set_add(
	        set, pname, json_string_value(p), json_string_length(p), &err);
	if (tpl_set_add(set, "(template)", json_string_value(tmpl),
	                json_string_length(tmpl), &err) == 0)
		tpl_render(set, "(template)",
		           from_json(&a, json_object_get(test, "data")), &out);
	ok = err.len == 0 && out.len == json_string_length(exp) &&
	     !memcmp(out.p, json_string_value(exp), out.len);
	if (ok) {
		(*passed)++;
	} else {
		(*failed)++;
		printf("FAIL %s: %s\n", file, name ? name : "(unnamed)");
		show("template", json_string_value(tmpl),
		     json_string_length(tmpl));
		show("expected", json_string_value(exp),
		     json_string_length(exp));
		show("got", out.p, out.len);
		if (err.len)
			printf("  errors: %s", err.p);
	}
	buf_release(&out);
	buf_release(&err);
	arena_release(&a);
	tpl_set_free(set);
}

static int
is_spec_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '~' && e->d_name[0] != '.' && n > 5 &&
	       !strcmp(e->d_name + n - 5, ".json");
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "../shared/data/mustache-spec";
	struct dirent **ents;
	int n, i, passed = 0, failed = 0;

	n = scandir(dir, &ents, is_spec_file, alphasort);
	if (n <= 0) {
		fprintf(stderr, "mustache_spec: no spec files in '%s'\n", dir);
		return 1;
	}
	for (i = 0; i < n; i++) {
		char path[4096];
		json_error_t jerr;
		json_t *root, *tests, *t;
		size_t k;

		snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
		root = json_load_file(path, 0, &jerr);
		tests = root ? json_object_get(root, "tests") : NULL;
		if (!json_is_array(tests)) {
			printf("FAIL %s: cannot load: %s\n", path, jerr.text);
			failed++;
		}
		json_array_foreach(tests, k, t)
		        run_test(ents[i]->d_name, t, &passed, &failed);
		json_decref(root);
		free(ents[i]);
	}
	free(ents);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
