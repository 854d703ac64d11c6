/* Work on the parts of a file on several threads, with the results taken in file order: part
 * k's work may run on any thread at any time, but its finish runs on the calling thread, after
 * the finish of every part before it. */
#ifndef CBKPI_INGEST_PARTS_H
#define CBKPI_INGEST_PARTS_H

#include <stddef.h>

/* Both return 0, or nonzero to stop (the caller keeps its own account of why). */
typedef int (*part_work_fn)(void *context, size_t part);
typedef int (*part_finish_fn)(void *context, size_t part);

/** Runs work(k) for every part k < n on up to `threads` threads (inline when 1, or when no
 *  thread can be started), and finish(k) (unless NULL) in the order of k as soon as work(k) is
 *  done. Stops
 *  at the first part, in order, whose work or finish fails: no finish runs after it, work
 *  already started is waited for. Returns 0 or that failure's value. *finished gets how many
 *  finishes returned 0. */
int parts_run(size_t n, int threads, part_work_fn work, part_finish_fn finish, void *context,
              size_t *finished);

#endif
