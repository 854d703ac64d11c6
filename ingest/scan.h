/* Walks the UTF-8 text of a CSV file alongside libcsv, knowing what libcsv does not: the line
 * and column (in characters, as an editor shows them) where every field starts. It also
 * validates UTF-8 and catches the malformed quoting that libcsv's strict mode would refuse,
 * naming the exact position. It follows libcsv's grammar (default space trimming) byte for byte,
 * so the n-th field start it records is the n-th field libcsv reports. */
#ifndef CBKPI_INGEST_SCAN_H
#define CBKPI_INGEST_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/* A field longer than this is refused: it is almost always a quote left open, and holding
 * it would make memory grow with the file. */
#define SCAN_FIELD_MAX ((size_t)1 << 20)

typedef struct field_position {
    long line;
    long column;
} field_position;

typedef struct scanner {
    const char *file;
    char delimiter;
    long line, column;         /* position of the next character */
    bool after_cr;
    int utf8_need;             /* continuation bytes still expected */
    unsigned char utf8_lo, utf8_hi, utf8_lead;
    long utf8_line, utf8_column;
    int state;
    bool quoted;
    bool spaces_after_quote;
    long quote_line, quote_column;
    size_t field_bytes;
    field_position *starts;    /* queue of field starts not yet claimed by libcsv's callbacks */
    size_t head, count, cap;
    bool stops[2][256];        /* [quoted][byte]: a byte that may end or check a field's text */
} scanner;

/** Prepares a scanner for a file (the name is used in messages) with the given delimiter. */
void scanner_init(scanner *s, const char *file, char delimiter);
/** Frees the scanner's queue. */
void scanner_free(scanner *s);
/** Scans the next piece of text, queueing the start of every field that begins in it.
 *  Returns 0, or -1 with err set on invalid UTF-8, a NUL byte, a stray quote, or an
 *  over-long field. */
int scanner_feed(scanner *s, const char *text, size_t len, cb_error *err);
/** Checks the end of the file: an unclosed quote or a cut UTF-8 character is an error. A row
 *  that ends in a delimiter there gets the start of its empty last field, as libcsv reports one. */
int scanner_finish(scanner *s, cb_error *err);
/** Takes the oldest queued field start (the one libcsv has just completed). */
static inline field_position scanner_take_start(scanner *s)
{
    if (s->count == 0) /* cannot happen while the grammars agree; keep a sane answer */
        return (field_position){s->line, s->column};
    s->count--;
    return s->starts[s->head++];
}
/** Drops consumed queue entries so that the queue's memory stays bounded by one piece. */
void scanner_compact(scanner *s);

#endif
