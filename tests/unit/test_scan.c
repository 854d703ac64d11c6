/* Unit tests of ingest/scan.h: the line and column where every field starts, whatever the
 * sizes of the pieces the text comes in. A randomized property test writes CSV texts from
 * tokens and works out each field's start itself as it writes them (lines from 1, columns from
 * 1 in characters; LF, CR and CRLF each end a line; spaces and tabs before a value are skipped;
 * an empty field starts at the byte that ends it; a quoted value at its opening quote); libcsv
 * confirms that the texts hold as many fields as the test expects. Then errors, hand-placed,
 * found at the same position fed whole or a byte at a time, and the limit on a value's size. */
#include <criterion/criterion.h>

#include <csv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/scan.h"
#include "tests/unit/testkit.h"

#define FILE_NAME "survey.csv"

/* ------------------------------------------------------------------ what a test allocates */

/* A list of field starts, as the generator expects them. */
typedef struct starts {
    field_position *at;
    size_t n, cap;
} starts;

static void add_start(starts *s, long line, long column)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->at = realloc(s->at, s->cap * sizeof *s->at);
        cr_assert_not_null(s->at);
    }
    s->at[s->n++] = (field_position){line, column};
}

/* Freed by the suite's fini, so that a failed assertion (which ends the test at once) leaves no
 * leak report behind under LeakSanitizer. */
static text tracked_text;
static starts tracked_starts;
static scanner tracked_scanner;

static void cleanup(void)
{
    free_text(&tracked_text);
    free(tracked_starts.at);
    tracked_starts = (starts){0};
    scanner_free(&tracked_scanner);
}

TestSuite(scanner, .fini = cleanup);

/* ------------------------------------------------------------------ feeding in pieces */

enum feeding { ONE_BYTE_AT_A_TIME, ALL_AT_ONCE, RANDOM_PIECES };

static const char *feeding_name(enum feeding how)
{
    return how == ONE_BYTE_AT_A_TIME ? "one byte at a time"
           : how == ALL_AT_ONCE      ? "all at once"
                                     : "random pieces";
}

/* Takes the starts queued so far, the way the reader takes them as libcsv reports the fields,
 * comparing each with the next one of want; returns how many have been taken in all. */
static size_t take_queued(scanner *s, const starts *want, size_t taken, const char *what,
                          enum feeding how)
{
    while (s->count > 0) {
        cr_assert_lt(taken, want->n, "%s, %s: a field start %zu is queued at %ld:%ld but only "
                     "%zu were expected", what, feeding_name(how), taken,
                     s->starts[s->head].line, s->starts[s->head].column, want->n);
        field_position got = scanner_take_start(s);
        field_position w = want->at[taken];
        cr_assert(got.line == w.line && got.column == w.column,
                  "%s, %s: field start %zu is at %ld:%ld, expected %ld:%ld", what,
                  feeding_name(how), taken, got.line, got.column, w.line, w.column);
        taken++;
    }
    return taken;
}

/* Feeds text to a fresh scanner (tracked_scanner) in pieces, then finishes it; returns 0, or
 * -1 with err set by the first call that failed. Random pieces are 1 byte to the rest of the
 * text long, often short; they come from r, which may be NULL for the other feedings. When want
 * is not NULL, the starts queued are taken and compared with it after every piece and after
 * scanner_finish, the queue is compacted after every piece, and all of want must be queued. */
static int feed(const char *t, size_t len, char delimiter, enum feeding how, rng *r,
                const starts *want, const char *what, cb_error *err)
{
    scanner *s = &tracked_scanner;
    scanner_free(s);
    scanner_init(s, FILE_NAME, delimiter);
    size_t taken = 0;
    for (size_t at = 0; at < len;) {
        size_t n = how == ONE_BYTE_AT_A_TIME ? 1
                   : how == ALL_AT_ONCE      ? len
                   : chance(r, 500)          ? 1 + below(r, 8)
                                             : 1 + below(r, len - at);
        if (n > len - at)
            n = len - at;
        if (scanner_feed(s, t + at, n, err) != 0)
            return -1;
        at += n;
        if (want != NULL) {
            taken = take_queued(s, want, taken, what, how);
            scanner_compact(s);
        }
    }
    if (scanner_finish(s, err) != 0)
        return -1;
    if (want != NULL) {
        taken = take_queued(s, want, taken, what, how);
        cr_assert_eq(taken, want->n, "%s, %s: %zu field starts queued, expected %zu; the first "
                     "missing one is field start %zu at %ld:%ld", what, feeding_name(how), taken,
                     want->n, taken, taken < want->n ? want->at[taken].line : 0L,
                     taken < want->n ? want->at[taken].column : 0L);
    }
    return 0;
}

/* ------------------------------------------------------------------ hand cases */

/* Builds a list of starts from pairs {line, column}. */
static const starts *expect(const long (*pairs)[2], size_t n)
{
    tracked_starts.n = 0;
    for (size_t i = 0; i < n; i++)
        add_start(&tracked_starts, pairs[i][0], pairs[i][1]);
    return &tracked_starts;
}

#define EXPECT(...) \
    expect((const long[][2]){__VA_ARGS__}, \
           sizeof((const long[][2]){__VA_ARGS__}) / sizeof(long[2]))

/* Feeds a hand-written text every way and checks it gives the starts written beside it. */
static void check_hand_case(const char *t, size_t len, char delimiter, const starts *want,
                            const char *what)
{
    rng r = {0x2545F4914F6CDD1DULL};
    for (int how = ONE_BYTE_AT_A_TIME; how <= RANDOM_PIECES; how++)
        for (int round = 0; round < (how == RANDOM_PIECES ? 20 : 1); round++) {
            cb_error err = {0};
            int rc = feed(t, len, delimiter, (enum feeding)how, &r, want, what, &err);
            cr_assert_eq(rc, 0, "%s, %s: refused at %ld:%ld: %s", what,
                         feeding_name((enum feeding)how), err.line, err.column, err.message);
        }
}

/* The rule on small texts, each start worked out by hand. */
Test(scanner, small_texts_give_the_starts_worked_out_by_hand)
{
    static const char a[] = "id,name,city\n1,  Anna ,\tLyon\n2,,\n";
    check_hand_case(a, sizeof a - 1, ',',
                    EXPECT({1, 1}, {1, 4}, {1, 9}, {2, 1}, {2, 5}, {2, 12}, {3, 1}, {3, 3},
                           {3, 4}),
                    "spaces before values, an empty field and an empty last field");
    static const char b[] = "x,  ,y\r\n\r\n\"a,\"\"b\"\"\r\nc\",z\rq\n";
    check_hand_case(b, sizeof b - 1, ',',
                    EXPECT({1, 1}, {1, 5}, {1, 6}, {3, 1}, {4, 4}, {5, 1}),
                    "an empty field after spaces, a blank line, a quoted value over two lines");
    static const char c[] = "é,東京,x\n  \"Zürich\" ,東\n";
    check_hand_case(c, sizeof c - 1, ',', EXPECT({1, 1}, {1, 3}, {1, 6}, {2, 3}, {2, 13}),
                    "columns count characters");
    static const char d[] = "a\t \tb\n \tc\t\n";
    check_hand_case(d, sizeof d - 1, '\t',
                    EXPECT({1, 1}, {1, 4}, {1, 5}, {2, 2}, {2, 3}, {2, 5}),
                    "with a tab delimiter a tab is not a space");
    static const char e[] = "a;b,c; \"d;e\"\n";
    check_hand_case(e, sizeof e - 1, ';', EXPECT({1, 1}, {1, 3}, {1, 8}), "semicolons");
}

/* libcsv reports a last empty field when a row ends with a delimiter and the text ends with no
 * line break; its start is where the line break would be, like that of an empty last field
 * before one. */
Test(scanner, an_empty_last_field_at_the_end_of_the_text_is_queued)
{
    static const char a[] = "a,b,";
    check_hand_case(a, sizeof a - 1, ',', EXPECT({1, 1}, {1, 3}, {1, 5}), "\"a,b,\" at the end");
    static const char b[] = "h\nx,  ";
    check_hand_case(b, sizeof b - 1, ',', EXPECT({1, 1}, {2, 1}, {2, 5}),
                    "\"h\\nx,  \" at the end");
}

/* ------------------------------------------------------------------ randomized property */

/* Writes a random CSV text and the start of every field in it, computed from the tokens as it
 * writes them: each token says how many characters it is, and line breaks move the line. */
typedef struct generator {
    rng r;
    char delimiter;
    text *t;
    starts *want;
    long line, column;
    bool after_cr; /* the last token was a lone CR: a LF right after it ends no other line */
} generator;

/* Text without line breaks, of `chars` characters. */
static void emit(generator *g, const char *bytes, long chars)
{
    put(g->t, bytes);
    g->column += chars;
    if (bytes[0] != '\0')
        g->after_cr = false;
}

static void emit_line_break(generator *g, const char *brk)
{
    put(g->t, brk);
    if (!(strcmp(brk, "\n") == 0 && g->after_cr)) {
        g->line++;
        g->column = 1;
    }
    g->after_cr = strcmp(brk, "\r") == 0;
}

/* A field starts where the next token will be written. */
static void mark_start(generator *g)
{
    add_start(g->want, g->line, g->column);
}

/* 1 to 3 spaces, and tabs unless the tab is the delimiter. */
static void emit_spaces(generator *g)
{
    size_t n = 1 + below(&g->r, 3);
    for (size_t i = 0; i < n; i++)
        emit(g, g->delimiter != '\t' && chance(&g->r, 400) ? "\t" : " ", 1);
}

static void emit_word(generator *g)
{
    static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-./:";
    size_t n = 1 + below(&g->r, 20);
    char word[24];
    for (size_t i = 0; i < n; i++)
        word[i] = chars[below(&g->r, sizeof chars - 1)];
    word[n] = '\0';
    emit(g, word, (long)n);
}

typedef struct wide {
    const char *bytes;
    long chars;
} wide;

static const wide utf8_words[] = {
    {"é", 1}, {"東京", 2}, {"Zürich", 6}, {"naïve", 5}, {"Ωμέγα", 5}, {"€5", 2},
    {"😀", 1}, {"ß", 1}, {"Ça", 2}, {"日本語テキスト", 7},
};

static void emit_utf8_word(generator *g)
{
    const wide *w = &utf8_words[below(&g->r, sizeof utf8_words / sizeof utf8_words[0])];
    emit(g, w->bytes, w->chars);
}

/* A value that holds characters of more than one byte, at its start or further in. */
static void emit_utf8_value(generator *g)
{
    size_t n = 1 + below(&g->r, 4);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && chance(&g->r, 300))
            emit(g, " ", 1);
        if (chance(&g->r, 600))
            emit_utf8_word(g);
        else
            emit_word(g);
    }
}

/* A quoted value: delimiters, commas, doubled quotes and line breaks inside; the whole is
 * short, or now and then long. */
static void emit_quoted(generator *g)
{
    emit(g, "\"", 1);
    size_t n = chance(&g->r, 100) ? 20 + below(&g->r, 60) : below(&g->r, 8);
    char delimiter[2] = {g->delimiter, '\0'};
    for (size_t i = 0; i < n; i++) {
        switch (below(&g->r, 11)) {
        case 0: emit(g, ",", 1); break;
        case 1: emit(g, delimiter, 1); break;
        case 2: emit(g, "\"\"", 2); break;
        case 3: emit_line_break(g, "\n"); break;
        case 4: emit_line_break(g, "\r\n"); break;
        case 5: emit_line_break(g, "\r"); break;
        case 6: emit(g, " ", 1); break;
        case 7: emit(g, "\t", 1); break;
        case 8: emit_utf8_word(g); break;
        default: emit_word(g); break;
        }
    }
    emit(g, "\"", 1);
}

/* A field of a row of n fields. */
static void emit_field(generator *g, size_t n)
{
    bool spaces_before = chance(&g->r, 150);
    if (spaces_before)
        emit_spaces(g);
    switch (below(&g->r, 9)) {
    case 0:
    case 1: /* empty: it starts at the delimiter or line break that follows (or the end of the
             * text); a row of one empty field is a blank line, with no field */
        if (n > 1)
            mark_start(g);
        return;
    case 2: {
        static const char *const digits[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
        mark_start(g);
        emit(g, digits[below(&g->r, 10)], 1);
        break;
    }
    case 3: /* spaces before a word, whatever spaces_before drew */
        if (!spaces_before)
            emit_spaces(g);
        mark_start(g);
        emit_word(g);
        break;
    case 4:
        mark_start(g);
        emit_utf8_value(g);
        break;
    case 5:
    case 6:
        mark_start(g);
        emit_quoted(g);
        break;
    default: /* words with a space between them */
        mark_start(g);
        emit_word(g);
        if (chance(&g->r, 500)) {
            emit(g, " ", 1);
            emit_word(g);
        }
        break;
    }
    if (chance(&g->r, 80))
        emit_spaces(g); /* after a value; after a closing quote libcsv drops them */
}

static void random_csv(generator *g)
{
    static const char *const line_ends[] = {"\n", "\n", "\n", "\r\n", "\r\n", "\r"};
    size_t rows = below(&g->r, 20) == 0 ? below(&g->r, 3) : 1 + below(&g->r, 25);
    for (size_t row = 0; row < rows; row++) {
        if (chance(&g->r, 80)) { /* a blank line, now and then with spaces on it */
            if (chance(&g->r, 300))
                emit(g, "  ", 2);
            emit_line_break(g, chance(&g->r, 500) ? "\n" : "\r\n");
        }
        size_t n = 1 + below(&g->r, 8);
        for (size_t i = 0; i < n; i++) {
            if (i > 0) {
                char delimiter[2] = {g->delimiter, '\0'};
                emit(g, delimiter, 1);
            }
            emit_field(g, n);
        }
        if (row + 1 == rows && chance(&g->r, 300))
            break; /* no line break at the end of the text */
        emit_line_break(g, line_ends[below(&g->r, 6)]);
    }
}

static size_t libcsv_fields;

static void count_field(void *data, size_t len, void *context)
{
    (void)data;
    (void)len;
    (void)context;
    libcsv_fields++;
}

/* How many fields libcsv reports in t (strict, as the reader parses), or -1 if it refuses t. */
static long libcsv_field_count(const char *t, size_t len, char delimiter)
{
    struct csv_parser parser;
    cr_assert_eq(csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI), 0);
    csv_set_delim(&parser, (unsigned char)delimiter);
    libcsv_fields = 0;
    bool ok = csv_parse(&parser, t, len, count_field, NULL, NULL) == len &&
              csv_fini(&parser, count_field, NULL, NULL) == 0;
    csv_free(&parser);
    return ok ? (long)libcsv_fields : -1;
}

/* Random texts fed in random pieces, one byte at a time and all at once: the starts queued are
 * the generator's, in order, every time. */
Test(scanner, random_texts_give_the_starts_the_generator_wrote)
{
    for (int seed = 0; seed < 2000; seed++) {
        free_text(&tracked_text);
        put(&tracked_text, "");
        tracked_starts.n = 0;
        generator g = {{0x9E3779B97F4A7C15ULL * (uint64_t)(seed + 1)}, ',', &tracked_text,
                       &tracked_starts, 1, 1, false};
        size_t d = below(&g.r, 10);
        g.delimiter = d < 7 ? ',' : d < 9 ? ';' : '\t';
        random_csv(&g);
        const char *t = tracked_text.data;
        size_t len = tracked_text.len;
        char what[64];
        snprintf(what, sizeof what, "seed %d (%zu bytes, delimiter 0x%02X)", seed, len,
                 (unsigned)(unsigned char)g.delimiter);

        long fields = libcsv_field_count(t, len, g.delimiter);
        cr_assert_eq(fields, (long)tracked_starts.n,
                     "%s: libcsv reports %ld fields, the generator wrote %zu", what, fields,
                     tracked_starts.n);

        rng pieces = {g.r.state ^ 0xD1B54A32D192ED03ULL};
        for (int how = ONE_BYTE_AT_A_TIME; how <= RANDOM_PIECES; how++) {
            cb_error err = {0};
            int rc = feed(t, len, g.delimiter, (enum feeding)how, &pieces, &tracked_starts, what,
                          &err);
            cr_assert_eq(rc, 0, "%s, %s: refused at %ld:%ld: %s", what,
                         feeding_name((enum feeding)how), err.line, err.column, err.message);
        }
    }
}

/* ------------------------------------------------------------------ errors */

typedef struct bad_text {
    const char *what;
    const char *bytes;
    size_t len;
    char delimiter;
    long line, column; /* where the error is, worked out by hand */
    bool at_finish;    /* found by scanner_finish, not by scanner_feed */
} bad_text;

#define BAD(what, bytes, delimiter, line, column, at_finish) \
    {what, bytes, sizeof bytes - 1, delimiter, line, column, at_finish}

/* Each error is found at its own position, the same fed whole and fed one byte at a time. */
Test(scanner, errors_are_found_at_the_same_position_whatever_the_pieces)
{
    static const bad_text cases[] = {
        BAD("a stray quote in an unquoted value", "id,name\n1,ab\"c\n", ',', 2, 5, false),
        BAD("a stray quote after characters of two bytes", "name,city\r\nAnna,Mü\"nchen\r\n",
            ',', 2, 8, false),
        BAD("text after a closing quote", "a,\"quoted\"x,b\n", ',', 1, 11, false),
        BAD("text after a closing quote and spaces", "a;\"x\"  y\n", ';', 1, 8, false),
        BAD("a quote after a closing quote and a space", "\"x\" \"y\"\n", ',', 1, 5, false),
        BAD("text after a quoted value over two lines", "id,text\n7,\"two\r\nlines\"!\n", ',',
            3, 7, false),
        BAD("invalid UTF-8 in a plain value", "id,name\n1,ab\xff\n", ',', 2, 5, false),
        BAD("a character cut short by an ASCII byte", "x,\xc3(\n", ',', 1, 3, false),
        BAD("a character cut short after a good one", "\xc3\xa9\xe6\x9d,y\n", ',', 1, 2, false),
        BAD("an overlong form", "ok\tgo\xc0\xaf\n", '\t', 1, 6, false),
        BAD("a surrogate", "\"\xe6\x9d\xb1\xed\xa0\x80\"\n", ',', 1, 3, false),
        BAD("a NUL byte in a value", "a,b\0c\n", ',', 1, 4, false),
        BAD("a NUL byte at the start of a line", "a\r\n\0", ',', 2, 1, false),
        BAD("a NUL byte in a quoted value", "a,\"x\ny\0\"\n", ',', 2, 2, false),
        BAD("an unclosed quote", "id,text\n1,  \"never closed,\nstill open\n", ',', 2, 5, true),
        BAD("an unclosed quote after a doubled one", "h\n\"abc\"\"", ',', 2, 1, true),
        BAD("a character cut at the end of the text", "abc\xe6\x9d", ',', 1, 4, true),
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const bad_text *c = &cases[k];
        cb_error whole = {0}, bytes = {0};
        cr_assert_eq(feed(c->bytes, c->len, c->delimiter, ALL_AT_ONCE, NULL, NULL, c->what,
                          &whole), -1, "%s: not refused", c->what);
        cr_assert_eq(feed(c->bytes, c->len, c->delimiter, ONE_BYTE_AT_A_TIME, NULL, NULL,
                          c->what, &bytes), -1, "%s: not refused one byte at a time", c->what);
        cr_assert(whole.line == c->line && whole.column == c->column,
                  "%s: refused at %ld:%ld, expected %ld:%ld (%s)", c->what, whole.line,
                  whole.column, c->line, c->column, whole.message);
        cr_assert(bytes.line == whole.line && bytes.column == whole.column,
                  "%s: refused at %ld:%ld one byte at a time, at %ld:%ld whole", c->what,
                  bytes.line, bytes.column, whole.line, whole.column);
        cr_assert_str_eq(whole.file, FILE_NAME, "%s", c->what);
        cr_assert_str_eq(bytes.message, whole.message, "%s", c->what);
        cr_assert_neq(whole.message[0], '\0', "%s: the error says why", c->what);

        /* Whether scanner_feed or scanner_finish finds it. */
        scanner_free(&tracked_scanner);
        scanner_init(&tracked_scanner, FILE_NAME, c->delimiter);
        cb_error err = {0};
        int fed = scanner_feed(&tracked_scanner, c->bytes, c->len, &err);
        cr_assert_eq(fed, c->at_finish ? 0 : -1, "%s: scanner_feed returned %d", c->what, fed);
    }
}

/* ------------------------------------------------------------------ the limit on a value */

/* "id,comment\n7,  " then a value of `bytes` bytes: letters, then `tail` (whose bytes count in
 * `bytes`), then another row. The value starts at line 2, column 5. */
static void long_value_text(size_t bytes, const char *tail)
{
    free_text(&tracked_text);
    put(&tracked_text, "id,comment\n7,  ");
    char block[4096];
    for (size_t i = 0; i < sizeof block; i++)
        block[i] = (char)('a' + i % 26);
    size_t letters = bytes - strlen(tail);
    for (size_t done = 0; done < letters;) {
        size_t n = letters - done < sizeof block ? letters - done : sizeof block;
        put_bytes(&tracked_text, block, n);
        done += n;
    }
    put(&tracked_text, tail);
    put(&tracked_text, "\n8,x\n");
}

/* Feeds tracked_text in pieces of `piece` bytes; returns the first call's result that is not 0. */
static int feed_by(size_t piece, cb_error *err)
{
    scanner *s = &tracked_scanner;
    scanner_free(s);
    scanner_init(s, FILE_NAME, ',');
    for (size_t at = 0; at < tracked_text.len; at += piece) {
        size_t n = tracked_text.len - at < piece ? tracked_text.len - at : piece;
        if (scanner_feed(s, tracked_text.data + at, n, err) != 0)
            return -1;
    }
    return scanner_finish(s, err);
}

/* The last bytes of a value walk the fast path when they are letters and the slow one when they
 * are a character of two bytes. */
static const char *const tails[] = {"", "\xc3\xa9"};

/* A value of one or two bytes more than SCAN_FIELD_MAX is refused at its start, in pieces of
 * 64 KiB (a divisor of the limit) and of 4093 bytes (not). */
Test(scanner, a_value_longer_than_the_limit_is_refused_at_its_start)
{
    static const size_t pieces[] = {(size_t)64 << 10, 4093};
    for (size_t extra = 1; extra <= 2; extra++)
        for (size_t tail = 0; tail < 2; tail++) {
            long_value_text(SCAN_FIELD_MAX + extra, tails[tail]);
            for (size_t k = 0; k < 2; k++) {
                cb_error err = {0};
                cr_assert_eq(feed_by(pieces[k], &err), -1, "a value of SCAN_FIELD_MAX + %zu "
                             "bytes (tail \"%s\") in pieces of %zu: accepted", extra,
                             tails[tail], pieces[k]);
                cr_assert(err.line == 2 && err.column == 5,
                          "a value of SCAN_FIELD_MAX + %zu bytes (tail \"%s\") in pieces of %zu: "
                          "refused at %ld:%ld, expected 2:5 (%s)", extra, tails[tail], pieces[k],
                          err.line, err.column, err.message);
            }
        }
}

/* A value of exactly SCAN_FIELD_MAX bytes is accepted, and the fields around it start where
 * they should. */
Test(scanner, a_value_of_exactly_the_limit_is_accepted)
{
    static const size_t pieces[] = {(size_t)64 << 10, 4093};
    static const long want[][2] = {{1, 1}, {1, 4}, {2, 1}, {2, 5}, {3, 1}, {3, 3}};
    for (size_t tail = 0; tail < 2; tail++) {
        long_value_text(SCAN_FIELD_MAX, tails[tail]);
        for (size_t k = 0; k < 2; k++) {
            cb_error err = {0};
            int rc = feed_by(pieces[k], &err);
            cr_assert_eq(rc, 0, "tail \"%s\", pieces of %zu: refused at %ld:%ld: %s",
                         tails[tail], pieces[k], err.line, err.column, err.message);
            cr_assert_eq(tracked_scanner.count, 6, "tail \"%s\", pieces of %zu: %zu starts",
                         tails[tail], pieces[k], tracked_scanner.count);
            for (size_t i = 0; i < 6; i++) {
                field_position got = scanner_take_start(&tracked_scanner);
                cr_assert(got.line == want[i][0] && got.column == want[i][1],
                          "tail \"%s\", pieces of %zu: start %zu at %ld:%ld, expected %ld:%ld",
                          tails[tail], pieces[k], i, got.line, got.column, want[i][0],
                          want[i][1]);
            }
        }
    }
}

/* A quote left open is refused at the quote once the value it opens passes the limit, before
 * the end of the text. */
Test(scanner, a_quote_left_open_is_refused_once_past_the_limit)
{
    free_text(&tracked_text);
    put(&tracked_text, "id,comment\r\n7,\"");
    char block[4096];
    memset(block, 'q', sizeof block);
    for (size_t done = 0; done <= SCAN_FIELD_MAX; done += sizeof block)
        put_bytes(&tracked_text, block, sizeof block);
    cb_error err = {0};
    scanner_free(&tracked_scanner);
    scanner_init(&tracked_scanner, FILE_NAME, ',');
    cr_assert_eq(scanner_feed(&tracked_scanner, tracked_text.data, tracked_text.len, &err), -1);
    cr_assert(err.line == 2 && err.column == 3, "refused at %ld:%ld, expected 2:3", err.line,
              err.column);
}
