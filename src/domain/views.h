/*
 * Usage statistics (Decree 42/2022: automatic usage statistics, no
 * third-party tracker): views per item and per section per day, counted
 * in memory and flushed to the store in batches by a background thread,
 * never one write per view.
 */
#ifndef TTDT_VIEWS_H
#define TTDT_VIEWS_H

#include "store.h"

/* Starts the flusher: every interval seconds, and at views_stop. */
void views_start(struct store *s, unsigned interval);
/* Counts one view (thread-safe, lock held for a few instructions). */
void views_count(int64_t item_id, int64_t category_id);
/* Flushes what is pending now (tests, shutdown). */
void views_flush(void);
void views_stop(void);

#endif
