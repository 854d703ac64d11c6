/* The one CSV reader every input kind goes through: streams a file in 1 MiB blocks through
 * the decoder, the position scanner and libcsv, and hands over one record at a time with the
 * line and column of each field. Memory is bounded by the longest record, never the file. */
#ifndef CBKPI_INGEST_READER_H
#define CBKPI_INGEST_READER_H

#include <stdio.h>

#include "ingest/decode.h"
#include "util/error.h"

#define READER_BLOCK_SIZE ((size_t)1 << 20)
#define READER_MAX_FIELDS 4096

typedef struct csv_field {
    const char *text;  /* unescaped, NUL-terminated; spaces around unquoted values trimmed */
    size_t len;
    long line;         /* where the field starts in the file, as an editor shows it */
    long column;
} csv_field;

typedef struct csv_record {
    const csv_field *fields;
    size_t count;
    long line;         /* line of the first field */
} csv_record;

typedef struct reader_options {
    input_encoding encoding; /* ENCODING_AUTO unless the user said otherwise */
    char delimiter;          /* 0: detect from the header line */
} reader_options;

typedef struct reader_summary {
    unsigned long long bytes;
    char sha256[65];
    input_encoding encoding;
    char delimiter;
    long records;        /* non-blank records, header included */
    long blank_records;  /* records whose every field is empty, skipped */
} reader_summary;

/** Called once per non-blank record, the header first; the record is valid only during the
 *  call. Returning nonzero (with err set) stops the reading with that error. */
typedef int (*record_fn)(const csv_record *record, void *user, cb_error *err);

/** Reads the CSV text of `in` (named `name` in messages) and calls on_record for each record.
 *  Returns 0, or -1 with err set to a fatal problem with its position. summary may be NULL. */
int reader_read_stream(FILE *in, const char *name, const reader_options *options,
                       record_fn on_record, void *user, reader_summary *summary, cb_error *err);

/** Opens path and reads it as reader_read_stream does; a missing file or a folder is an error. */
int reader_read_file(const char *path, const reader_options *options, record_fn on_record,
                     void *user, reader_summary *summary, cb_error *err);

/** Reads `length` bytes of path from byte `offset` (a record boundary), numbering lines from
 *  first_line, as reader_read_file does but without fingerprinting them: the reading of one part
 *  of a file split for parallel parsing. options must name the delimiter; summary->bytes,
 *  records and blank_records cover the part only. */
int reader_read_part(const char *path, unsigned long long offset, unsigned long long length,
                     long first_line, const reader_options *options, record_fn on_record,
                     void *user, reader_summary *summary, cb_error *err);

/** The size of path when a person at a terminal should see the progress of reading it (a file
 *  of 64 MiB or more, stderr a terminal), else 0. */
unsigned long long reader_progress_total(const char *path);

/** Shows "reading NAME  42%" on stderr (done of total bytes), and clears it once done reaches
 *  total; nothing when total is 0. */
void reader_show_progress(const char *name, unsigned long long done, unsigned long long total);

/** The delimiter among , ; TAB that occurs most often outside quotes in the first non-blank
 *  line of text (',' when none does). */
char reader_detect_delimiter(const char *text, size_t len);

/** A readable name for a delimiter ("comma", "semicolon", "tab"). */
const char *reader_delimiter_name(char delimiter);

#endif
