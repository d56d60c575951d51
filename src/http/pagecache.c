/*
 * The page cache: rendered public pages kept in memory with a gzip copy
 * and an ETag, answered before routing (DESIGN, performance targets).
 *
 * Each entry holds prebuilt MHD responses (plain, gzip).  MHD
 * responses are reference counted and MHD_queue_response takes its own
 * reference, so a hit queues the entry's response under the read lock
 * and allocates nothing; eviction destroys our reference and MHD frees
 * the response once the last connection sending it is done.
 *
 * Concurrency: a hash table under a rwlock; hits take the read lock and
 * only set the entry's clock bit (atomic).  Stores, invalidations and
 * eviction take the write lock.  Eviction is CLOCK (second chance) over a
 * ring of entries, bounded by page_cache_max bytes (body + gzip + key).
 *
 * A generation counter closes the race between rendering and
 * invalidation: a page rendered before an invalidation finished (its
 * request read an older generation) is served but not stored.
 */
#include "common.h"

#include "http_int.h"
#include "xalloc.h"

#define PC_BUCKETS 8192 /* power of two */
/* Bookkeeping charged per entry beyond its bytes. */
#define PC_OVERHEAD 512

static struct {
	pthread_rwlock_t lock;
	atomic_bool enabled; /* read without the lock on every request */
	size_t max;
	size_t bytes;
	size_t count;
	struct pc_entry **buckets;
	struct pc_entry *hand; /* clock hand; NULL when empty */
	atomic_uint_fast64_t gen;
} pc = {.lock = PTHREAD_RWLOCK_INITIALIZER};

void
pagecache_init(bool enabled, size_t max_bytes)
{
	pthread_rwlock_wrlock(&pc.lock);
	pc.enabled = enabled;
	pc.max = max_bytes;
	if (!pc.buckets)
		pc.buckets = xcalloc(PC_BUCKETS, sizeof(*pc.buckets));
	pthread_rwlock_unlock(&pc.lock);
}

bool
pagecache_enabled(void)
{
	return pc.enabled;
}

uint64_t
pagecache_gen(void)
{
	return atomic_load(&pc.gen);
}

static void
entry_free(struct pc_entry *e)
{
	if (!e)
		return;
	if (e->plain)
		MHD_destroy_response(e->plain);
	if (e->gz)
		MHD_destroy_response(e->gz);
	free(e->key);
	free(e->tags);
	free(e);
}

/* Unlinks e from its chain and the ring and frees it; write lock held. */
static void
entry_drop(struct pc_entry *e)
{
	struct pc_entry **pp = &pc.buckets[e->hash & (PC_BUCKETS - 1)];

	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	if (e->next == e) {
		pc.hand = NULL;
	} else {
		e->prev->next = e->next;
		e->next->prev = e->prev;
		if (pc.hand == e)
			pc.hand = e->next;
	}
	pc.bytes -= e->cost;
	pc.count--;
	entry_free(e);
}

static struct pc_entry *
find(const char *key, size_t keylen, uint64_t h)
{
	struct pc_entry *e;

	for (e = pc.buckets ? pc.buckets[h & (PC_BUCKETS - 1)] : NULL; e;
	     e = e->hnext)
		if (e->hash == h && e->keylen == keylen &&
		    !memcmp(e->key, key, keylen))
			return e;
	return NULL;
}

/* CLOCK: skip (and clear) recently used entries once; write lock held. */
static void
evict_until(size_t need)
{
	while (pc.hand && pc.bytes + need > pc.max) {
		struct pc_entry *e = pc.hand;

		if (atomic_exchange(&e->used, false)) {
			pc.hand = e->next;
			continue;
		}
		entry_drop(e);
	}
}

static struct MHD_Response *
build(const struct resp *rs, const char *etag, const char *cc, const void *body,
      size_t len, bool gz)
{
	struct MHD_Response *mr;

	mr = MHD_create_response_from_buffer(len, (void *)(uintptr_t)body,
	                                     MHD_RESPMEM_MUST_COPY);
	if (!mr)
		return NULL;
	http_add_resp_headers(mr, rs);
	http_add_header(mr, "Cache-Control", cc);
	http_add_header(mr, "ETag", etag);
	/* Even a page that got no gzip copy varies: the next version of it
	 * may have one, and a shared cache must not keep either for all. */
	if (http_type_compressible(rs->content_type))
		http_add_header(mr, "Vary", "Accept-Encoding");
	if (gz)
		http_add_header(mr, "Content-Encoding", "gzip");
	return mr;
}

/* " a b " so that a tag is found as " tag " (see has_tag). */
static char *
tags_dup(const char *tags)
{
	size_t tl = strlen(tags);
	char *t = xmalloc(st_add(tl, 3));

	t[0] = ' ';
	memcpy(t + 1, tags, tl);
	t[tl + 1] = ' ';
	t[tl + 2] = '\0';
	for (size_t i = 1; i <= tl; i++)
		if (t[i] == '\t' || t[i] == '\n')
			t[i] = ' ';
	return t;
}

static struct pc_entry *
entry_new(const char *key, size_t keylen, const struct resp *rs)
{
	struct pc_entry *e = xcalloc(1, sizeof(*e));
	struct buf gz = BUF_INIT;
	char cc[48];

	e->key = xstrndup(key, keylen);
	e->keylen = keylen;
	e->hash = http_hash(key, keylen);
	e->tags = tags_dup(rs->cache_tags);
	http_etag_of(rs->body.p, rs->body.len, false, e->etag);
	http_etag_of(rs->body.p, rs->body.len, true, e->etag_gz);
	http_cache_control(rs, cc, sizeof(cc));
	e->len = rs->body.len;
	e->view_item = rs->view_item;
	e->view_category = rs->view_category;
	e->plain = build(rs, e->etag, cc, rs->body.p, rs->body.len, false);
	if (http_type_compressible(rs->content_type) &&
	    http_gzip(rs->body.p, rs->body.len, &gz)) {
		e->gz = build(rs, e->etag_gz, cc, gz.p, gz.len, true);
		e->gzlen = gz.len;
	}
	buf_release(&gz);
	if (!e->plain) {
		entry_free(e);
		return NULL;
	}
	e->cost = e->len + e->gzlen + keylen + strlen(e->tags) + PC_OVERHEAD;
	atomic_init(&e->used, false);
	return e;
}

int
pagecache_store(const char *key, size_t keylen, const struct resp *rs,
                uint64_t gen, pc_fn fn, void *ctx)
{
	struct pc_entry *e, *old;
	int ret;

	if (!pc.enabled || !rs->cache_tags || rs->body.len > pc.max / 4)
		return -1;
	/* Compression and response building happen outside the lock. */
	if (!(e = entry_new(key, keylen, rs)))
		return -1;
	pthread_rwlock_wrlock(&pc.lock);
	if (atomic_load(&pc.gen) != gen) {
		pthread_rwlock_unlock(&pc.lock);
		entry_free(e);
		return -1;
	}
	if ((old = find(key, keylen, e->hash)))
		entry_drop(old);
	evict_until(e->cost);
	e->hnext = pc.buckets[e->hash & (PC_BUCKETS - 1)];
	pc.buckets[e->hash & (PC_BUCKETS - 1)] = e;
	if (!pc.hand) {
		e->prev = e->next = e;
		pc.hand = e;
	} else {
		/* Insert just behind the hand: the last to be considered. */
		e->next = pc.hand;
		e->prev = pc.hand->prev;
		e->prev->next = e;
		pc.hand->prev = e;
	}
	pc.bytes += e->cost;
	pc.count++;
	/*
	 * Downgrade to a read lock for fn: POSIX has no atomic downgrade,
	 * so look the entry up again (it may be gone, then fn is skipped).
	 */
	pthread_rwlock_unlock(&pc.lock);
	pthread_rwlock_rdlock(&pc.lock);
	ret = -1;
	if ((e = find(key, keylen, http_hash(key, keylen))))
		ret = fn(e, ctx);
	pthread_rwlock_unlock(&pc.lock);
	return ret;
}

int
pagecache_with(const char *key, size_t keylen, pc_fn fn, void *ctx)
{
	uint64_t h;
	struct pc_entry *e;
	int ret = -1;

	if (!pc.enabled)
		return -1;
	h = http_hash(key, keylen);
	pthread_rwlock_rdlock(&pc.lock);
	if ((e = find(key, keylen, h))) {
		atomic_store_explicit(&e->used, true, memory_order_relaxed);
		ret = fn(e, ctx);
	}
	pthread_rwlock_unlock(&pc.lock);
	return ret;
}

/* Does the entry's " a b " tag list hold tag as a whole word? */
static bool
has_tag(const struct pc_entry *e, const char *tag, size_t tl)
{
	const char *p = e->tags;

	while ((p = strstr(p, tag))) {
		if (p[-1] == ' ' && p[tl] == ' ')
			return true;
		p++;
	}
	return false;
}

void
pagecache_invalidate_tag(const char *tag)
{
	size_t tl = tag ? strlen(tag) : 0, i;

	if (!tl || strchr(tag, ' '))
		return;
	pthread_rwlock_wrlock(&pc.lock);
	atomic_fetch_add(&pc.gen, 1);
	for (i = 0; pc.buckets && i < PC_BUCKETS; i++) {
		struct pc_entry *e = pc.buckets[i], *next;

		for (; e; e = next) {
			next = e->hnext;
			if (has_tag(e, tag, tl))
				entry_drop(e);
		}
	}
	pthread_rwlock_unlock(&pc.lock);
}

void
pagecache_clear(void)
{
	pthread_rwlock_wrlock(&pc.lock);
	atomic_fetch_add(&pc.gen, 1);
	while (pc.hand)
		entry_drop(pc.hand);
	pthread_rwlock_unlock(&pc.lock);
}

void
pagecache_shutdown(void)
{
	pagecache_clear();
	pthread_rwlock_wrlock(&pc.lock);
	free(pc.buckets);
	pc.buckets = NULL;
	pc.enabled = false;
	pthread_rwlock_unlock(&pc.lock);
}

size_t
pagecache_bytes(void)
{
	size_t n;

	pthread_rwlock_rdlock(&pc.lock);
	n = pc.bytes;
	pthread_rwlock_unlock(&pc.lock);
	return n;
}

size_t
pagecache_count(void)
{
	size_t n;

	pthread_rwlock_rdlock(&pc.lock);
	n = pc.count;
	pthread_rwlock_unlock(&pc.lock);
	return n;
}
