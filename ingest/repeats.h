/* Finding the rows of a large file that repeat a unique key, in memory that does not grow with
 * the rows. While the parts of the file are read at the same time, each part logs the unique
 * key of every row that reached the key check, with the row's line, whether it was used and
 * whether the part already left it out as a repeat (of a row in a window of recent keys),
 * into a key log: a temporary file of sorted runs, only one run of which is in memory at a
 * time. Once every part is read, a merge of all the runs meets equal keys one after the other,
 * the earliest line first, and so finds every row whose key a USED row on an earlier line
 * already has: the rows one reading of the file would leave out as repeats. Keys are compared
 * byte for byte; their hash only orders them. */
#ifndef CBKPI_INGEST_REPEATS_H
#define CBKPI_INGEST_REPEATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/* The longest key a log takes; a longer one is logged cut to this length (and hashed again). */
#define KEY_LOG_KEY_MAX 1024
/* How many runs one merge reads at a time; more are first merged into longer runs. Runs of
 * 32,768 rows (keys of up to 16 bytes, such as "W0147\x1fR1234567") make a file of up to
 * 30 million rows merge in one pass; longer keys make shorter runs. */
#define KEY_LOG_FAN_IN 1024
/* The read buffers of one merge share this much memory: a run gets from 4 KiB (1,024 runs) to
 * 16 KiB (256 runs or fewer). */
#define KEY_LOG_MERGE_BYTES ((size_t)4 << 20)
/* A run is written when it holds this many rows, or the next key would take its keys' bytes
 * past KEY_LOG_RUN_TEXT: the memory of a log being written (about 2 MiB). */
#define KEY_LOG_RUN_ENTRIES ((size_t)32768)
#define KEY_LOG_RUN_TEXT ((size_t)512 * 1024)

typedef struct key_log key_log;

/* What a part knows of a row that reached the key check. */
typedef struct logged_row {
    uint64_t hash;      /* keyset_hash of the key */
    long line;
    bool used;          /* the handler used the row */
    long left_out_as;   /* the part already left it out as a repeat of this line; 0: did not */
} logged_row;

/* A row that repeats the key of the used row on first_line; already_left_out when its part
 * left it out as a repeat of that very line (a part only needs reading again for the others). */
typedef struct key_repeat {
    long line;
    long first_line;
    bool already_left_out;
} key_repeat;

/** Returns an empty log (its temporary file is made when the first run is written). */
key_log *key_log_new(void);
/** Frees the log and closes its file; NULL is allowed. */
void key_log_free(key_log *log);
/** Logs a row and its key. Lines must differ between the rows of all the logs merged together.
 *  Returns 0, or -1 with err set when the temporary file cannot be written (the log then
 *  refuses everything). */
int key_log_add(key_log *log, const logged_row *row, const char *key, size_t len,
                cb_error *err);
/** Writes what is still in memory to the file and frees the memory of the run. Returns 0, or
 *  -1 with err set when the log is incomplete: it must not be merged then. */
int key_log_close(key_log *log, cb_error *err);

/** Merges closed logs and gives, in *repeats (sorted by line, malloc'ed, NULL when none) and
 *  *n_repeats, every logged row (used or not) whose key was logged for a used row on an
 *  earlier line, with the earliest such line. The key space is merged in slices on up to
 *  `threads` threads, at most fan_in runs at a time (0: KEY_LOG_FAN_IN; at least 2).
 *  Memory: KEY_LOG_MERGE_BYTES of buffers on each thread (with a fan_in above 1,024, 4 KiB
 *  a run). Returns 0, or -1 with err set when a temporary file cannot be read or written. */
int key_repeats_find(key_log *const *logs, size_t n_logs, int threads, size_t fan_in,
                     key_repeat **repeats, size_t *n_repeats, cb_error *err);

#endif
