/* Tests for the arena: alignment, large blocks, reset and reuse. */
#include "common.h"

#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"

static void
test_arena__aligned_and_distinct(void **state)
{
	struct arena a;
	char *p, *q;
	int i;

	(void)state;
	arena_init(&a, 256);
	for (i = 1; i < 100; i++) {
		p = arena_alloc(&a, (size_t)i);
		assert_int_equal((uintptr_t)p % 16, 0);
		memset(p, 0xab, (size_t)i);
	}
	p = arena_strdup(&a, "Sở Tư pháp");
	q = arena_printf(&a, "%s %d", "Kon Tum", 2026);
	assert_string_equal(p, "Sở Tư pháp");
	assert_string_equal(q, "Kon Tum 2026");
	arena_release(&a);
}

static void
test_arena__large_block(void **state)
{
	struct arena a;
	char *p;

	(void)state;
	arena_init(&a, 128);
	p = arena_alloc(&a, 100000);
	memset(p, 1, 100000);
	p = arena_calloc(&a, 10, 10);
	assert_int_equal(p[99], 0);
	arena_release(&a);
}

static void
test_arena__reset_reuses_first_chunk(void **state)
{
	struct arena a;
	void *first, *again;
	int i;

	(void)state;
	arena_init(&a, 1024);
	first = arena_alloc(&a, 16);
	for (i = 0; i < 100; i++)
		arena_alloc(&a, 512);
	arena_reset(&a);
	assert_int_equal(a.total, 0);
	again = arena_alloc(&a, 16);
	assert_ptr_equal(first, again);
	arena_release(&a);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_arena__aligned_and_distinct),
	        cmocka_unit_test(test_arena__large_block),
	        cmocka_unit_test(test_arena__reset_reuses_first_chunk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
