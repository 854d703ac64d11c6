/* The ledger: what was read from each input file and every value or row that was left out,
 * with its position and a reason a coordinator understands. For every file it keeps
 * rows read = rows used + rows rejected. */
#ifndef CBKPI_INGEST_LEDGER_H
#define CBKPI_INGEST_LEDGER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Entries kept in full; beyond this only the counts grow, so memory stays bounded. */
#define LEDGER_MAX_ENTRIES 100000

typedef struct ledger_file {
    char *path;
    const char *kind;          /* "evaluations" */
    unsigned long long bytes;
    char sha256[65];
    const char *encoding;
    char delimiter;
    long rows_read;
    long rows_used;            /* valid rows, including those outside the window */
    long rows_out_of_scope;    /* valid rows dated outside the plan window or after the as-of
                                  date: used, but in no figure */
    long rows_rejected;        /* whole rows left out */
    long cells_rejected;       /* single values left out of rows that were used */
    long blank_rows;           /* rows with no value at all, skipped like blank lines */
    long hashtag_rows;         /* a second header line of HXL hashtags, skipped */
    const char *source;        /* the survey platform that exported the file, "" when none */
} ledger_file;

typedef struct ledger_entry {
    size_t file;               /* index into the ledger's files */
    long line, column;
    char *field;               /* column header as found in the file */
    char *value;               /* the raw value, cut to 200 characters */
    char *reason;
    bool whole_row;
} ledger_entry;

typedef struct ledger ledger;

/** An empty ledger. */
ledger *ledger_new(void);
/** Frees the ledger and everything it holds; NULL is allowed. */
void ledger_free(ledger *l);
/** Prints every recorded problem as "file:line:column: reason" to out as it is recorded, up to
 *  limit messages (then one line saying how many more); out NULL prints nothing. */
void ledger_set_echo(ledger *l, FILE *out, long limit);
/** Starts the accounting of a file; returns its index. */
size_t ledger_add_file(ledger *l, const char *path, const char *kind);
/** The accounting of file index i (the ledger owns it). */
ledger_file *ledger_file_at(ledger *l, size_t i);
/** Records the survey platform that exported file i (a static string) and, when problems are
 *  echoed, says "path: detected: PLATFORM export" on the echo stream. */
void ledger_set_source(ledger *l, size_t i, const char *platform);
/** Number of files. */
size_t ledger_file_count(const ledger *l);
/** Records a rejected row or value; the reason is printf-style. */
void ledger_reject(ledger *l, size_t file, long line, long column, const char *field,
                   const char *value, size_t value_len, bool whole_row, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));
/** Counts a valid row that lies outside the plan window or after the as-of date. */
void ledger_out_of_scope(ledger *l, size_t file);
/** Moves a row that was counted as used to rejected (a later duplicate supersedes it). */
void ledger_unuse_row(ledger *l, size_t file, long line, long column, const char *field,
                      const char *value, size_t value_len, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
/** Makes part (the ledger of one part of a file, with that one file) print its problems as like
 *  prints them, but into a temporary file that ledger_absorb passes on in order. When no
 *  temporary file can be made, ledger_absorb prints the part's kept entries instead. */
void ledger_spool_echo(ledger *part, const ledger *like);
/** Adds to file `file` of l everything part recorded for its file part_file (the reading of one
 *  part of the same file): the counts, and the entries in their order, echoed and capped as if
 *  they had been recorded in l. Parts absorbed in file order give what one reading gives. */
void ledger_absorb(ledger *l, size_t file, const ledger *part, size_t part_file);
/** Entries kept (at most LEDGER_MAX_ENTRIES). */
size_t ledger_entry_count(const ledger *l);
/** Problems recorded in all, kept or not. */
long ledger_problem_count(const ledger *l);
/** Entry i. */
const ledger_entry *ledger_entry_at(const ledger *l, size_t i);
/** Rows rejected and values left out, summed over every file. */
void ledger_totals(ledger *l, long *rows_rejected, long *values_left_out);
/** True when rows read = used + rejected for every file. */
bool ledger_balanced(const ledger *l);

#endif
