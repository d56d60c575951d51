/*
 * The server's background thread (background.c): mail every minute, the
 * daily job every hour if due.
 */
#ifndef TTDT_BACKGROUND_H
#define TTDT_BACKGROUND_H

#include "store.h"

/* Runs the daily job now if no node has run it today (logged). */
void background_daily(struct store *s);
/* Starts the thread over s; on failure logs and carries on without. */
void background_start(struct store *s);
/* Wakes the thread and waits for the step in progress. */
void background_stop(void);

#endif
