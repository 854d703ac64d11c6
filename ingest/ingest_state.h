/* Inside the ingest stage: the state of one reading of a file (the whole file, or one part of a
 * large file read at the same time as others), shared by ingest.c, which reads rows, and
 * ingest_parts.c, which reads a large file in parts. Not for use outside ingest/. */
#ifndef CBKPI_INGEST_INGEST_STATE_H
#define CBKPI_INGEST_INGEST_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ingest/ingest.h"
#include "ingest/platform.h"
#include "ingest/repeats.h"
#include "ingest/split.h"

/* A value left out of the current row; it reaches the ledger only if the row is used. */
typedef struct pending_reject {
    size_t file_column;
    char reason[256];
} pending_reject;

/* One file column that holds a value to type, in the order rows are typed: the columns whose
 * bad value rejects the row first, then those whose bad value costs only itself. */
typedef struct column_fill {
    size_t file_column;
    int code;                /* as column_of */
    const column_spec *spec; /* NULL: a column without a name, whose values count nowhere */
} column_fill;

/* Everything known about one file while its rows stream by. */
typedef struct ingest_state {
    const schema *schema;
    const ingest_options *options;
    const ingest_handler *handler;
    ledger *ledger;
    size_t file;
    bool have_header;
    size_t n_file_columns;
    int *column_of;          /* per file column: schema column, IGNORED, or -(2 + extra) */
    column_fill *fills;      /* the columns that hold a value, in the order they are typed */
    size_t n_fills;
    char **labels;           /* per file column: header text as found, trimmed */
    char **item_labels;      /* per file column: an item's label where it differs from the header */
    platform_id platform;    /* the survey platform the file was exported from */
    long timestamp_column;   /* file column of the platform's submission time, -1 when none */
    int constant_column;     /* schema column given for every row by --workshop-id, -1 when none */
    long long constant_index;
    bool hashtags_checked;   /* the row after the header was looked at for HXL hashtags */
    const char **column_labels; /* per schema column: its header as found, "" when absent */
    int *file_column;        /* per schema column: its file column, -1 when absent */
    pending_reject *pending; /* value-level problems of the current row, recorded if it is used */
    size_t n_pending;
    ingest_header header;
    const char **extra_labels;
    long *extra_columns;
    cell *cells;
    cell *extras;
    /* The schema's unique key. One reading of the whole file keeps every key in keys (with
     * the line of its first row); a part logs them to key_log instead, and a second reading of
     * the part is told which of its rows repeat an earlier key. */
    keyset *keys;
    long *key_lines;
    size_t key_lines_cap;
    key_log *key_log;
    const key_repeat *repeats; /* sorted by line */
    size_t n_repeats, next_repeat;
    bool borrowed;           /* a part: the header's tables belong to the first reading */
    char row_key[KEY_LOG_KEY_MAX]; /* the current row's unique key (columns joined by \x1f) */
    size_t row_key_len;      /* 0: the row has none */
    uint64_t row_key_hash;
} ingest_state;

/** The reader's callback: the header line first, then each row, typed, checked, and handed to
 *  the handler or recorded in the ledger. */
int ingest_on_record(const csv_record *rec, void *user, cb_error *err);

/** Frees what the reading owns (of a part: its row state and keys, not the header's tables). */
void ingest_state_free(ingest_state *st);

/** Reads the header line (parts[0]) into st, then the parts after it on several threads, each
 *  into its own copy of st and its own accumulator, logging their unique keys; finds the rows
 *  that repeat an earlier row's key and reads the parts that hold ones they did not already
 *  leave out a second time; merges the parts into st in file order. Returns 0, -1 with err
 *  set, or 1 when the header line held no header (blank values only): the caller reads the
 *  file in one pass instead. */
int ingest_read_in_parts(ingest_state *st, const char *path, const file_part *parts,
                         size_t n_parts, reader_summary *summary, cb_error *err);

#endif
