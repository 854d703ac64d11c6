/* Unit tests of the CSV reader (ingest/reader.h): a table of inputs with the records, field
 * positions, encodings and fatal errors the reader must produce. Each row of the table is run
 * by its own Test (Criterion runs every test in its own process), through check_case().
 *
 * Expected records are written compactly: fields joined by '|', records by '\n'; inside a
 * field a backslash, '|', newline, CR and TAB are written \\ \| \n \r \t. */
#include <criterion/criterion.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/decode.h"
#include "ingest/reader.h"
#include "util/error.h"

#define STREAM_NAME "in.csv"

/* ------------------------------------------------------------------ a growable byte buffer */

typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

static void buf_add(buf *b, const void *bytes, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->data = realloc(b->data, b->cap);
        cr_assert_not_null(b->data);
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void buf_puts(buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

static void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_printf(buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && (size_t)n < sizeof tmp);
    buf_add(b, tmp, (size_t)n);
}

static void buf_repeat(buf *b, char c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf_add(b, &c, 1);
}

/* ------------------------------------------------------------------ what the reader handed over */

typedef struct got_field {
    size_t offset, len; /* into got.text */
    long line, column;
} got_field;

typedef struct got {
    buf text;                /* every field's text, each followed by a NUL */
    got_field *fields;
    size_t n_fields, fields_cap;
    size_t *first;           /* per record: index of its first field */
    size_t *count;           /* per record: number of fields */
    long *line;              /* per record: csv_record.line */
    size_t n_records, records_cap;
    long stop_at;            /* return an error from the callback at this record (-1: never) */
} got;

static int collect(const csv_record *record, void *user, cb_error *err)
{
    got *g = user;
    if (g->n_records == g->records_cap) {
        g->records_cap = g->records_cap ? g->records_cap * 2 : 64;
        g->first = realloc(g->first, g->records_cap * sizeof *g->first);
        g->count = realloc(g->count, g->records_cap * sizeof *g->count);
        g->line = realloc(g->line, g->records_cap * sizeof *g->line);
        cr_assert(g->first && g->count && g->line);
    }
    cr_assert_gt(record->count, 0, "a record has at least one field");
    cr_assert_eq(record->line, record->fields[0].line, "record line = line of its first field");
    g->first[g->n_records] = g->n_fields;
    g->count[g->n_records] = record->count;
    g->line[g->n_records] = record->line;
    for (size_t i = 0; i < record->count; i++) {
        const csv_field *f = &record->fields[i];
        cr_assert_eq(f->text[f->len], '\0', "field text is NUL-terminated");
        cr_assert_eq(strlen(f->text), f->len, "field text holds no NUL");
        if (g->n_fields == g->fields_cap) {
            g->fields_cap = g->fields_cap ? g->fields_cap * 2 : 256;
            g->fields = realloc(g->fields, g->fields_cap * sizeof *g->fields);
            cr_assert_not_null(g->fields);
        }
        g->fields[g->n_fields++] = (got_field){g->text.len, f->len, f->line, f->column};
        buf_add(&g->text, f->text, f->len + 1);
    }
    if ((long)g->n_records++ == g->stop_at)
        return error_set(err, "callback", record->line, 7, "stopped by the callback");
    return 0;
}

static void got_free(got *g)
{
    free(g->text.data);
    free(g->fields);
    free(g->first);
    free(g->count);
    free(g->line);
}

static const got_field *got_at(const got *g, size_t record, size_t field)
{
    cr_assert_lt(record, g->n_records, "record %zu was not read (%zu records)", record,
                 g->n_records);
    cr_assert_lt(field, g->count[record], "record %zu has %zu fields, not %zu", record,
                 g->count[record], field + 1);
    return &g->fields[g->first[record] + field];
}

static const char *got_text(const got *g, size_t record, size_t field)
{
    return g->text.data + got_at(g, record, field)->offset;
}

/* The records in the compact form of the table. */
static void serialize(const got *g, buf *out)
{
    buf_add(out, "", 0);
    for (size_t r = 0; r < g->n_records; r++) {
        if (r > 0)
            buf_puts(out, "\n");
        for (size_t i = 0; i < g->count[r]; i++) {
            if (i > 0)
                buf_puts(out, "|");
            const got_field *f = &g->fields[g->first[r] + i];
            for (size_t k = 0; k < f->len; k++) {
                char c = g->text.data[f->offset + k];
                switch (c) {
                case '\\': buf_puts(out, "\\\\"); break;
                case '|': buf_puts(out, "\\|"); break;
                case '\n': buf_puts(out, "\\n"); break;
                case '\r': buf_puts(out, "\\r"); break;
                case '\t': buf_puts(out, "\\t"); break;
                default: buf_add(out, &c, 1); break;
                }
            }
        }
    }
}

/* ------------------------------------------------------------------ the table */

typedef struct pos_check {
    long record, field; /* 0-based; record -1 ends a list */
    long line, column;
} pos_check;

#define MAX_GENERATED_CHECKS 8

/* A large input built at run time, with its expectations computed by an independent oracle. */
typedef struct generated {
    buf bytes;
    long records;            /* expected record count when the read succeeds */
    long err_line, err_column;
    size_t n_checks;
    pos_check checks[MAX_GENERATED_CHECKS];
    const char *texts[MAX_GENERATED_CHECKS]; /* expected text of each checked field */
} generated;

typedef struct reader_case {
    const char *name;
    const char *input;       /* bytes; len counts them (they may hold NUL) */
    size_t len;
    void (*generate)(generated *g);
    reader_options options;
    const char *records;     /* expected records, compact form; NULL: not checked */
    const pos_check *positions;
    long blank_records;      /* checked on success */
    char delimiter;          /* 0: not checked */
    bool check_encoding;
    input_encoding encoding;
    const char *sha256;      /* NULL: not checked */
    bool fatal;
    long err_line, err_column;
    const char *err_message; /* a substring of the message */
} reader_case;

#define BYTES(s) .input = (s), .len = sizeof(s) - 1
#define POS(...) .positions = (const pos_check[]){__VA_ARGS__, {-1, 0, 0, 0}}
#define ENC(e) .check_encoding = true, .encoding = (e)
#define FATAL(l, c, msg) .fatal = true, .err_line = (l), .err_column = (c), .err_message = (msg)
#define OPTIONS(e, d) .options = {(e), (d)}

#define INVALID_UTF8 "--encoding windows-1252"

static void gen_big_utf8(generated *g);
static void gen_big_utf8_stray_quote(generated *g);
static void gen_big_crlf_invalid_utf8(generated *g);
static void gen_big_utf16be_surrogate(generated *g);
static void gen_big_unterminated_quote(generated *g);
static void gen_too_many_columns(generated *g);

static const reader_case cases[] = {
    {.name = "simple",
     BYTES("a,b,c\n1,2,3\n"),
     .records = "a|b|c\n1|2|3",
     POS({0, 0, 1, 1}, {0, 2, 1, 5}, {1, 0, 2, 1}, {1, 2, 2, 5}),
     .delimiter = ',', ENC(ENCODING_UTF8),
     .sha256 = "9284ed4fd7fe1346904656f329db6cc49c0e7ae5b8279bff37f96bc6eb59baad"},

    {.name = "quoted_delimiter",
     BYTES("name,note\n\"Smith, J\",x\n"),
     .records = "name|note\nSmith, J|x",
     POS({1, 0, 2, 1}, {1, 1, 2, 12})},

    {.name = "doubled_quotes",
     BYTES("a,b\n\"say \"\"hi\"\"\",z\n\"\"\"\",\"\"\"\"\"\"\n"),
     .records = "a|b\nsay \"hi\"|z\n\"|\"\"",
     POS({1, 0, 2, 1}, {1, 1, 2, 14}, {2, 0, 3, 1}, {2, 1, 3, 6})},

    {.name = "newline_in_quotes_positions",
     BYTES("id,text,n\n1,\"two\nlines\",x\n2,\"a\r\nb\",y\n3,ok,z\n"),
     .records = "id|text|n\n1|two\\nlines|x\n2|a\\r\\nb|y\n3|ok|z",
     POS({1, 1, 2, 3}, {1, 2, 3, 8}, {2, 0, 4, 1}, {2, 2, 5, 4}, {3, 0, 6, 1}, {3, 2, 6, 6})},

    {.name = "newline_in_quotes_then_stray_quote",
     BYTES("id,text\n1,\"two\nlines\"\n2,ok\n3,bad\"q\n"),
     FATAL(5, 6, "double quote")},

    {.name = "newline_in_quotes_then_text_after_quote",
     BYTES("a,b\n\"x\ny\"z,1\n"),
     FATAL(3, 3, "after the closing quote")},

    {.name = "crlf",
     BYTES("a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n4,5\r\n"),
     .records = "a|b\n1|2\n3|x\\r\\ny\n4|5",
     POS({0, 1, 1, 3}, {1, 1, 2, 3}, {2, 0, 4, 1}, {2, 1, 4, 3}, {3, 0, 6, 1}, {3, 1, 6, 3}),
     .blank_records = 0, .delimiter = ','},

    {.name = "bom",
     BYTES("\xEF\xBB\xBF" "id,name\n1,x\n"),
     .records = "id|name\n1|x",
     POS({0, 0, 1, 1}, {0, 1, 1, 4}, {1, 1, 2, 3}),
     .delimiter = ',', ENC(ENCODING_UTF8),
     .sha256 = "624ffa05ecd305bf12beaf1037a19b346b00fbc92673845da3e265221f1e38d8"},

    {.name = "bom_semicolon",
     BYTES("\xEF\xBB\xBF" "id;name\n1;x,y\n"),
     .records = "id|name\n1|x,y",
     POS({0, 0, 1, 1}, {0, 1, 1, 4}, {1, 1, 2, 3}),
     .delimiter = ';', ENC(ENCODING_UTF8)},

    {.name = "blank_lines_leading_and_between",
     BYTES("\n\n  \nid,name\n\n1,a\n,\n \t \n2,b\n\n"),
     .records = "id|name\n1|a\n2|b",
     POS({0, 0, 4, 1}, {0, 1, 4, 4}, {1, 0, 6, 1}, {2, 1, 9, 3}),
     .blank_records = 1, .delimiter = ','},

    {.name = "records_with_only_empty_fields",
     BYTES("a,b,c\n,,\n\"\",\"\",\n  ,\t, \n1,2,3\n"),
     .records = "a|b|c\n1|2|3",
     POS({1, 0, 5, 1}, {1, 2, 5, 5}),
     .blank_records = 3},

    {.name = "no_final_newline",
     BYTES("a,b\n1,2"),
     .records = "a|b\n1|2",
     POS({1, 0, 2, 1}, {1, 1, 2, 3})},

    {.name = "no_final_newline_quoted",
     BYTES("a,b\n1,\"x\ny\""),
     .records = "a|b\n1|x\\ny",
     POS({1, 1, 2, 3})},

    {.name = "no_final_newline_empty_last_field",
     BYTES("a,b\n1,"),
     .records = "a|b\n1|",
     POS({1, 0, 2, 1}, {1, 1, 2, 3})},

    {.name = "unterminated_quote",
     BYTES("id,text\n1,ok\n2,\"never\nclosed\n3,x\n"),
     FATAL(3, 3, "never closed")},

    {.name = "unterminated_quote_after_multibyte",
     BYTES("id,text\n\xC3\xA9,x\n\xE6\x97\xA5\xE6\x9C\xAC,\"open\n"),
     FATAL(3, 4, "never closed")},

    {.name = "unterminated_quote_at_end",
     BYTES("a,b\n1,\""),
     FATAL(2, 3, "never closed")},

    {.name = "invalid_utf8",
     BYTES("a,b\nx,y\ncaf\xE9\n"),
     FATAL(3, 4, INVALID_UTF8)},

    {.name = "invalid_utf8_at_end_of_file",
     BYTES("a,b\nx,caf\xE9"),
     FATAL(2, 6, INVALID_UTF8)},

    {.name = "invalid_utf8_after_multibyte",
     BYTES("a,b\n\xC3\xA9\xE6\x97\xA5,caf\xC3" "(x\n"),
     FATAL(2, 7, INVALID_UTF8)},

    {.name = "invalid_utf8_lone_continuation",
     BYTES("a\n\x80\n"),
     FATAL(2, 1, INVALID_UTF8)},

    {.name = "invalid_utf8_overlong",
     BYTES("a\nab\xC0\xAF\n"),
     FATAL(2, 3, INVALID_UTF8)},

    {.name = "invalid_utf8_surrogate",
     BYTES("a\nx\xED\xA0\x80\n"),
     FATAL(2, 2, INVALID_UTF8)},

    {.name = "invalid_utf8_in_multiline_quoted",
     BYTES("a,b\n\"x\ny\xFF\",z\n"),
     FATAL(3, 2, INVALID_UTF8)},

    {.name = "nul_byte",
     BYTES("a,b\n1,\0\n"),
     FATAL(2, 3, "NUL byte")},

    {.name = "stray_quote",
     BYTES("a,b\nab\"c,d\n"),
     FATAL(2, 3, "double quote")},

    {.name = "stray_quote_after_closing_quote_and_space",
     BYTES("a,b\n\"x\" \"y\",z\n"),
     FATAL(2, 5, "double quote")},

    {.name = "text_after_closing_quote",
     BYTES("a,b\n\"x\"y,z\n"),
     FATAL(2, 4, "after the closing quote")},

    {.name = "text_after_closing_quote_and_spaces",
     BYTES("a,b\n\"x\"  y,z\n"),
     FATAL(2, 6, "after the closing quote")},

    {.name = "semicolon_detection",
     BYTES("member_code;name;note\nAU;Australia;\"a;b, c\"\n"),
     .records = "member_code|name|note\nAU|Australia|a;b, c",
     POS({1, 2, 2, 14}),
     .delimiter = ';'},

    {.name = "semicolon_detection_ignores_quoted_commas",
     BYTES("\"a,b,c\";d;e\n1;2;3\n"),
     .records = "a,b,c|d|e\n1|2|3",
     .delimiter = ';'},

    {.name = "comma_wins_when_more_frequent",
     BYTES("a,b,c;d\n1,2,3;4\n"),
     .records = "a|b|c;d\n1|2|3;4",
     .delimiter = ','},

    {.name = "tab_detection",
     BYTES("id\tname\tscore\n1\tAnn Lee\t5\n"),
     .records = "id|name|score\n1|Ann Lee|5",
     POS({1, 1, 2, 3}, {1, 2, 2, 11}),
     .delimiter = '\t'},

    {.name = "tab_delimited_empty_fields",
     BYTES("a\tb\tc\n\t x \t\n"),
     .records = "a|b|c\n|x|",
     POS({1, 0, 2, 1}, {1, 1, 2, 3}, {1, 2, 2, 6}),
     .delimiter = '\t'},

    {.name = "delimiter_override",
     BYTES("a,b;c\n1,2;3\n"),
     OPTIONS(ENCODING_AUTO, ';'),
     .records = "a,b|c\n1,2|3",
     POS({1, 1, 2, 5}),
     .delimiter = ';'},

    {.name = "delimiter_override_tab",
     BYTES("x,y\tz\n1,2\t3\n"),
     OPTIONS(ENCODING_AUTO, '\t'),
     .records = "x,y|z\n1,2|3",
     .delimiter = '\t'},

    /* "id,name,k\n1,José,😀\n2,\"a,b\",z\r\n" */
    {.name = "utf16le_with_bom",
     BYTES("\xFF\xFE"
           "i\0d\0,\0n\0a\0m\0e\0,\0k\0\n\0"
           "1\0,\0J\0o\0s\0\xE9\0,\0\x3D\xD8\x00\xDE\n\0"
           "2\0,\0\"\0a\0,\0b\0\"\0,\0z\0\r\0\n\0"),
     .records = "id|name|k\n1|Jos\xC3\xA9|\xF0\x9F\x98\x80\n2|a,b|z",
     POS({1, 1, 2, 3}, {1, 2, 2, 8}, {2, 1, 3, 3}, {2, 2, 3, 9}),
     .delimiter = ',', ENC(ENCODING_UTF16LE)},

    /* "id;name;k\n1;Zoë;😀\n" */
    {.name = "utf16be_with_bom",
     BYTES("\xFE\xFF"
           "\0i\0d\0;\0n\0a\0m\0e\0;\0k\0\n"
           "\0" "1\0;\0Z\0o\0\xEB\0;\xD8\x3D\xDE\x00\0\n"),
     .records = "id|name|k\n1|Zo\xC3\xAB|\xF0\x9F\x98\x80",
     POS({1, 1, 2, 3}, {1, 2, 2, 7}),
     .delimiter = ';', ENC(ENCODING_UTF16BE)},

    {.name = "windows_1252",
     BYTES("name,price\nCaf\xE9,\x80" "5\n\x93q\x94,\x9F\x81\n"),
     OPTIONS(ENCODING_WINDOWS_1252, 0),
     .records = "name|price\nCaf\xC3\xA9|\xE2\x82\xAC" "5\n\xE2\x80\x9Cq\xE2\x80\x9D|\xC5\xB8\xC2\x81",
     POS({1, 0, 2, 1}, {1, 1, 2, 6}, {2, 1, 3, 5}),
     .delimiter = ',', ENC(ENCODING_WINDOWS_1252)},

    /* "名前,値\n日本語テキスト,5\n😀😀,x\n" */
    {.name = "multibyte_before_field",
     BYTES("\xE5\x90\x8D\xE5\x89\x8D,\xE5\x80\xA4\n"
           "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88,5\n"
           "\xF0\x9F\x98\x80\xF0\x9F\x98\x80,x\n"),
     .records = "\xE5\x90\x8D\xE5\x89\x8D|\xE5\x80\xA4\n"
                "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x83\x86\xE3\x82\xAD\xE3\x82\xB9\xE3\x83\x88|5\n"
                "\xF0\x9F\x98\x80\xF0\x9F\x98\x80|x",
     POS({0, 1, 1, 4}, {1, 1, 2, 9}, {2, 1, 3, 4})},

    {.name = "tab_is_one_column",
     BYTES("a,b\n\tx,y\na\tb,c\n"),
     .records = "a|b\nx|y\na\\tb|c",
     POS({1, 0, 2, 2}, {1, 1, 2, 4}, {2, 1, 3, 5}),
     .delimiter = ','},

    {.name = "field_after_multiline_quoted_field",
     BYTES("a,b,c\n\"line1\nline2\",\"q\",z\n"),
     .records = "a|b|c\nline1\\nline2|q|z",
     POS({1, 0, 2, 1}, {1, 1, 3, 8}, {1, 2, 3, 12})},

    {.name = "field_after_multiline_quoted_field_with_multibyte",
     BYTES("a,b\n\"x\n\xE6\x97\xA5\xE6\x9C\xAC\",\xC3\xA9\n"),
     .records = "a|b\nx\\n\xE6\x97\xA5\xE6\x9C\xAC|\xC3\xA9",
     POS({1, 0, 2, 1}, {1, 1, 3, 5})},

    {.name = "spaces_trimmed_unless_quoted",
     BYTES("a,b,c\n  x  , \"  y  \" ,z\n"),
     .records = "a|b|c\nx|  y  |z",
     POS({1, 0, 2, 3}, {1, 1, 2, 8}, {1, 2, 2, 17})},

    {.name = "empty_fields",
     BYTES("a,b,c\nx,,\n,y,\n"),
     .records = "a|b|c\nx||\n|y|",
     POS({1, 1, 2, 3}, {1, 2, 2, 4}, {2, 0, 3, 1}, {2, 1, 3, 2}, {2, 2, 3, 4})},

    {.name = "single_column",
     BYTES("only\n1\n2\n"),
     .records = "only\n1\n2",
     POS({2, 0, 3, 1})},

    {.name = "empty_input",
     BYTES(""),
     .records = "",
     .delimiter = ','},

    /* a lone high surrogate, a lone low surrogate and an odd last byte become U+FFFD */
    {.name = "utf16le_broken_units",
     BYTES("\xFF\xFE" "a\0\n\0" "\x00\xD8" "b\0" "\x00\xDC" "\n\0" "c"),
     .records = "a\n\xEF\xBF\xBD" "b\xEF\xBF\xBD\n\xEF\xBF\xBD",
     POS({1, 0, 2, 1}, {2, 0, 3, 1}),
     ENC(ENCODING_UTF16LE)},

    {.name = "utf8_bom_only",
     BYTES("\xEF\xBB\xBF"),
     .records = "",
     ENC(ENCODING_UTF8)},

    {.name = "utf16be_bom_only",
     BYTES("\xFE\xFF"),
     .records = "",
     ENC(ENCODING_UTF16BE)},

    {.name = "too_many_columns", .generate = gen_too_many_columns,
     .fatal = true, .err_message = "more than 4096 columns"},

    {.name = "big_utf8_block_boundaries", .generate = gen_big_utf8},
    {.name = "big_utf8_late_stray_quote", .generate = gen_big_utf8_stray_quote,
     .fatal = true, .err_message = "double quote"},
    {.name = "big_crlf_late_invalid_utf8", .generate = gen_big_crlf_invalid_utf8,
     .fatal = true, .err_message = INVALID_UTF8},
    {.name = "big_utf16be_surrogate_across_blocks", .generate = gen_big_utf16be_surrogate,
     ENC(ENCODING_UTF16BE), .delimiter = ','},
    {.name = "big_unterminated_quote", .generate = gen_big_unterminated_quote,
     .fatal = true, .err_message = "closing double quote"},
};

#define N_CASES (sizeof cases / sizeof cases[0])

/* ------------------------------------------------------------------ the oracle */

/* Line and column of a byte offset in UTF-8 text, counted the simple way: LF ends a line (a CR
 * before it adds nothing), every byte that is not a UTF-8 continuation byte is one column. */
static void oracle(const buf *text, size_t offset, long *line, long *column)
{
    long l = 1, c = 1;
    for (size_t i = 0; i < offset; i++) {
        unsigned char ch = (unsigned char)text->data[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if (ch == '\r') {
            continue;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *column = c;
}

static void add_check(generated *g, const buf *text, long record, long field, size_t offset,
                      const char *expected_text)
{
    cr_assert_lt(g->n_checks, MAX_GENERATED_CHECKS);
    pos_check *p = &g->checks[g->n_checks];
    p->record = record;
    p->field = field;
    oracle(text, offset, &p->line, &p->column);
    g->texts[g->n_checks] = expected_text;
    g->n_checks++;
}

/* Offset of the first occurrence of needle at or after from. */
static size_t find_from(const buf *b, size_t from, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= b->len; i++)
        if (memcmp(b->data + i, needle, n) == 0)
            return i;
    cr_assert_fail("\"%s\" not found in the generated input", needle);
    return 0;
}

/* Filler rows up to (not beyond) the byte offset limit; returns the number of rows written. */
static long add_fillers(buf *b, size_t limit, const char *eol)
{
    long rows = 0;
    while (b->len + 64 < limit) {
        buf_printf(b, "%ld,filler row %ld,ok%s", (long)b->len, rows, eol);
        rows++;
    }
    return rows;
}

/* A row of exactly n bytes (at least 8) that ends with eol. */
static void add_pad_row(buf *b, size_t n, const char *eol)
{
    size_t fixed = strlen("P,") + strlen(",ok") + strlen(eol);
    cr_assert_gt(n, fixed);
    buf_puts(b, "P,");
    buf_repeat(b, 'x', n - fixed);
    buf_puts(b, ",ok");
    buf_puts(b, eol);
}

#define S_HEAD "S,\"multi\n" /* the lead byte of the character after it lands on the boundary */
#define S_TEXT "multi\n\xC3\xA9 rest, with \"comma\""
#define U_TAIL "tail"

/* A UTF-8 file of about 1.5 MiB: "é" straddles the first 1 MiB block boundary (lead byte in
 * block 1, continuation byte in block 2) inside a quoted, two-line field that therefore spans
 * the boundary; the columns after it must count characters. */
static void build_big_utf8(generated *g, bool with_error)
{
    buf *b = &g->bytes;
    buf_puts(b, "id,text,after\n");
    long records = 1;
    const size_t target = READER_BLOCK_SIZE - 1;
    records += add_fillers(b, target - strlen(S_HEAD) - 64, "\n");
    add_pad_row(b, target - strlen(S_HEAD) - b->len, "\n");
    records++;
    size_t s_start = b->len;
    buf_puts(b, S_HEAD);
    cr_assert_eq(b->len, target);
    buf_puts(b, "\xC3\xA9 rest, with \"\"comma\"\"\",after\n");
    cr_assert_eq((unsigned char)b->data[READER_BLOCK_SIZE - 1], 0xC3);
    cr_assert_eq((unsigned char)b->data[READER_BLOCK_SIZE], 0xA9);
    long s_record = records++;
    add_check(g, b, s_record, 0, s_start, "S");
    add_check(g, b, s_record, 1, s_start + 2, S_TEXT);
    add_check(g, b, s_record, 2, find_from(b, s_start, ",after") + 1, "after");

    size_t u_start = b->len;
    buf_puts(b, "U,\xF0\x9F\x98\x80\xE6\x97\xA5\xE6\x9C\xAC," U_TAIL "\n");
    long u_record = records++;
    add_check(g, b, u_record, 2, find_from(b, u_start, U_TAIL), U_TAIL);

    records += add_fillers(b, READER_BLOCK_SIZE + 300000, "\n");
    if (with_error) {
        size_t e_start = b->len;
        buf_puts(b, "E,ab\"c,z\n");
        oracle(b, e_start + 4, &g->err_line, &g->err_column);
        cr_assert_gt(g->err_line, 20000);
        buf_puts(b, "Z,after,error\n");
    } else {
        size_t last = b->len;
        buf_puts(b, "L,last,row");
        long l_record = records++;
        add_check(g, b, l_record, 1, last + 2, "last");
    }
    g->records = records;
    cr_assert_gt(b->len, READER_BLOCK_SIZE + 250000);
}

static void gen_big_utf8(generated *g)
{
    build_big_utf8(g, false);
}

static void gen_big_utf8_stray_quote(generated *g)
{
    build_big_utf8(g, true);
}

/* CRLF lines; "😀" straddles the first block boundary 2+2 bytes in an unquoted field, the CRLF
 * of a row straddles the second boundary, and a byte that is not UTF-8 follows late. */
static void gen_big_crlf_invalid_utf8(generated *g)
{
    buf *b = &g->bytes;
    buf_puts(b, "id,text,after\r\n");
    const size_t boundary1 = READER_BLOCK_SIZE - 2; /* offset of the emoji's first byte */
    add_fillers(b, boundary1 - 2 - 64, "\r\n");
    add_pad_row(b, boundary1 - 2 - b->len, "\r\n");
    size_t s_start = b->len;
    buf_puts(b, "S,\xF0\x9F\x98\x80" "abc,after\r\n");
    cr_assert_eq((unsigned char)b->data[READER_BLOCK_SIZE - 2], 0xF0);
    cr_assert_eq((unsigned char)b->data[READER_BLOCK_SIZE + 1], 0x80);
    (void)s_start;

    const size_t boundary2 = 2 * READER_BLOCK_SIZE - 1; /* offset of a CR */
    add_fillers(b, boundary2 - 64, "\r\n");
    add_pad_row(b, boundary2 + 2 - b->len, "\r\n");
    cr_assert_eq(b->data[2 * READER_BLOCK_SIZE - 1], '\r');
    cr_assert_eq(b->data[2 * READER_BLOCK_SIZE], '\n');
    add_fillers(b, 2 * READER_BLOCK_SIZE + 200000, "\r\n");
    size_t e_start = b->len;
    buf_puts(b, "E,\xC3\xA9t\xC3\xA9 \xFF,z\r\n");
    oracle(b, e_start + 8, &g->err_line, &g->err_column);
    cr_assert_eq(g->err_column, 7);
    buf_puts(b, "Z,after,error\r\n");
}

/* Appends code point cp as UTF-16BE. */
static void put_utf16be(buf *out, unsigned long cp)
{
    unsigned char u[4];
    if (cp >= 0x10000) {
        unsigned long v = cp - 0x10000;
        unsigned hi = 0xD800 + (unsigned)(v >> 10), lo = 0xDC00 + (unsigned)(v & 0x3FF);
        u[0] = (unsigned char)(hi >> 8);
        u[1] = (unsigned char)hi;
        u[2] = (unsigned char)(lo >> 8);
        u[3] = (unsigned char)lo;
        buf_add(out, u, 4);
    } else {
        u[0] = (unsigned char)(cp >> 8);
        u[1] = (unsigned char)cp;
        buf_add(out, u, 2);
    }
}

/* Converts valid UTF-8 to UTF-16BE with a byte order mark. */
static void utf8_to_utf16be(const buf *in, buf *out)
{
    buf_add(out, "\xFE\xFF", 2);
    const unsigned char *p = (const unsigned char *)in->data;
    for (size_t i = 0; i < in->len;) {
        unsigned long cp;
        size_t n;
        if (p[i] < 0x80) {
            cp = p[i];
            n = 1;
        } else if (p[i] < 0xE0) {
            cp = p[i] & 0x1Fu;
            n = 2;
        } else if (p[i] < 0xF0) {
            cp = p[i] & 0x0Fu;
            n = 3;
        } else {
            cp = p[i] & 0x07u;
            n = 4;
        }
        for (size_t k = 1; k < n; k++)
            cp = cp << 6 | (p[i + k] & 0x3Fu);
        put_utf16be(out, cp);
        i += n;
    }
}

/* UTF-16BE of about 1.2 MiB whose "😀" has its high surrogate in the last two bytes of the first
 * block and its low surrogate in the first two bytes of the second. */
static void gen_big_utf16be_surrogate(generated *g)
{
    buf text = {0};
    buf_puts(&text, "id,text,after\n");
    long records = 1;
    /* ASCII only so far: UTF-16 offset = 2 (BOM) + 2 * UTF-8 offset. */
    const size_t emoji_at = (READER_BLOCK_SIZE - 2 - 2) / 2; /* in characters of the text */
    records += add_fillers(&text, emoji_at - 2 - 64, "\n");
    add_pad_row(&text, emoji_at - 2 - text.len, "\n");
    records++;
    size_t s_start = text.len;
    buf_puts(&text, "S,\xF0\x9F\x98\x80 Jos\xC3\xA9,after\n");
    long s_record = records++;
    add_check(g, &text, s_record, 1, s_start + 2, "\xF0\x9F\x98\x80 Jos\xC3\xA9");
    add_check(g, &text, s_record, 2, find_from(&text, s_start, ",after") + 1, "after");
    records += add_fillers(&text, emoji_at + 200000, "\n");
    size_t last = text.len;
    buf_puts(&text, "L,\"quoted\nlast\",row\n");
    add_check(g, &text, records, 2, find_from(&text, last, ",row") + 1, "row");
    records++;
    g->records = records;

    utf8_to_utf16be(&text, &g->bytes);
    free(text.data);
    cr_assert_eq((unsigned char)g->bytes.data[READER_BLOCK_SIZE - 2], 0xD8);
    cr_assert_eq((unsigned char)g->bytes.data[READER_BLOCK_SIZE - 1], 0x3D);
    cr_assert_eq((unsigned char)g->bytes.data[READER_BLOCK_SIZE], 0xDE);
    cr_assert_eq((unsigned char)g->bytes.data[READER_BLOCK_SIZE + 1], 0x00);
}

/* A quote opened on line 3 and never closed, with more than a block of text after it. */
static void gen_big_unterminated_quote(generated *g)
{
    buf *b = &g->bytes;
    buf_puts(b, "id,text\n1,ok\n\xC3\xA9,\"open\n");
    oracle(b, find_from(b, 0, "\"open"), &g->err_line, &g->err_column);
    cr_assert_eq(g->err_line, 3);
    cr_assert_eq(g->err_column, 3);
    add_fillers(b, READER_BLOCK_SIZE + 400000, "\n");
}

/* A header of READER_MAX_FIELDS + 1 columns: the first one too many is named. */
static void gen_too_many_columns(generated *g)
{
    buf *b = &g->bytes;
    for (size_t i = 0; i < READER_MAX_FIELDS; i++)
        buf_puts(b, "a,");
    size_t last = b->len;
    buf_puts(b, "a\n1\n");
    oracle(b, last, &g->err_line, &g->err_column);
    cr_assert_eq(g->err_column, 2 * READER_MAX_FIELDS + 1);
}

/* ------------------------------------------------------------------ the driver */

static FILE *open_bytes(const char *bytes, size_t len)
{
    FILE *in;
    if (len > 0) {
        in = fmemopen((void *)bytes, len, "rb");
    } else {
        in = tmpfile();
    }
    cr_assert_not_null(in, "cannot open the test input");
    return in;
}

/* The state of the running test, freed by the suite's fini so that a failed assertion (which
 * ends the test at once) leaves no leak report behind under LeakSanitizer. */
static got current_got = {.stop_at = -1};
static generated current_gen;
static buf current_actual;
static char current_dir[64];

static void free_current(void)
{
    got_free(&current_got);
    free(current_gen.bytes.data);
    free(current_actual.data);
    memset(&current_got, 0, sizeof current_got);
    memset(&current_gen, 0, sizeof current_gen);
    memset(&current_actual, 0, sizeof current_actual);
    if (current_dir[0] != '\0') {
        char path[128];
        snprintf(path, sizeof path, "%s/ok.csv", current_dir);
        unlink(path);
        rmdir(current_dir);
        current_dir[0] = '\0';
    }
}

TestSuite(reader, .fini = free_current);
TestSuite(reader_api, .fini = free_current);

static void check_case(const reader_case *c)
{
    got *g = &current_got;
    generated *gen = &current_gen;
    const char *bytes = c->input;
    size_t len = c->len;
    if (c->generate) {
        c->generate(gen);
        bytes = gen->bytes.data;
        len = gen->bytes.len;
    }
    FILE *in = open_bytes(bytes, len);
    g->stop_at = -1;
    reader_summary summary;
    memset(&summary, 0x55, sizeof summary);
    cb_error err = {.line = -7, .column = -7};
    int rc = reader_read_stream(in, STREAM_NAME, &c->options, collect, g, &summary, &err);
    fclose(in);

    if (c->fatal) {
        long line = c->generate ? gen->err_line : c->err_line;
        long column = c->generate ? gen->err_column : c->err_column;
        cr_assert_eq(rc, -1, "[%s] must fail", c->name);
        cr_assert_str_eq(err.file, STREAM_NAME, "[%s] error names the file", c->name);
        cr_assert(err.line == line && err.column == column,
                  "[%s] error at %ld:%ld, expected %ld:%ld (%s)", c->name, err.line, err.column,
                  line, column, err.message);
        cr_assert_not_null(strstr(err.message, c->err_message),
                           "[%s] message \"%s\" lacks \"%s\"", c->name, err.message,
                           c->err_message);
    } else {
        cr_assert_eq(rc, 0, "[%s] failed: %s:%ld:%ld: %s", c->name, err.file, err.line,
                     err.column, err.message);
        cr_assert_eq(summary.records, (long)g->n_records, "[%s] summary.records", c->name);
        cr_assert_eq(summary.bytes, (unsigned long long)len, "[%s] summary.bytes", c->name);
        cr_assert_eq(summary.blank_records, c->blank_records, "[%s] blank records: %ld",
                     c->name, summary.blank_records);
        if (c->records) {
            serialize(g, &current_actual);
            cr_assert_str_eq(current_actual.data, c->records, "[%s] records", c->name);
        }
        if (c->generate)
            cr_assert_eq((long)g->n_records, gen->records, "[%s] %zu records, expected %ld",
                         c->name, g->n_records, gen->records);
        if (c->delimiter)
            cr_assert_eq(summary.delimiter, c->delimiter, "[%s] delimiter '%c'", c->name,
                         summary.delimiter);
        if (c->check_encoding)
            cr_assert_eq(summary.encoding, c->encoding, "[%s] encoding %s", c->name,
                         decoder_encoding_name(summary.encoding));
        if (c->sha256)
            cr_assert_str_eq(summary.sha256, c->sha256, "[%s] sha256", c->name);
    }

    for (const pos_check *p = c->positions; p && p->record >= 0; p++) {
        const got_field *f = got_at(g, (size_t)p->record, (size_t)p->field);
        cr_assert(f->line == p->line && f->column == p->column,
                  "[%s] record %ld field %ld at %ld:%ld, expected %ld:%ld", c->name, p->record,
                  p->field, f->line, f->column, p->line, p->column);
    }
    for (size_t i = 0; i < gen->n_checks; i++) {
        const pos_check *p = &gen->checks[i];
        const got_field *f = got_at(g, (size_t)p->record, (size_t)p->field);
        cr_assert(f->line == p->line && f->column == p->column,
                  "[%s] record %ld field %ld at %ld:%ld, expected %ld:%ld", c->name, p->record,
                  p->field, f->line, f->column, p->line, p->column);
        cr_assert_str_eq(got_text(g, (size_t)p->record, (size_t)p->field), gen->texts[i],
                         "[%s] text of record %ld field %ld", c->name, p->record, p->field);
    }
}

static const reader_case *find_case(const char *name)
{
    for (size_t i = 0; i < N_CASES; i++)
        if (strcmp(cases[i].name, name) == 0)
            return &cases[i];
    cr_assert_fail("no case named %s in the table", name);
    return NULL;
}

#define READER_CASE(id)            \
    Test(reader, id)               \
    {                              \
        check_case(find_case(#id)); \
    }

READER_CASE(simple)
READER_CASE(quoted_delimiter)
READER_CASE(doubled_quotes)
READER_CASE(newline_in_quotes_positions)
READER_CASE(newline_in_quotes_then_stray_quote)
READER_CASE(newline_in_quotes_then_text_after_quote)
READER_CASE(crlf)
READER_CASE(bom)
READER_CASE(bom_semicolon)
READER_CASE(blank_lines_leading_and_between)
READER_CASE(records_with_only_empty_fields)
READER_CASE(no_final_newline)
READER_CASE(no_final_newline_quoted)
READER_CASE(no_final_newline_empty_last_field)
READER_CASE(unterminated_quote)
READER_CASE(unterminated_quote_after_multibyte)
READER_CASE(unterminated_quote_at_end)
READER_CASE(invalid_utf8)
READER_CASE(invalid_utf8_at_end_of_file)
READER_CASE(invalid_utf8_after_multibyte)
READER_CASE(invalid_utf8_lone_continuation)
READER_CASE(invalid_utf8_overlong)
READER_CASE(invalid_utf8_surrogate)
READER_CASE(invalid_utf8_in_multiline_quoted)
READER_CASE(nul_byte)
READER_CASE(stray_quote)
READER_CASE(stray_quote_after_closing_quote_and_space)
READER_CASE(text_after_closing_quote)
READER_CASE(text_after_closing_quote_and_spaces)
READER_CASE(semicolon_detection)
READER_CASE(semicolon_detection_ignores_quoted_commas)
READER_CASE(comma_wins_when_more_frequent)
READER_CASE(tab_detection)
READER_CASE(tab_delimited_empty_fields)
READER_CASE(delimiter_override)
READER_CASE(delimiter_override_tab)
READER_CASE(utf16le_with_bom)
READER_CASE(utf16be_with_bom)
READER_CASE(windows_1252)
READER_CASE(multibyte_before_field)
READER_CASE(tab_is_one_column)
READER_CASE(field_after_multiline_quoted_field)
READER_CASE(field_after_multiline_quoted_field_with_multibyte)
READER_CASE(spaces_trimmed_unless_quoted)
READER_CASE(empty_fields)
READER_CASE(single_column)
READER_CASE(empty_input)
READER_CASE(utf16le_broken_units)
READER_CASE(utf8_bom_only)
READER_CASE(utf16be_bom_only)
READER_CASE(too_many_columns)
READER_CASE(big_utf8_block_boundaries)
READER_CASE(big_utf8_late_stray_quote)
READER_CASE(big_crlf_late_invalid_utf8)
READER_CASE(big_utf16be_surrogate_across_blocks)
READER_CASE(big_unterminated_quote)

/* Every row of the table has its Test above. */
#define N_READER_CASE_TESTS 56
Test(reader, every_case_has_a_test)
{
    cr_assert_eq(N_CASES, (size_t)N_READER_CASE_TESTS);
    for (size_t i = 0; i < N_CASES; i++)
        for (size_t j = i + 1; j < N_CASES; j++)
            cr_assert_str_neq(cases[i].name, cases[j].name);
}

/* ------------------------------------------------------------------ the rest of the API */

static char detect(const char *text)
{
    return reader_detect_delimiter(text, strlen(text));
}

Test(reader_detect, among_comma_semicolon_tab)
{
    cr_assert_eq(detect("a,b,c\n"), ',');
    cr_assert_eq(detect("a;b;c\n"), ';');
    cr_assert_eq(detect("a\tb\tc\n"), '\t');
    cr_assert_eq(detect("abc\n"), ',');
    cr_assert_eq(detect(""), ',');
    cr_assert_eq(detect("a;b;c"), ';', "no newline at all");
}

Test(reader_detect, header_line_only)
{
    cr_assert_eq(detect("a;b;c\n1,2,3,4,5,6\n"), ';');
    cr_assert_eq(detect("a;b;c\r\n1,2,3,4,5,6\r\n"), ';');
    cr_assert_eq(detect("\n\n  \t \na\tb\n1,2,3\n"), '\t', "blank lines before the header");
    cr_assert_eq(detect("\"a;b;c\",d,e\n"), ',', "quoted delimiters do not count");
    cr_assert_eq(detect("\"a,b,c\";d;e\n"), ';');
    cr_assert_eq(detect("\"x\ny;z;w\",a,b\n"), ',', "a header name may hold a newline");
}

Test(reader_detect, most_frequent_wins)
{
    cr_assert_eq(detect("a,b;c;d\n"), ';');
    cr_assert_eq(detect("a,b,c;d\n"), ',');
    cr_assert_eq(detect("a\tb\tc,d\n"), '\t');
    cr_assert_eq(detect("Member code;Member name;Sub-region, if any\n"), ';');
}

Test(reader_detect, names)
{
    cr_assert_str_eq(reader_delimiter_name(','), "comma");
    cr_assert_str_eq(reader_delimiter_name(';'), "semicolon");
    cr_assert_str_eq(reader_delimiter_name('\t'), "tab");
}

Test(reader_api, callback_error_stops_the_reading)
{
    static const char input[] = "a,b\n1,2\n3,4\n5,6\n";
    FILE *in = open_bytes(input, sizeof input - 1);
    got *g = &current_got;
    g->stop_at = 1;
    cb_error err = {0};
    int rc = reader_read_stream(in, STREAM_NAME, NULL, collect, g, NULL, &err);
    fclose(in);
    cr_assert_eq(rc, -1);
    cr_assert_eq(g->n_records, 2, "no record after the one that stopped: %zu", g->n_records);
    cr_assert_str_eq(err.file, "callback");
    cr_assert_eq(err.line, 2);
    cr_assert_eq(err.column, 7);
    cr_assert_str_eq(err.message, "stopped by the callback");
}

Test(reader_api, null_options_and_summary)
{
    static const char input[] = "x;y\n1;2\n";
    FILE *in = open_bytes(input, sizeof input - 1);
    got *g = &current_got;
    g->stop_at = -1;
    cb_error err = {0};
    cr_assert_eq(reader_read_stream(in, STREAM_NAME, NULL, collect, g, NULL, &err), 0);
    fclose(in);
    serialize(g, &current_actual);
    cr_assert_str_eq(current_actual.data, "x|y\n1|2");
}

Test(reader_api, utf8_bom_is_not_stripped_twice_and_counts_in_bytes)
{
    static const char input[] = "\xEF\xBB\xBF\xEF\xBB\xBF" "a\n";
    FILE *in = open_bytes(input, sizeof input - 1);
    got *g = &current_got;
    g->stop_at = -1;
    reader_summary summary;
    cb_error err = {0};
    cr_assert_eq(reader_read_stream(in, STREAM_NAME, NULL, collect, g, &summary, &err), 0);
    fclose(in);
    cr_assert_eq(summary.bytes, 8);
    cr_assert_eq(g->n_records, 1);
    /* only the first mark is a byte order mark; the second is text (U+FEFF) of column 1 */
    cr_assert_str_eq(got_text(g, 0, 0), "\xEF\xBB\xBF" "a");
}

Test(reader_api, read_file_missing_and_folder)
{
    snprintf(current_dir, sizeof current_dir, "/tmp/cbkpi-reader-XXXXXX");
    cr_assert_not_null(mkdtemp(current_dir));
    const char *dir = current_dir;
    char missing[128];
    snprintf(missing, sizeof missing, "%s/nothing.csv", dir);
    got *g = &current_got;
    g->stop_at = -1;
    cb_error err = {0};
    cr_assert_eq(reader_read_file(missing, NULL, collect, g, NULL, &err), -1);
    cr_assert_str_eq(err.file, missing);
    cr_assert_eq(err.line, 0);
    cr_assert_not_null(strstr(err.message, "cannot open"), "%s", err.message);
    memset(&err, 0, sizeof err);
    cr_assert_eq(reader_read_file(dir, NULL, collect, g, NULL, &err), -1);
    cr_assert_str_eq(err.file, dir);
    cr_assert_not_null(strstr(err.message, "folder"), "%s", err.message);
    cr_assert_eq(g->n_records, 0);

    char path[128];
    snprintf(path, sizeof path, "%s/ok.csv", dir);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs("k\tv\n1\t2\n", f);
    fclose(f);
    reader_summary summary;
    cr_assert_eq(reader_read_file(path, NULL, collect, g, &summary, &err), 0, "%s",
                 err.message);
    cr_assert_eq(g->n_records, 2);
    cr_assert_eq(summary.delimiter, '\t');
    cr_assert_eq(summary.bytes, 8);
    cr_assert_eq(unlink(path), 0);
    cr_assert_eq(rmdir(dir), 0);
    current_dir[0] = '\0';
}
