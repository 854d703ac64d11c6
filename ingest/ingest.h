/* The ingest stage: bytes of an input file -> typed rows checked against the kind's column
 * table, plus a ledger of everything left out. Consumers (validate, the jobs) get one typed
 * row at a time and keep only what they aggregate. */
#ifndef CBKPI_INGEST_INGEST_H
#define CBKPI_INGEST_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest/columns.h"
#include "ingest/decode.h"
#include "ingest/labels.h"
#include "ingest/fields.h"
#include "ingest/ledger.h"
#include "ingest/reader.h"
#include "ingest/schema.h"
#include "util/date.h"
#include "util/error.h"
#include "util/keyset.h"

typedef enum cell_state { CELL_EMPTY, CELL_OK, CELL_REJECTED } cell_state;

typedef struct cell {
    cell_state state;   /* EMPTY: no answer or the column is absent */
    const char *text;   /* trimmed text as read (valid during the row callback) */
    size_t len;
    long long integer;  /* integer, count, rating, boolean 0/1, date in days, choice index,
                           member or workshop index (-1 when not checked) */
    double number;      /* VT_NUMBER */
    long line, column;
} cell;

typedef struct ingest_header {
    const schema *schema;
    const char *path;
    ledger *ledger;
    size_t file;                      /* the file's index in the ledger */
    const char *const *column_labels; /* per schema column: its header as found ("" if absent) */
    size_t n_extras;
    const char *const *extra_labels;  /* headers of the rating items or topics, trimmed */
    const long *extra_columns;        /* their column numbers in the header line */
    long line;
} ingest_header;

typedef struct typed_row {
    const ingest_header *header;
    long line;
    const cell *cells;   /* one per schema column */
    const cell *extras;  /* one per rating item or topic */
} typed_row;

/* A file of at least two parts of this size is read in parts at the same time (at most
 * INGEST_MAX_PARTS parts after its header line). Many more parts than cores let the cores
 * finish together (with 8 parts on 2 cores, one core sat idle for up to an eighth of a 20M-row
 * file); each part read keeps its accumulator and ledger until the merge, so not more. */
#define INGEST_PART_BYTES ((unsigned long long)4 << 20)
#define INGEST_MAX_PARTS 16
/* A part remembers the unique keys of this many recent rows (some 40 KiB, in the processor's
 * cache: a window of 16,384 took a sixth more time at 20M rows), so that a row repeating one
 * of them (a questionnaire sent twice, minutes apart) is left out at once; a row repeating an
 * older key, or one in an earlier part, makes the part be read a second time. */
#define INGEST_KEY_WINDOW ((size_t)1024)
#define INGEST_MAX_THREADS 8

typedef struct ingest_options {
    reader_options reader;
    int scale_min, scale_max;    /* VT_RATING values; 1-5 unless told */
    const keyset *members;       /* upper-case member codes; NULL: codes are not checked */
    const keyset *workshops;     /* workshop ids; NULL: not checked */
    const keyset *member_names;  /* upper-case Member names and aliases; NULL: codes only */
    const size_t *member_of_name;/* per member_names entry: the member, SIZE_MAX if several */
    date_order date_order;       /* how timestamps A/B/YYYY are read (--date-order) */
    const label_set *labels;     /* answer labels of --labels; NULL: the built-in sets only */
    const column_map *columns;   /* roles of source headers (--columns); NULL: none */
    const char *workshop_id;     /* --workshop-id: the workshop of every questionnaire */
    int threads;                 /* threads reading parts; 0: one per core, up to
                                    INGEST_MAX_THREADS. The results never depend on it. */
    unsigned long long part_bytes; /* 0: INGEST_PART_BYTES */
    size_t key_window;             /* 0: INGEST_KEY_WINDOW */
} ingest_options;

enum { ROW_USED = 0, ROW_REJECTED = 1 };

typedef struct ingest_handler {
    /* Optional: called once after the header is matched; nonzero stops with err. */
    int (*on_header)(const ingest_header *header, void *user, cb_error *err);
    /* Called per valid row: return ROW_USED, or ROW_REJECTED after recording the reason with
     * ledger_reject(header->ledger, header->file, ..., true, ...). */
    int (*on_row)(const typed_row *row, void *user);
    void *user;
    /* Optional, to read a large file in parts at the same time. part_new gives an empty
     * accumulator like user's; it is called after on_header, from any thread, and must only
     * read user. on_row then receives it in place of user for the rows of one part.
     * part_merge adds a part's accumulator to user (parts come in file order, on the thread
     * that called ingest_file; nonzero stops with err), part_free releases one. Without them
     * (and with a handler) the file is read in one pass. */
    void *(*part_new)(void *user);
    int (*part_merge)(void *user, void *part, cb_error *err);
    void (*part_free)(void *part);
} ingest_handler;

/** Options with the defaults: automatic encoding and delimiter, scale 1-5, nothing checked. */
ingest_options ingest_default_options(void);

/** Reads path as an input of the given kind, feeding valid rows to handler (may be NULL) and
 *  recording the file's accounting and every rejected row or value in the ledger.
 *  Returns 0, or -1 with err set when the file cannot be used at all. */
int ingest_file(const char *path, input_kind kind, const ingest_options *options,
                const ingest_handler *handler, ledger *ledger, cb_error *err);

/** As ingest_file, for text held in memory (len bytes at data) and named `name` in messages. */
int ingest_memory(const char *name, const char *data, size_t len, input_kind kind,
                  const ingest_options *options, const ingest_handler *handler, ledger *ledger,
                  cb_error *err);

/** Splits a list of member codes (separated by spaces or commas), storing up to cap registry
 *  indexes in out (may be NULL). Returns how many codes there are, or -1 with the first code
 *  not in members copied to unknown. members NULL: codes are not checked (indexes are 0). */
long long ingest_member_list(const char *text, size_t len, const keyset *members, size_t *out,
                             size_t cap, char *unknown, size_t unknown_cap);

/** Writes the upper-case form of a member code (registries are kept upper case). */
void ingest_member_key(const char *text, size_t len, char *out, size_t cap);

#endif
