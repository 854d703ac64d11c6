/* Fuzz target `reader`: reader_read_stream over the bytes (after the first) through fmemopen.
 * The first byte chooses the options: bits 0-2 the encoding (mod 5), bits 3-4 the delimiter
 * (detected, ',', ';', TAB), bit 7 makes the callback stop with an error at the third record.
 *
 * Built with FUZZ_READER_BOUNDARY (target `boundary`, fuzz_boundary.c), the reader's 1 MiB
 * block boundary is moved into the text, which 64 KiB inputs never reach otherwise: the
 * second byte b says where, and the text (after a byte order mark it starts with, kept first)
 * is preceded by a line of spaces, in the text's encoding, so that the boundary falls b/256 of
 * the way into it. The blank line is skipped by the reader; characters, quotes and records cut
 * by the boundary are not. Each run then reads over 1 MiB, hence a target of its own. */
#include "tests/fuzz/fuzz_common.h"

#include "ingest/reader.h"

typedef struct reader_run {
    long records;
    long stop_at;   /* 0: never */
    long last_line;
} reader_run;

static int on_record(const csv_record *record, void *user, cb_error *err)
{
    reader_run *run = user;
    run->records++;
    FUZZ_CHECK(record->count >= 1 && record->count <= READER_MAX_FIELDS, "record of %zu fields",
               record->count);
    FUZZ_CHECK(record->line >= 1, "record at line %ld", record->line);
    FUZZ_CHECK(record->line >= run->last_line, "record at line %ld after one at line %ld",
               record->line, run->last_line);
    run->last_line = record->line;
    for (size_t i = 0; i < record->count; i++) {
        const csv_field *f = &record->fields[i];
        FUZZ_CHECK(f->text != NULL, "field %zu has no text", i);
        fuzz_touch(f->text, f->len);
        FUZZ_CHECK(f->text[f->len] == '\0', "field %zu (%zu bytes) is not NUL-terminated", i,
                   f->len);
        FUZZ_CHECK(f->line >= 1 && f->column >= 1, "field %zu at %ld:%ld", i, f->line, f->column);
        fuzz_touch(&f->line, sizeof f->line);
        fuzz_touch(&f->column, sizeof f->column);
    }
    if (run->stop_at > 0 && run->records == run->stop_at)
        return error_set(err, "fuzz", record->line, 1, "stopped by the harness");
    return 0;
}

#ifdef FUZZ_READER_BOUNDARY
/* The text with a blank line inserted after its byte order mark (if any) so that the reader's
 * first block ends `where`/256 of the way into the rest. */
static char *pad_to_boundary(const uint8_t *data, size_t size, input_encoding encoding,
                             unsigned where, size_t *len)
{
    size_t bom = 0;
    int utf16 = 0; /* 1 little endian, 2 big endian */
    if (size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        bom = 3;
    else if (size >= 2 && (memcmp(data, "\xff\xfe", 2) == 0 || memcmp(data, "\xfe\xff", 2) == 0))
        bom = 2, utf16 = data[0] == 0xff ? 1 : 2;
    if (encoding == ENCODING_UTF16LE)
        utf16 = 1;
    else if (encoding == ENCODING_UTF16BE)
        utf16 = 2;
    else if (encoding != ENCODING_AUTO)
        utf16 = 0;
    size_t unit = utf16 ? 2 : 1;
    size_t into = (size - bom) * where / 256;
    size_t pad = READER_BLOCK_SIZE - bom - into;
    pad -= pad % unit;
    *len = size + pad;
    char *text = malloc(*len);
    memcpy(text, data, bom);
    /* One blank line of spaces: a single record for the reader to skip, so it is cheap. */
    for (size_t i = 0; i < pad; i += unit) {
        char c = i + unit < pad ? ' ' : '\n';
        if (utf16 == 0)
            text[bom + i] = c;
        else {
            text[bom + i] = utf16 == 1 ? c : '\0';
            text[bom + i + 1] = utf16 == 1 ? '\0' : c;
        }
    }
    memcpy(text + bom + pad, data + bom, size - bom);
    return text;
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const input_encoding encodings[] = {ENCODING_AUTO, ENCODING_UTF8, ENCODING_UTF16LE,
                                               ENCODING_UTF16BE, ENCODING_WINDOWS_1252};
    static const char delimiters[] = {0, ',', ';', '\t'};
    reader_options options = {encodings[(data[0] & 7) % 5], delimiters[(data[0] >> 3) & 3]};
    reader_run run = {0, (data[0] & 0x80) ? 3 : 0, 0};
    size_t len;
    char *text;
#ifdef FUZZ_READER_BOUNDARY
    if (size < 2)
        return 0;
    text = pad_to_boundary(data + 2, size - 2, options.encoding, data[1], &len);
#else
    /* A copy, so that reading past the input shows up as a heap overflow. */
    len = size - 1;
    text = malloc(len ? len : 1);
    if (len)
        memcpy(text, data + 1, len);
#endif
    FILE *in = fmemopen(text, len, "rb");
    if (in == NULL) { /* glibc before 2.22 refuses an empty buffer */
        free(text);
        return 0;
    }
    reader_summary summary;
    cb_error err;
    memset(&err, 0, sizeof err);
    int rc = reader_read_stream(in, "fuzz.csv", &options, on_record, &run, &summary, &err);
    fclose(in);
    free(text);
    if (rc == 0) {
        FUZZ_CHECK(summary.records == run.records, "summary says %ld records, callback saw %ld",
                   summary.records, run.records);
        FUZZ_CHECK(summary.bytes == len, "summary says %llu bytes of %zu", summary.bytes, len);
        FUZZ_CHECK(strlen(summary.sha256) == 64, "sha256 \"%s\"", summary.sha256);
        FUZZ_CHECK(run.stop_at == 0 || run.records < run.stop_at, "stopped reading went on");
        FUZZ_CHECK(options.delimiter == 0 || summary.delimiter == options.delimiter,
                   "asked for delimiter %d, read with %d", options.delimiter, summary.delimiter);
    } else {
        fuzz_touch_string(err.message);
        fuzz_touch_string(err.file);
        FUZZ_CHECK(err.message[0] != '\0', "failure without a message");
    }
    return 0;
}
