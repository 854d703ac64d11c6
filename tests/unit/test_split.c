/* Unit tests of ingest/split.h: where a large CSV file is cut into parts that are parsed at the
 * same time. Hand cases with every offset and line number worked out, then a randomized property
 * test against a model written here: an independent CSV state machine that knows where records
 * start, an editor's line count, and the documented placement of the parts. */
#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/split.h"
#include "tests/unit/testkit.h"

#define ROOM 64 /* parts a plan may write: max_parts + 1 never exceeds this */

/* ------------------------------------------------------------------ growing text buffers */

static void put_repeat(text *t, const char *s, size_t times)
{
    for (size_t i = 0; i < times; i++)
        put(t, s);
}

/* What a test allocates is freed by the suite's fini, so that a failed assertion (which ends
 * the test at once) leaves no leak report behind under LeakSanitizer. */
static text tracked[4];
static bool *tracked_flags;
static char tmp_path[64];

static text *new_text(void)
{
    for (size_t i = 0; i < 4; i++)
        if (tracked[i].data == NULL) {
            tracked[i] = (text){0};
            put(&tracked[i], "");
            return &tracked[i];
        }
    cr_assert_fail("too many texts in one test");
    return NULL;
}

static void cleanup(void)
{
    for (size_t i = 0; i < 4; i++)
        free_text(&tracked[i]);
    free(tracked_flags);
    tracked_flags = NULL;
    if (tmp_path[0] != '\0')
        unlink(tmp_path);
    tmp_path[0] = '\0';
}

TestSuite(split, .fini = cleanup);

/* Writes bytes to a temporary file (removed by the fini) and returns its path. */
static const char *write_tmp(const char *bytes, size_t len)
{
    if (tmp_path[0] != '\0')
        unlink(tmp_path);
    snprintf(tmp_path, sizeof tmp_path, "/tmp/cbkpi-split-XXXXXX");
    int fd = mkstemp(tmp_path);
    cr_assert_geq(fd, 0, "mkstemp failed");
    FILE *f = fdopen(fd, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(bytes, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
    return tmp_path;
}

/* ------------------------------------------------------------------ the model */

/* The line an editor shows for byte `offset`: CR, LF and CRLF are each one line break. */
static long editor_line(const char *t, size_t offset)
{
    long line = 1;
    for (size_t i = 0; i < offset; i++)
        if (t[i] == '\r' || (t[i] == '\n' && (i == 0 || t[i - 1] != '\r')))
            line++;
    return line;
}

enum { AT_ROW_START, AT_FIELD_START, IN_UNQUOTED, IN_QUOTED, QUOTE_IN_QUOTED };

/* A CSV state machine of its own (comma delimiter, spaces around values allowed): fills
 * boundary[p] (p in 0..len) with whether a record can start at p just after a line feed, that
 * is a line feed that ends a record rather than lying inside a quoted value. The caller frees. */
static bool *lf_boundaries(const char *t, size_t len)
{
    bool *boundary = calloc(len + 1, 1);
    cr_assert_not_null(boundary);
    int state = AT_ROW_START;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        bool end_of_line = c == '\r' || c == '\n';
        switch (state) {
        case AT_ROW_START:
        case AT_FIELD_START:
            if (c == '"')
                state = IN_QUOTED;
            else if (c == ',')
                state = AT_FIELD_START;
            else if (end_of_line)
                state = AT_ROW_START;
            else if (c != ' ' && c != '\t')
                state = IN_UNQUOTED;
            break;
        case IN_UNQUOTED:
            if (c == ',')
                state = AT_FIELD_START;
            else if (end_of_line)
                state = AT_ROW_START;
            break;
        case IN_QUOTED:
            if (c == '"')
                state = QUOTE_IN_QUOTED;
            break;
        default: /* a quote inside a quoted value: it closed the value, or a second one follows */
            if (c == '"')
                state = IN_QUOTED;
            else if (c == ',')
                state = AT_FIELD_START;
            else if (end_of_line)
                state = AT_ROW_START;
            break;
        }
        boundary[i + 1] = state == AT_ROW_START && c == '\n';
    }
    return boundary;
}

static bool has_utf16_bom(const char *t, size_t len)
{
    const unsigned char *p = (const unsigned char *)t;
    return len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF));
}

/* Where the header record ends: just after the first record-ending line break that follows the
 * first byte that is not a space, tab or line break: a line feed, or a CR that no line feed
 * follows (the header line may end with a lone CR). 0 when there is none before len. */
static size_t header_end(const char *t, size_t len, const bool *boundary)
{
    size_t start = 0;
    while (start < len && strchr(" \t\r\n", t[start]) != NULL)
        start++;
    bool quoted = false;
    for (size_t p = start; p < len; p++) {
        quoted ^= t[p] == '"';
        if (!quoted && t[p] == '\r' && p + 1 < len && t[p + 1] != '\n')
            return p + 1;
        if (p + 1 < len && boundary[p + 1])
            return p + 1;
    }
    return 0;
}

/* The plan as documented: the header part, then a part at the end of the header line, then
 * up to wanted - 1 more, part k at the first record boundary at or after size / wanted * (k - 1)
 * (and after the part before it), where wanted = min(size / part_bytes, max_parts). */
static long model_plan(const char *t, size_t len, unsigned long long part_bytes,
                       size_t max_parts, file_part *out)
{
    out[0] = (file_part){0, len, 1};
    unsigned long long wanted = part_bytes ? len / part_bytes : 0;
    if (wanted > max_parts)
        wanted = max_parts;
    if (wanted < 2 || has_utf16_bom(t, len))
        return 1;
    bool *boundary = lf_boundaries(t, len);
    size_t n = 1, head = header_end(t, len, boundary);
    if (head > 0) {
        out[n++] = (file_part){head, 0, editor_line(t, head)};
        for (unsigned long long k = 2; k <= wanted; k++) {
            size_t target = (size_t)(len / wanted * (k - 1)), p = (size_t)out[n - 1].offset + 1;
            if (p < target)
                p = target;
            while (p < len && !boundary[p])
                p++;
            if (p >= len)
                break;
            out[n++] = (file_part){p, 0, editor_line(t, p)};
        }
    }
    free(boundary);
    for (size_t k = 0; k + 1 < n; k++)
        out[k].length = out[k + 1].offset - out[k].offset;
    out[n - 1].length = len - out[n - 1].offset;
    return (long)n;
}

/* The properties every plan has, whatever the placement rule: contiguous parts that cover the
 * file, at most max_parts data parts, parts[0] the header line (with the blank lines before
 * it), every data part starting at a record boundary with its editor line number. */
static void check_invariants(const char *t, size_t len, unsigned long long part_bytes,
                             size_t max_parts, const file_part *parts, long n, const char *what)
{
    cr_assert_geq(n, 1, "%s: %ld parts", what, n);
    cr_assert_leq((size_t)n, max_parts + 1, "%s: %ld parts for max_parts %zu", what, n, max_parts);
    unsigned long long at = 0;
    for (long k = 0; k < n; k++) {
        cr_assert_eq(parts[k].offset, at, "%s: part %ld starts at %llu, want %llu (contiguous)",
                     what, k, parts[k].offset, at);
        cr_assert_gt(parts[k].length, 0, "%s: part %ld is empty", what, k);
        at += parts[k].length;
    }
    cr_assert_eq(at, len, "%s: the parts cover %llu bytes of %zu", what, at, len);
    cr_assert_eq(parts[0].first_line, 1, "%s", what);
    if (part_bytes == 0 || len / part_bytes < 2 || has_utf16_bom(t, len))
        cr_assert_eq(n, 1, "%s: %zu bytes in parts of %llu: not worth splitting, got %ld parts",
                     what, len, part_bytes, n);
    if (n == 1)
        return;
    bool *boundary = lf_boundaries(t, len);
    size_t head = header_end(t, len, boundary);
    long bad = 0;
    for (long k = 2; k < n && bad == 0; k++)
        if (!boundary[parts[k].offset])
            bad = k;
    free(boundary);
    cr_assert_eq(bad, 0, "%s: part %ld starts at byte %llu, which is not just after a line feed "
                 "that ends a record", what, bad, parts[bad].offset);
    for (long k = 1; k < n; k++) {
        long line = editor_line(t, (size_t)parts[k].offset);
        cr_assert_eq(parts[k].first_line, line, "%s: part %ld at byte %llu: first_line %ld, an "
                     "editor shows line %ld", what, k, parts[k].offset, parts[k].first_line, line);
    }
    cr_assert_eq(parts[1].offset, head, "%s: part 1 starts at %llu, the header line ends at %zu",
                 what, parts[1].offset, head);
}

static void expect_same_plan(const file_part *got, long n_got, const file_part *want, long n_want,
                             const char *what)
{
    cr_assert_eq(n_got, n_want, "%s: %ld parts, expected %ld", what, n_got, n_want);
    for (long k = 0; k < n_got; k++)
        cr_assert(got[k].offset == want[k].offset && got[k].length == want[k].length &&
                  got[k].first_line == want[k].first_line,
                  "%s: part %ld is {%llu, %llu, line %ld}, expected {%llu, %llu, line %ld}", what, k,
                  got[k].offset, got[k].length, got[k].first_line, want[k].offset, want[k].length,
                  want[k].first_line);
}

/* Plans t both in memory and as a file; checks the invariants, that both agree, and that
 * they match the model. Returns the number of parts (the plan in parts). */
static long plan_both(const char *t, size_t len, unsigned long long part_bytes, size_t max_parts,
                      file_part *parts, const char *what)
{
    cr_assert_leq(max_parts + 1, (size_t)ROOM);
    long n = split_plan_text(t, len, part_bytes, max_parts, parts);
    check_invariants(t, len, part_bytes, max_parts, parts, n, what);
    file_part from_file[ROOM], model[ROOM];
    cb_error err = {0};
    long n_file = split_plan(write_tmp(t, len), part_bytes, max_parts, from_file, &err);
    cr_assert_geq(n_file, 1, "%s: split_plan failed: %s", what, err.message);
    expect_same_plan(from_file, n_file, parts, n, what);
    long n_model = model_plan(t, len, part_bytes, max_parts, model);
    expect_same_plan(parts, n, model, n_model, what);
    return n;
}

static void expect_parts(const file_part *got, long n, const file_part *want, long n_want)
{
    expect_same_plan(got, n, want, n_want, "hand case");
}

/* ------------------------------------------------------------------ hand cases */

Test(split, small_file_is_one_part)
{
    const char *t = "workshop_id,Q1\nW1,5\nW2,4\n"; /* 26 bytes */
    size_t len = strlen(t);
    file_part parts[ROOM];
    cr_assert_eq(plan_both(t, len, 100, 8, parts, "smaller than a part"), 1);
    expect_parts(parts, 1, (file_part[]){{0, len, 1}}, 1);
    cr_assert_eq(plan_both(t, len, len / 2 + 1, 8, parts, "less than two parts"), 1);
    cr_assert_eq(plan_both(t, len, len, 8, parts, "exactly one part"), 1);
    cr_assert_eq(plan_both(t, len, len / 2, 8, parts, "exactly two parts"), 3);
    cr_assert_eq(plan_both(t, len, 0, 8, parts, "part size 0"), 1);
    cr_assert_eq(plan_both(t, len, 1, 1, parts, "at most one part"), 1);
    cr_assert_eq(split_plan_text("", 0, 1, 8, parts), 1);
    cr_assert(parts[0].offset == 0 && parts[0].length == 0 && parts[0].first_line == 1);
}

Test(split, header_then_rows)
{
    text *t = new_text();
    put(t, "h1,h2\n");
    put_repeat(t, "xx,yy\n", 20); /* 126 bytes, a row every 6 */
    file_part parts[ROOM];
    /* 126 / 30 = 4 parts after the header: targets 31, 62, 93 -> rows at 36, 66, 96. */
    cr_assert_eq(plan_both(t->data, t->len, 30, 8, parts, "four parts"), 5);
    expect_parts(parts, 5, (file_part[]){{0, 6, 1}, {6, 30, 2}, {36, 30, 7}, {66, 30, 12},
                                         {96, 30, 17}}, 5);
    /* At most two: the second at the first row at or after 63. */
    cr_assert_eq(plan_both(t->data, t->len, 30, 2, parts, "capped at two"), 3);
    expect_parts(parts, 3, (file_part[]){{0, 6, 1}, {6, 60, 2}, {66, 60, 12}}, 3);
    cr_assert_eq(plan_both(t->data, t->len, 30, 1, parts, "capped at one"), 1);
    /* Parts of 1 byte: as many as allowed, each at the next row. */
    cr_assert_eq(plan_both(t->data, t->len, 1, 8, parts, "tiny parts"), 9);
}

Test(split, quoted_line_breaks_straddling_a_target)
{
    text *t = new_text();
    put(t, "id,c\n");            /* 0..4 */
    put_repeat(t, "1,a\n", 5);   /* 5..24 */
    put(t, "2,\"");              /* 25..27: the quoted value opens at 27 */
    put_repeat(t, "x\n", 20);    /* 28..67: twenty line feeds inside the quotes */
    put(t, "\"\n");              /* 68..69 */
    put_repeat(t, "3,b\n", 10);  /* 70..109 */
    cr_assert_eq(t->len, 110);
    file_part parts[ROOM];
    /* Target 55 lies inside the quoted value: the part starts after it, at 70, on line 28. */
    cr_assert_eq(plan_both(t->data, t->len, 50, 8, parts, "quoted line breaks"), 3);
    expect_parts(parts, 3, (file_part[]){{0, 5, 1}, {5, 65, 2}, {70, 40, 28}}, 3);
}

Test(split, doubled_quotes_inside_values)
{
    text *t = new_text();
    put(t, "a,b\n");            /* 0..3 */
    put(t, "1,\"\"\"\nx\"\"\"\n"); /* 4..14: the value is a quote, a line feed, x and a quote */
    put(t, "2,\"\"\n");         /* 15..19: an empty quoted value, then the end of the row */
    put(t, "3,z\n");            /* 20..23 */
    cr_assert_eq(t->len, 24);
    file_part parts[ROOM];
    /* Targets 8 and 16: the line feed at 9 is inside the quotes (after three of them), so the
     * second part starts at 15; the one after the empty value "" at 19 ends a record. */
    cr_assert_eq(plan_both(t->data, t->len, 8, 8, parts, "doubled quotes"), 4);
    expect_parts(parts, 4, (file_part[]){{0, 4, 1}, {4, 11, 2}, {15, 5, 4}, {20, 4, 5}}, 4);
    cr_assert_eq(plan_both(t->data, t->len, 12, 8, parts, "doubled quotes, one target"), 3);
    expect_parts(parts, 3, (file_part[]){{0, 4, 1}, {4, 11, 2}, {15, 9, 4}}, 3);

    /* Values made only of doubled quotes, and a row of "" "" "": parity decides, not the look. */
    text *u = new_text();
    put(u, "a,b,c\n");
    for (int i = 0; i < 30; i++)
        put(u, i % 3 == 0 ? "\"\"\"\"\"\",\"\",\"\n\"\"\n\"\n" : i % 3 == 1 ? "\"\",\"\",\"\"\n"
                                                                             : "x,\"a\"\"\n\"\"b\",y\n");
    for (unsigned long long pb = 3; pb < u->len / 2; pb += 7)
        plan_both(u->data, u->len, pb, 8, parts, "values of doubled quotes");
}

Test(split, crlf_and_lone_cr_line_numbers)
{
    text *t = new_text();
    put(t, "h1,h2\r\n");                   /* 0..6: one line break */
    put(t, "1,\"a\rb\r\nc\nd\"\r\n");      /* 7..20: CR, CRLF, LF inside the quotes, then CRLF */
    put(t, "2,x\r\r\n");                   /* 21..26: a lone CR ends the row, then a blank CRLF */
    put(t, "3,y\n");                       /* 27..30 */
    put(t, "4,z\r\n");                     /* 31..35 */
    cr_assert_eq(t->len, 36);
    file_part parts[ROOM];
    /* Targets 9, 18, 27: record boundaries after a line feed are 7, 21, 27 and 31. */
    cr_assert_eq(plan_both(t->data, t->len, 9, 8, parts, "CR and CRLF"), 5);
    expect_parts(parts, 5, (file_part[]){{0, 7, 1}, {7, 14, 2}, {21, 6, 6}, {27, 4, 8},
                                         {31, 5, 9}}, 5);
}

/* Only the header line may end with a lone CR: the rows after it are one part. */
Test(split, lone_cr_line_endings_have_no_boundary)
{
    text *t = new_text();
    put(t, "h,i\r");
    put_repeat(t, "1,2\r", 40);
    file_part parts[ROOM];
    cr_assert_eq(plan_both(t->data, t->len, 10, 8, parts, "CR only"), 2);
    expect_parts(parts, 2, (file_part[]){{0, 4, 1}, {4, t->len - 4, 2}}, 2);
}

Test(split, no_line_feed_at_all)
{
    text *t = new_text();
    put(t, "h,i,");
    put_repeat(t, "value,", 200);
    file_part parts[ROOM];
    cr_assert_eq(plan_both(t->data, t->len, 10, 8, parts, "one line"), 1);
    expect_parts(parts, 1, (file_part[]){{0, t->len, 1}}, 1);
    /* A header line and nothing after its line feed: nothing to split either. */
    text *u = new_text();
    put_repeat(u, "column,", 40);
    put(u, "last\n");
    cr_assert_eq(plan_both(u->data, u->len, 10, 8, parts, "header only"), 1);
}

Test(split, utf16_byte_order_mark_is_one_part)
{
    for (int big_endian = 0; big_endian < 2; big_endian++) {
        text *t = new_text();
        put_bytes(t, big_endian ? "\xFE\xFF" : "\xFF\xFE", 2);
        const char *ascii = "h,i\n1,2\n3,4\n5,6\n7,8\n9,0\n";
        for (int rep = 0; rep < 20; rep++)
            for (const char *c = ascii; *c; c++) {
                char unit[2] = {big_endian ? 0 : *c, big_endian ? *c : 0};
                put_bytes(t, unit, 2);
            }
        file_part parts[ROOM];
        cr_assert_eq(plan_both(t->data, t->len, 16, 8, parts, "UTF-16"), 1);
        expect_parts(parts, 1, (file_part[]){{0, t->len, 1}}, 1);
        free_text(t);
    }
}

Test(split, header_with_a_quoted_line_break)
{
    text *t = new_text();
    put(t, "\"a\nb\",c\n");          /* 0..7: the header spans lines 1 and 2 */
    put_repeat(t, "1,2\n", 10);      /* 8..47 */
    file_part parts[ROOM];
    cr_assert_eq(plan_both(t->data, t->len, 16, 8, parts, "quoted header"), 4);
    expect_parts(parts, 4, (file_part[]){{0, 8, 1}, {8, 8, 3}, {16, 16, 5}, {32, 16, 9}}, 4);
}

Test(split, blank_lines_before_the_header)
{
    text *t = new_text();
    put(t, "\n\r\n \t\n");          /* 0..5: three blank lines */
    put(t, "h,i\n");                /* 6..9: the header, line 4 */
    put_repeat(t, "1,2\n", 10);     /* 10..49 */
    file_part parts[ROOM];
    cr_assert_eq(plan_both(t->data, t->len, 25, 8, parts, "blank lines first"), 3);
    expect_parts(parts, 3, (file_part[]){{0, 10, 1}, {10, 16, 5}, {26, 24, 9}}, 3);
}

Test(split, utf8_byte_order_mark_belongs_to_the_header)
{
    text *t = new_text();
    put(t, "\xEF\xBB\xBFh,i\n");    /* 0..6 */
    put_repeat(t, "1,2\n", 10);     /* 7..46 */
    file_part parts[ROOM];
    cr_assert_eq(plan_both(t->data, t->len, 20, 8, parts, "UTF-8 BOM"), 3);
    expect_parts(parts, 3, (file_part[]){{0, 7, 1}, {7, 16, 2}, {23, 24, 6}}, 3);
}

Test(split, last_row_without_a_line_feed)
{
    text *t = new_text();
    put(t, "h,i\n");
    put_repeat(t, "1,2\n", 9);
    put(t, "3,\"no\nend\"");        /* the file ends inside the last row's own line */
    file_part parts[ROOM];
    long n = plan_both(t->data, t->len, 10, 8, parts, "no final line feed");
    cr_assert_gt(n, 2);
    cr_assert_eq(parts[n - 1].offset + parts[n - 1].length, t->len);
}

Test(split, one_data_part_when_the_rest_is_one_record)
{
    text *t = new_text();
    put(t, "h,c\n");
    put(t, "1,\"");
    put_repeat(t, "line\n", 40);
    put(t, "\"\n");
    file_part parts[ROOM];
    cr_assert_eq(plan_both(t->data, t->len, 10, 8, parts, "one long record"), 2);
    expect_parts(parts, 2, (file_part[]){{0, 4, 1}, {4, t->len - 4, 2}}, 2);
}

/* parts[0] is documented as the header line with the blank lines before it. A header that ends
 * with a lone CR (an old Mac line end) has no line feed after it, so no part may start right
 * after it: the plan must then be one part, or start part 1 right after the CR. Starting it
 * after the next line feed puts a data row in the header part instead, where the reading in
 * parts does not see its unique key (see test_parallel.c, header_ending_in_a_lone_cr). */
Test(split, header_ending_in_a_lone_cr_holds_no_data_row)
{
    text *t = new_text();
    put(t, "h,i\r");                /* 0..3 */
    put_repeat(t, "1,2\n", 20);     /* 4..83 */
    file_part parts[ROOM];
    long n = split_plan_text(t->data, t->len, 10, 8, parts);
    cr_assert(n == 1 || parts[0].length == 4,
              "%ld parts, and the header part is bytes 0..%llu: it holds the data row at byte 4 "
              "(want one part, or a header part of the 4 bytes of the header line)", n,
              parts[0].length - 1);
}

Test(split, missing_file_is_an_error)
{
    file_part parts[ROOM];
    cb_error err = {0};
    cr_assert_eq(split_plan("/nonexistent/cbkpi/evaluations.csv", 10, 8, parts, &err), -1);
    cr_assert_neq(err.message[0], '\0', "the error says why");
}

/* Blocks of 1 MiB are walked quickly far from any target: a CRLF cut by a block boundary, and a
 * quoted value open across one, must leave the line count and the quote parity right. */
Test(split, block_boundaries_of_a_large_file)
{
    const size_t mib = (size_t)1 << 20;
    text *t = new_text();
    put(t, "id,comment,score\r\n");
    static const char *const rows[] = {
        "1,\"plain, with a comma\",4\r\n", "2,\"two\r\nlines, \"\"quoted\"\"\",5\n",
        "3,unquoted words,3\r", "4,\"cr\rinside\",2\r\n", "5,,1\n",
    };
    size_t r = 0;
    /* Rows up to a row whose CRLF straddles 1 MiB, then 2 MiB (byte 2^20 k - 1 is the CR). */
    for (size_t k = 1; k <= 2; k++) {
        while (t->len + 64 < k * mib)
            put(t, rows[r++ % 5]);
        while (t->len < k * mib - 3)
            put(t, "f");
        put(t, ",9\r\n");
        cr_assert_eq(t->data[k * mib - 1], '\r');
        cr_assert_eq(t->data[k * mib], '\n');
    }
    /* A quoted value that opens before 3 MiB and closes after it, with line breaks inside. */
    while (t->len + 64 < 3 * mib)
        put(t, rows[r++ % 5]);
    put(t, "6,\"");
    while (t->len < 3 * mib + 40)
        put(t, "open\r\nacross\rthe boundary\n");
    put(t, "\",1\r\n");
    while (t->len < 6 * mib + mib / 2)
        put(t, rows[r++ % 5]);
    file_part parts[ROOM];
    for (size_t wanted = 2; wanted <= 8; wanted += 3) {
        char what[64];
        snprintf(what, sizeof what, "6.5 MiB in %zu parts", wanted);
        long n = plan_both(t->data, t->len, t->len / wanted, 8, parts, what);
        cr_assert_eq(n, (long)wanted + 1, "%s: %ld parts", what, n);
    }
}

/* ------------------------------------------------------------------ randomized property */

static void put_random_word(rng *r, text *t)
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789 .;-";
    size_t n = 1 + below(r, 12);
    char c = letters[below(r, 26)]; /* never starts with a space */
    put_bytes(t, &c, 1);
    for (size_t i = 1; i < n; i++) {
        c = letters[below(r, sizeof letters - 1)];
        put_bytes(t, &c, 1);
    }
}

/* A quoted value: commas, doubled quotes, every kind of line break, words; now and then a long
 * one that runs over many lines. */
static void put_random_quoted(rng *r, text *t)
{
    static const char *const pieces[] = {",", "\"\"", "\n", "\r\n", "\r", " ", "word", "x,y",
                                         "\"\"\"\"", "\n\n"};
    put(t, "\"");
    size_t n = below(r, 8) == 0 ? 50 + below(r, 400) : below(r, 12);
    for (size_t i = 0; i < n; i++)
        put(t, pieces[below(r, sizeof pieces / sizeof pieces[0])]);
    put(t, "\"");
}

static void put_random_record(rng *r, text *t, size_t fields)
{
    for (size_t f = 0; f < fields; f++) {
        if (f > 0)
            put(t, ",");
        size_t kind = below(r, 10);
        if (kind < 2)
            continue; /* empty */
        if (kind < 5)
            put_random_quoted(r, t);
        else
            put_random_word(r, t);
    }
}

/* A random CSV text of about `size` bytes: blank lines, a header, then records of as many
 * fields (now and then another number), blank lines among them, every kind of line end. */
static void random_csv(rng *r, text *t, size_t size)
{
    static const char *const blanks[] = {"\n", "\r\n", " \n", "\t\r\n"};
    static const char *const line_ends[] = {"\n", "\n", "\r\n", "\r\n", "\r"};
    size_t n_blank = below(r, 3);
    for (size_t i = 0; i < n_blank; i++)
        put(t, blanks[below(r, 4)]);
    size_t fields = 1 + below(r, 6);
    put_random_record(r, t, fields);
    put(t, ",h"); /* a header with a value, whatever the record drew */
    put(t, below(r, 2) ? "\n" : "\r\n");
    while (t->len < size) {
        if (below(r, 20) == 0)
            put(t, blanks[below(r, 4)]);
        else
            put_random_record(r, t, below(r, 10) == 0 ? 1 + below(r, 8) : fields);
        if (t->len >= size && below(r, 3) == 0)
            break; /* the last record without a line end */
        put(t, line_ends[below(r, 5)]);
    }
}

/* Marks the record ends of t by a second method: the generator's grammar is regular enough
 * that a record ends at a line feed when the quotes before it are balanced. */
static void parity_ends(const char *t, size_t len, bool *end)
{
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        if (t[i] == '"')
            quoted = !quoted;
        end[i + 1] = t[i] == '\n' && !quoted;
    end[0] = false;
    }
}

Test(split, random_texts_match_the_model)
{
    rng r = {0x9E3779B97F4A7C15ULL};
    for (int iteration = 0; iteration < 400; iteration++) {
        text *t = new_text();
        size_t size = below(&r, 4) == 0 ? below(&r, 300) : 300 + below(&r, 20000);
        random_csv(&r, t, size);
        tracked_flags = calloc(t->len + 1, 1);
        cr_assert_not_null(tracked_flags);
        /* The state machine and the quote parity agree on where records end. */
        parity_ends(t->data, t->len, tracked_flags);
        bool *boundary = lf_boundaries(t->data, t->len);
        size_t differ = t->len + 1;
        for (size_t p = 0; p <= t->len && differ > t->len; p++)
            if (boundary[p] != tracked_flags[p])
                differ = p;
        free(boundary);
        cr_assert_gt(differ, t->len, "iteration %d: the test's two models disagree at byte %zu",
                     iteration, differ);
        free(tracked_flags);
        tracked_flags = NULL;

        size_t max_parts = 1 + below(&r, 12);
        unsigned long long part_bytes = below(&r, 3) == 0 ? 1 + below(&r, 64)
                                                          : 1 + below(&r, t->len / 2 + 2);
        char what[96];
        snprintf(what, sizeof what, "iteration %d (%zu bytes, parts of %llu, at most %zu)",
                 iteration, t->len, part_bytes, max_parts);
        file_part parts[ROOM], model[ROOM];
        long n;
        if (iteration % 8 == 0) {
            n = plan_both(t->data, t->len, part_bytes, max_parts, parts, what);
        } else {
            n = split_plan_text(t->data, t->len, part_bytes, max_parts, parts);
            check_invariants(t->data, t->len, part_bytes, max_parts, parts, n, what);
            long n_model = model_plan(t->data, t->len, part_bytes, max_parts, model);
            expect_same_plan(parts, n, model, n_model, what);
        }
        free_text(t);
    }
}

Test(split, random_large_texts_match_the_model)
{
    rng r = {0xD1B54A32D192ED03ULL};
    for (int iteration = 0; iteration < 3; iteration++) {
        text *t = new_text();
        random_csv(&r, t, ((size_t)5 << 19) + below(&r, (size_t)3 << 20));
        unsigned long long part_bytes = t->len / (2 + below(&r, 7));
        char what[96];
        snprintf(what, sizeof what, "large iteration %d (%zu bytes, parts of %llu)", iteration,
                 t->len, part_bytes);
        file_part parts[ROOM];
        long n = plan_both(t->data, t->len, part_bytes, 8, parts, what);
        cr_assert_gt(n, 2, "%s: %ld parts", what, n);
        free_text(t);
    }
}
