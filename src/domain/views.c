/*
 * Usage statistics (Decree 42/2022: automatic usage statistics, no
 * third-party tracker).  A view costs a hash-table increment under a
 * mutex; a background thread hands the table to the store every interval
 * seconds (store_views_add: one transaction for the batch), so the
 * database sees one write per item and day per interval, never one per
 * view.
 *
 * Flushing swaps the table out under the lock and writes it without the
 * lock, so counting never waits for the disk.  If the write fails the
 * counts go back into the table for the next flush: a busy database
 * delays statistics, it does not lose them.  Counts still in memory at a
 * crash are lost (at most one interval), which statistics can afford.
 */
#include "common.h"

#include "log.h"
#include "views.h"
#include "vntime.h"
#include "xalloc.h"

/* Past this many distinct keys the flusher is woken early. */
#define VIEWS_SOFT_MAX 65536

struct slot {
	int64_t item_id, category_id;
	int day; /* 0: empty slot */
	int64_t count;
};

struct table {
	struct slot *v;
	size_t cap, n; /* cap a power of two, n used */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct table pending;
static struct store *store;
static unsigned interval;
static pthread_t thread;
static bool running, stopping;

static size_t
slot_hash(int64_t item, int64_t cat, int day)
{
	uint64_t h = (uint64_t)item * 0x9e3779b97f4a7c15u;

	h ^= (uint64_t)cat * 0xc2b2ae3d27d4eb4fu + (h << 6) + (h >> 2);
	h ^= (uint64_t)(unsigned)day * 0x165667b19e3779f9u;
	return (size_t)(h ^ (h >> 29));
}

static void table_add(struct table *t, int64_t item, int64_t cat, int day,
                      int64_t count);

static void
table_grow(struct table *t)
{
	struct table bigger = {0};

	bigger.cap = t->cap ? t->cap * 2 : 256;
	bigger.v = xcalloc(bigger.cap, sizeof(*bigger.v));
	for (size_t i = 0; i < t->cap; i++)
		if (t->v[i].day)
			table_add(&bigger, t->v[i].item_id, t->v[i].category_id,
			          t->v[i].day, t->v[i].count);
	free(t->v);
	*t = bigger;
}

static void
table_add(struct table *t, int64_t item, int64_t cat, int day, int64_t count)
{
	size_t i;

	if ((t->n + 1) * 10 > t->cap * 7)
		table_grow(t);
	for (i = slot_hash(item, cat, day) & (t->cap - 1);;
	     i = (i + 1) & (t->cap - 1)) {
		struct slot *sl = &t->v[i];

		if (!sl->day) {
			*sl = (struct slot){item, cat, day, count};
			t->n++;
			return;
		}
		if (sl->item_id == item && sl->category_id == cat &&
		    sl->day == day) {
			sl->count += count;
			return;
		}
	}
}

void
views_count(int64_t item_id, int64_t category_id)
{
	int day = vntime_day(time(NULL));
	bool full;

	if (item_id <= 0 && category_id <= 0)
		return;
	pthread_mutex_lock(&lock);
	table_add(&pending, item_id > 0 ? item_id : 0,
	          category_id > 0 ? category_id : 0, day, 1);
	full = pending.n >= VIEWS_SOFT_MAX;
	if (full)
		pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
}

/* Writes one swapped-out table; puts it back on failure. */
static void
flush_table(struct store *s, struct table *t)
{
	struct view_count *v;
	size_t n = 0;
	enum err e;

	if (t->n == 0)
		return;
	v = xmallocarray(t->n, sizeof(*v));
	for (size_t i = 0; i < t->cap; i++)
		if (t->v[i].day)
			v[n++] = (struct view_count){
			        t->v[i].item_id, t->v[i].category_id,
			        t->v[i].day, t->v[i].count};
	e = s ? store_views_add(s, v, n) : ERR_IO;
	if (e != ERR_OK) {
		log_warnx("views: cannot save %zu counts (%s); kept for the "
		          "next flush",
		          n, err_str(e));
		pthread_mutex_lock(&lock);
		for (size_t i = 0; i < n; i++)
			table_add(&pending, v[i].item_id, v[i].category_id,
			          v[i].day, v[i].count);
		pthread_mutex_unlock(&lock);
	}
	free(v);
}

/* Serialises flushes so two never write the same counts at once. */
static pthread_mutex_t flush_lock = PTHREAD_MUTEX_INITIALIZER;

void
views_flush(void)
{
	struct table t;
	struct store *s;

	pthread_mutex_lock(&flush_lock);
	pthread_mutex_lock(&lock);
	t = pending;
	pending = (struct table){0};
	s = store;
	pthread_mutex_unlock(&lock);
	flush_table(s, &t);
	free(t.v);
	pthread_mutex_unlock(&flush_lock);
}

static void *
flusher(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		struct timespec until;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += interval;
		while (!stopping && pending.n < VIEWS_SOFT_MAX &&
		       pthread_cond_timedwait(&wake, &lock, &until) == 0)
			;
		if (stopping)
			break;
		pthread_mutex_unlock(&lock);
		views_flush();
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

void
views_start(struct store *s, unsigned every)
{
	pthread_mutex_lock(&lock);
	if (running)
		BUG("views_start called twice");
	store = s;
	interval = every ? every : 1;
	stopping = false;
	running = true;
	pthread_mutex_unlock(&lock);
	if (pthread_create(&thread, NULL, flusher, NULL) != 0)
		BUG("cannot start the views flusher");
}

void
views_stop(void)
{
	bool was;

	pthread_mutex_lock(&lock);
	was = running;
	stopping = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	if (was)
		pthread_join(thread, NULL);
	views_flush();
	pthread_mutex_lock(&lock);
	running = false;
	store = NULL;
	free(pending.v);
	pending = (struct table){0};
	pthread_mutex_unlock(&lock);
}
