/*
 * Internals of media.c shared with its tests only.
 */
#ifndef TTDT_MEDIA_INT_H
#define TTDT_MEDIA_INT_H

/* Fault injection for tests: when set to n > 0, the n-th file write from
 * then on fails as if the disk returned EIO (and the counter stops).
 * Not thread-safe; never set outside tests. */
extern unsigned media_fault_write;

#endif
