#include "ingest/reader.h"

#include <csv.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/scan.h"
#include "util/alloc.h"
#include "util/hasher.h"

/* libcsv is fed in pieces of this size so that the scanner's queue of field starts stays small. */
#define PIECE_SIZE ((size_t)64 << 10)
#define PROGRESS_MIN_BYTES (64LL << 20)

typedef struct pending_field {
    size_t offset; /* into the record's text buffer */
    size_t len;
    field_position where;
} pending_field;

/* Which bytes of the input a read covers and what it does besides parsing. */
typedef struct read_span {
    unsigned long long length;         /* bytes to read at most (ULLONG_MAX: to the end) */
    long first_line;                   /* line number of the first byte */
    bool hash;                         /* fingerprint the bytes (whole files only) */
    unsigned long long progress_total; /* file size when progress is shown, else 0 */
} read_span;

typedef struct read_state {
    const char *name;
    scanner scan;
    char *text;            /* the current record's field texts, each NUL-terminated */
    size_t text_len, text_cap;
    pending_field *pending;
    size_t n_pending;
    csv_field *fields;     /* views handed to the caller */
    record_fn on_record;
    void *user;
    reader_summary *summary;
    cb_error *err;
    bool failed;
} read_state;

static void on_field(void *data, size_t len, void *ctx)
{
    read_state *st = ctx;
    if (st->failed)
        return;
    field_position where = scanner_take_start(&st->scan);
    if (st->n_pending == READER_MAX_FIELDS) {
        st->failed = true;
        error_set(st->err, st->name, where.line, where.column,
                  "more than %d columns in one row: this is not a survey CSV file, or its "
                  "delimiter was not recognised (try --delimiter)", READER_MAX_FIELDS);
        return;
    }
    if (st->text_len + len + 1 > st->text_cap) {
        st->text_cap = (st->text_len + len + 1) * 2;
        st->text = mem_realloc(st->text, st->text_cap);
    }
    if (len > 0)
        memcpy(st->text + st->text_len, data, len);
    st->text[st->text_len + len] = '\0';
    st->pending[st->n_pending++] = (pending_field){st->text_len, len, where};
    st->text_len += len + 1;
}

static bool record_is_blank(const read_state *st)
{
    for (size_t i = 0; i < st->n_pending; i++)
        if (st->pending[i].len > 0)
            return false;
    return true;
}

static void on_record_end(int terminator, void *ctx)
{
    (void)terminator;
    read_state *st = ctx;
    if (st->failed || st->n_pending == 0)
        goto reset;
    if (record_is_blank(st)) {
        st->summary->blank_records++;
        goto reset;
    }
    for (size_t i = 0; i < st->n_pending; i++) {
        const pending_field *f = &st->pending[i];
        st->fields[i] = (csv_field){st->text + f->offset, f->len, f->where.line, f->where.column};
    }
    csv_record record = {st->fields, st->n_pending, st->fields[0].line};
    st->summary->records++;
    if (st->on_record(&record, st->user, st->err) != 0)
        st->failed = true;
reset:
    st->n_pending = 0;
    st->text_len = 0;
}

/* Where the first line that holds more than spaces and tabs begins. */
static size_t first_non_blank_line(const char *text, size_t len)
{
    size_t line_start = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\n' || c == '\r')
            line_start = i + 1;
        else if (c != ' ' && c != '\t')
            return line_start;
    }
    return len;
}

char reader_detect_delimiter(const char *text, size_t len)
{
    size_t comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (size_t i = first_non_blank_line(text, len); i < len; i++) {
        char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == '\n' || c == '\r')
            break;
        else if (c == ',')
            comma++;
        else if (c == ';')
            semicolon++;
        else if (c == '\t')
            tab++;
    }
    if (semicolon > comma && semicolon >= tab)
        return ';';
    if (tab > comma && tab > semicolon)
        return '\t';
    return ',';
}

const char *reader_delimiter_name(char delimiter)
{
    switch (delimiter) {
    case ';': return "semicolon";
    case '\t': return "tab";
    case ',': return "comma";
    default: return "custom";
    }
}

/* Feeds one piece of decoded text to the scanner, then to libcsv. */
static int feed_piece(read_state *st, struct csv_parser *parser, const char *text, size_t len)
{
    if (scanner_feed(&st->scan, text, len, st->err) != 0)
        return -1;
    size_t done = csv_parse(parser, text, len, on_field, on_record_end, st);
    if (st->failed)
        return -1;
    if (done != len)
        return error_set(st->err, st->name, st->scan.line, st->scan.column,
                         "cannot parse the file: %s", csv_strerror(csv_error(parser)));
    scanner_compact(&st->scan);
    return 0;
}

static int feed_text(read_state *st, struct csv_parser *parser, const char *text, size_t len)
{
    for (size_t at = 0; at < len; at += PIECE_SIZE) {
        size_t n = len - at < PIECE_SIZE ? len - at : PIECE_SIZE;
        if (feed_piece(st, parser, text + at, n) != 0)
            return -1;
    }
    return 0;
}

void reader_show_progress(const char *name, unsigned long long done, unsigned long long total)
{
    if (total == 0)
        return;
    const char *base = strrchr(name, '/');
    fprintf(stderr, "\rreading %s %3llu%%", base ? base + 1 : name,
            done >= total ? 100ULL : done * 100ULL / total);
    if (done >= total)
        fprintf(stderr, "\r%*s\r", (int)strlen(base ? base + 1 : name) + 14, "");
}

/* Blocks alternate between two buffers: one is hashed on the other core while the next is
 * read into the other (hasher_submit waits for the previous block before taking a new one). */
static int read_all(FILE *in, read_state *st, const reader_options *options,
                    struct csv_parser *parser, decoder *dec, unsigned char *blocks[2],
                    hasher *hash, const read_span *span)
{
    bool configured = false;
    unsigned long long left = span->length;
    for (int turn = 0;; turn ^= 1) {
        unsigned char *block = blocks[turn];
        size_t want = left < READER_BLOCK_SIZE ? (size_t)left : READER_BLOCK_SIZE;
        size_t n = fread(block, 1, want, in);
        left -= n;
        if (n == 0 && ferror(in))
            return error_set(st->err, st->name, 0, 0, "cannot read the file: %s", strerror(errno));
        bool at_end = n == 0;
        if (hash != NULL)
            hasher_submit(hash, block, n);
        st->summary->bytes += n;
        reader_show_progress(st->name, at_end ? span->progress_total : st->summary->bytes,
                      span->progress_total);
        const char *text;
        size_t text_len;
        decoder_convert(dec, block, n, at_end, &text, &text_len);
        if (!configured && (text_len > 0 || at_end)) {
            char delimiter = options->delimiter ? options->delimiter
                                                : reader_detect_delimiter(text, text_len);
            st->summary->delimiter = delimiter;
            st->summary->encoding = dec->encoding;
            scanner_init(&st->scan, st->name, delimiter);
            st->scan.line = span->first_line;
            csv_set_delim(parser, (unsigned char)delimiter);
            configured = true;
        }
        if (feed_text(st, parser, text, text_len) != 0)
            return -1;
        if (at_end)
            break;
    }
    if (scanner_finish(&st->scan, st->err) != 0)
        return -1;
    if (csv_fini(parser, on_field, on_record_end, st) != 0)
        return error_set(st->err, st->name, st->scan.line, st->scan.column,
                         "cannot parse the end of the file: %s", csv_strerror(csv_error(parser)));
    return st->failed ? -1 : 0;
}

static int read_stream(FILE *in, const char *name, const reader_options *options,
                       record_fn on_record, void *user, reader_summary *summary, cb_error *err,
                       const read_span *span)
{
    static const reader_options defaults = {ENCODING_AUTO, 0};
    reader_summary local;
    if (summary == NULL)
        summary = &local;
    memset(summary, 0, sizeof *summary);
    if (options == NULL)
        options = &defaults;

    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return error_set(err, name, 0, 0, "cannot start the CSV parser: out of memory");
    csv_set_blk_size(&parser, 64 << 10); /* long fields grow in steps of 64 KiB, not 128 bytes */
    read_state st = {.name = name, .on_record = on_record, .user = user, .summary = summary,
                     .err = err};
    scanner_init(&st.scan, name, ',');
    st.pending = mem_alloc(READER_MAX_FIELDS * sizeof *st.pending);
    st.fields = mem_alloc(READER_MAX_FIELDS * sizeof *st.fields);
    decoder dec;
    decoder_init(&dec, options->encoding);
    unsigned char *blocks[2] = {mem_alloc(READER_BLOCK_SIZE), mem_alloc(READER_BLOCK_SIZE)};
    hasher *hash = span->hash ? hasher_start() : NULL;

    int rc = read_all(in, &st, options, &parser, &dec, blocks, hash, span);
    if (hash != NULL)
        hasher_finish(hash, summary->sha256);
    if (rc != 0) {
        /* The error already reported is the first one; flushing the half-read field with no
         * callbacks only releases the parser's state, so its own verdict adds nothing. */
        if (csv_fini(&parser, NULL, NULL, NULL) != 0)
            rc = -1;
    }
    csv_free(&parser);
    free(blocks[0]);
    free(blocks[1]);
    decoder_free(&dec);
    scanner_free(&st.scan);
    free(st.pending);
    free(st.fields);
    free(st.text);
    return rc;
}

int reader_read_stream(FILE *in, const char *name, const reader_options *options,
                       record_fn on_record, void *user, reader_summary *summary, cb_error *err)
{
    read_span whole = {ULLONG_MAX, 1, true, 0};
    return read_stream(in, name, options, on_record, user, summary, err, &whole);
}

/* Opens path, checks it is a file, and reads the span of it that starts at offset. */
static int read_file_span(const char *path, const reader_options *options, record_fn on_record,
                          void *user, reader_summary *summary, cb_error *err,
                          unsigned long long offset, read_span *span)
{
    struct stat info;
    if (stat(path, &info) != 0)
        return error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
    if (S_ISDIR(info.st_mode))
        return error_set(err, path, 0, 0, "is a folder, not a CSV file");
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
    /* Only a person at a terminal waiting for a large file sees progress; pipes stay quiet. */
    if (span->hash)
        span->progress_total = reader_progress_total(path);
    int rc = offset > 0 && fseeko(in, (off_t)offset, SEEK_SET) != 0
                 ? error_set(err, path, 0, 0, "cannot read: %s", strerror(errno))
                 : read_stream(in, path, options, on_record, user, summary, err, span);
    if (fclose(in) != 0 && rc == 0)
        rc = error_set(err, path, 0, 0, "cannot close: %s", strerror(errno));
    return rc;
}

unsigned long long reader_progress_total(const char *path)
{
    struct stat info;
    if (!isatty(STDERR_FILENO) || stat(path, &info) != 0 || info.st_size < PROGRESS_MIN_BYTES)
        return 0;
    return (unsigned long long)info.st_size;
}

int reader_read_file(const char *path, const reader_options *options, record_fn on_record,
                     void *user, reader_summary *summary, cb_error *err)
{
    read_span whole = {ULLONG_MAX, 1, true, 0};
    return read_file_span(path, options, on_record, user, summary, err, 0, &whole);
}

int reader_read_part(const char *path, unsigned long long offset, unsigned long long length,
                     long first_line, const reader_options *options, record_fn on_record,
                     void *user, reader_summary *summary, cb_error *err)
{
    read_span part = {length, first_line, false, 0};
    return read_file_span(path, options, on_record, user, summary, err, offset, &part);
}
