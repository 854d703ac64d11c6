/* Splitting a large CSV file into parts that can be parsed at the same time. Every part starts
 * at a record boundary: just after a line feed that lies outside double quotes (or, for the first
 * part after the header line, a lone CR that ends that line), which a quick
 * count of the quotes before it tells (a quote inside a quoted value is doubled, so the count
 * stays even outside values). Where the parts start depends only on the file and the part
 * size, never on how many threads read them, so results are the same for any thread count. */
#ifndef CBKPI_INGEST_SPLIT_H
#define CBKPI_INGEST_SPLIT_H

#include <stddef.h>

#include "util/error.h"

typedef struct file_part {
    unsigned long long offset;  /* first byte */
    unsigned long long length;  /* bytes; the last part runs to the end of the file */
    long first_line;            /* line number of the first byte, as an editor counts lines */
} file_part;

/** Plans the parts of path: parts[0] is the header line (with any blank lines before it), then
 *  about one part per part_bytes of the file, at most max_parts, each starting at a record
 *  boundary. Writes them to parts (room for max_parts + 1) and returns how many there are,
 *  header included: 1 (the whole file) when the file is too small to split, has no boundary
 *  where one is needed, or is UTF-16 (which only a sequential decoder reads). Returns -1 with
 *  err set when the file cannot be read. */
long split_plan(const char *path, unsigned long long part_bytes, size_t max_parts,
                file_part *parts, cb_error *err);

/** The same plan for text held in memory. */
long split_plan_text(const char *text, size_t len, unsigned long long part_bytes,
                     size_t max_parts, file_part *parts);

#endif
