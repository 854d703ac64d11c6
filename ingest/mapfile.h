/* The small CSV files that tell the reader how to read a survey export (--labels, --columns):
 * a header line naming the columns, then one mapping per row. Unlike data files, a bad line
 * here is fatal: a mapping half applied would give figures nobody asked for. */
#ifndef CBKPI_INGEST_MAPFILE_H
#define CBKPI_INGEST_MAPFILE_H

#include "ingest/reader.h"
#include "util/error.h"

/* One row of a mapping file: its fields by header column, NULL where the column is absent. */
typedef struct mapfile_row {
    const csv_field *fields[3];
    const char *path;
    long line;
} mapfile_row;

/** Called per row; nonzero (with err set) stops the reading. */
typedef int (*mapfile_fn)(const mapfile_row *row, void *user, cb_error *err);

/** Reads path, whose header must name the first n_required of the columns (in any order, case
 *  and spaces ignored; the rest optional), and calls fn for each non-blank row. Returns 0, or
 *  -1 with err set. */
int mapfile_read(const char *path, const reader_options *options, const char *const columns[3],
                 int n_required, mapfile_fn fn, void *user, cb_error *err);

#endif
