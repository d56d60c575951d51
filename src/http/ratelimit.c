/*
 * A per-address token bucket for 429 answers: each address earns rate
 * tokens a second up to burst, and every request spends one.  Buckets
 * live in a fixed table indexed by a hash of the address (a collision
 * just shares a bucket, or takes it over when it is stale), so memory
 * is bounded whatever the number of clients.  Off when rate is 0.
 */
#include "common.h"

#include "http_int.h"
#include "xalloc.h"

#define RL_SLOTS 8192
#define RL_LOCKS 64

struct rl_slot {
	char addr[48];
	double tokens;
	double last; /* seconds, monotonic */
};

static struct {
	unsigned rate, burst;
	struct rl_slot *slots;
	pthread_mutex_t locks[RL_LOCKS];
} rl;

void
ratelimit_init(unsigned rate, unsigned burst)
{
	size_t i;

	ratelimit_shutdown();
	rl.rate = rate;
	rl.burst = burst ? burst : rate * 2;
	if (!rate)
		return;
	rl.slots = xcalloc(RL_SLOTS, sizeof(*rl.slots));
	for (i = 0; i < RL_LOCKS; i++)
		pthread_mutex_init(&rl.locks[i], NULL);
}

void
ratelimit_shutdown(void)
{
	size_t i;

	if (!rl.slots)
		return;
	for (i = 0; i < RL_LOCKS; i++)
		pthread_mutex_destroy(&rl.locks[i]);
	free(rl.slots);
	rl.slots = NULL;
	rl.rate = 0;
}

bool
ratelimit_allow(const char *addr)
{
	struct timespec ts;
	struct rl_slot *s;
	size_t h;
	double now;
	bool ok;

	if (!rl.rate || !rl.slots)
		return true;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	h = (size_t)http_hash(addr, strlen(addr));
	s = &rl.slots[h % RL_SLOTS];
	pthread_mutex_lock(&rl.locks[h % RL_LOCKS]);
	s->tokens += (now - s->last) * rl.rate;
	if (s->tokens >= rl.burst) {
		/* Full again: whoever used the slot is gone, and a new
		 * address may take it over.  A busy bucket is shared
		 * instead: resetting it on every collision would let two
		 * colliding addresses take turns and never be limited. */
		s->tokens = rl.burst;
		if (strcmp(s->addr, addr) != 0)
			snprintf(s->addr, sizeof(s->addr), "%s", addr);
	}
	s->last = now;
	ok = s->tokens >= 1.0;
	if (ok)
		s->tokens -= 1.0;
	pthread_mutex_unlock(&rl.locks[h % RL_LOCKS]);
	return ok;
}
