/* Tests for routing: literals, ":x" parameters, "*", 404 and 405. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "http_int.h"

static void
h_home(struct req *r, struct resp *rs)
{
	(void)r;
	(void)rs;
}
static void
h_item(struct req *r, struct resp *rs)
{
	(void)r;
	(void)rs;
}
static void
h_post(struct req *r, struct resp *rs)
{
	(void)r;
	(void)rs;
}
static void
h_two(struct req *r, struct resp *rs)
{
	(void)r;
	(void)rs;
}
static void
h_star(struct req *r, struct resp *rs)
{
	(void)r;
	(void)rs;
}
static void
h_api(struct req *r, struct resp *rs)
{
	(void)r;
	(void)rs;
}

static const struct route pub[] = {
        {HTTP_M_GET, "/", h_home},
        {HTTP_M_GET, "/tin-tuc/:slug", h_item},
        {HTTP_M_POST, "/tin-tuc/:slug", h_post},
        {HTTP_M_GET, "/a/:x/b/:y", h_two},
        {HTTP_M_GET, "/files/*", h_star},
};
static const struct route api[] = {
        {HTTP_M(HTTP_DELETE), "/api/items/:id", h_api},
};

static struct router *
mk(void)
{
	const struct route *const tables[] = {pub, api};
	const size_t sizes[] = {ARRAY_SIZE(pub), ARRAY_SIZE(api)};

	return router_new(tables, sizes, 2);
}

static void
test_router__match(void **state)
{
	struct router *rt = mk();
	struct arena a = ARENA_INIT;
	struct req r = {.arena = &a};
	unsigned allowed;

	(void)state;
	assert_ptr_equal(router_match(rt, HTTP_GET, "/", &r, &allowed), h_home);
	assert_ptr_equal(router_match(rt, HTTP_HEAD, "/", &r, &allowed),
	                 h_home);
	assert_ptr_equal(
	        router_match(rt, HTTP_GET, "/tin-tuc/xin-chao", &r, &allowed),
	        h_item);
	assert_int_equal(r.nparams, 1);
	assert_string_equal(r.params[0], "xin-chao");
	assert_ptr_equal(
	        router_match(rt, HTTP_GET, "/tin-tuc/xin-chao/", &r, &allowed),
	        h_item);
	assert_ptr_equal(
	        router_match(rt, HTTP_POST, "/tin-tuc/x", &r, &allowed),
	        h_post);
	assert_ptr_equal(router_match(rt, HTTP_GET, "/a/1/b/2", &r, &allowed),
	                 h_two);
	assert_int_equal(r.nparams, 2);
	assert_string_equal(r.params[0], "1");
	assert_string_equal(r.params[1], "2");
	assert_ptr_equal(
	        router_match(rt, HTTP_GET, "/files/x/y/z.pdf", &r, &allowed),
	        h_star);
	assert_ptr_equal(
	        router_match(rt, HTTP_DELETE, "/api/items/9", &r, &allowed),
	        h_api);
	router_free(rt);
	arena_release(&a);
}

static void
test_router__not_found(void **state)
{
	static const char *const miss[] = {
	        "/tin-tuc", "/tin-tuc/a/b", "/a/1/b",     "/a/1/c/2",
	        "/x",       "/tin-tucx/a",  "/api/items/"};
	struct router *rt = mk();
	struct arena a = ARENA_INIT;
	struct req r = {.arena = &a};
	unsigned allowed;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(miss); i++) {
		assert_null(router_match(rt, HTTP_GET, miss[i], &r, &allowed));
		assert_int_equal(allowed, 0);
	}
	router_free(rt);
	arena_release(&a);
}

static void
test_router__method_not_allowed(void **state)
{
	struct router *rt = mk();
	struct arena a = ARENA_INIT;
	struct req r = {.arena = &a};
	unsigned allowed;
	char s[64];

	(void)state;
	assert_null(router_match(rt, HTTP_PUT, "/tin-tuc/x", &r, &allowed));
	assert_int_equal(allowed, HTTP_M_GET | HTTP_M_POST);
	http_methods_str(allowed, s, sizeof(s));
	assert_string_equal(s, "GET, HEAD, POST");
	assert_null(router_match(rt, HTTP_POST, "/", &r, &allowed));
	http_methods_str(allowed, s, sizeof(s));
	assert_string_equal(s, "GET, HEAD");
	assert_null(router_match(rt, HTTP_GET, "/api/items/1", &r, &allowed));
	http_methods_str(allowed, s, sizeof(s));
	assert_string_equal(s, "DELETE");
	router_free(rt);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_router__match),
	        cmocka_unit_test(test_router__not_found),
	        cmocka_unit_test(test_router__method_not_allowed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
