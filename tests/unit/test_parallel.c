/* Unit tests of reading evaluations.csv in parts on several threads (ingest/ingest.c with
 * ingest/split.c and ingest/parts.c, through cli/readers.h read_evaluation). The promise: for the
 * same part size, every figure, the ledger (counts and every entry) and the comments are
 * bit-identical whatever the number of threads; and equal to a one-pass reading (a part size
 * larger than the file): exactly for counts, ledger and comments, to 1e-12 relative for the
 * means, SDs and what is computed from them.
 *
 * The evaluations file is generated: a few thousand rows with quoted comments over many lines
 * (some of them lying on the byte where a part would start), CRLF, LF and lone-CR line ends,
 * bad and out-of-scale ratings, blank rows, ragged rows, unknown workshops, rows out of scope,
 * and (workshop_id, respondent_id) pairs repeated within a part and across parts. Counts the
 * generator knows (rows read, rejected, out of scope, values left out, and the line of every
 * repeated key's first row) are checked too, so the one-pass reading is not the only judge.
 * Then variants: other part sizes, no members.csv, a byte order mark, windows-1252, semicolons,
 * blank lines before the header, no handler at all, problems printed as they are found, fatal
 * errors (the first in file order wins), a header ending in a lone CR, and UTF-16LE without a
 * byte order mark given by --encoding. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/readers.h"
#include "ingest/split.h"
#include "tests/unit/testkit.h"
#include "util/date.h"

#define ONE_PASS (1ULL << 50) /* a part size no test file reaches: one reading */
#define SMALL_PARTS 2000ULL
#define REL_TOL 1e-12

/* ------------------------------------------------------------------ what one reading gave */

typedef struct figure {
    char name[48];
    double value;
} figure;

typedef struct snapshot {
    int rc;
    cb_error err;
    figure *figures;   /* every double the evaluation reports, in a fixed order */
    size_t n_figures, cap_figures;
    text exact;        /* every count, verdict and label */
    text ledger;       /* every file's accounting and every entry */
    text comments;     /* the spooled comments in order */
    long rows[6];      /* evaluations.csv: read, used, out of scope, rejected, cells, blank */
    size_t evaluations_file; /* its index in the ledger */
    long long respondents, unrated;
    bool balanced;
} snapshot;

/* What a test allocates is freed by the suite's fini, so that a failed assertion leaves no leak
 * report behind under LeakSanitizer. */
#define MAX_SNAPSHOTS 24
static snapshot snapshots[MAX_SNAPSHOTS];
static size_t n_snapshots;
static text scratch[4];
static char tmp_dir[64];

static snapshot *new_snapshot(void)
{
    cr_assert_lt(n_snapshots, MAX_SNAPSHOTS);
    snapshot *s = &snapshots[n_snapshots++];
    memset(s, 0, sizeof *s);
    put(&s->exact, "");
    put(&s->ledger, "");
    put(&s->comments, "");
    return s;
}

static void make_tmp_dir(void)
{
    snprintf(tmp_dir, sizeof tmp_dir, "/tmp/cbkpi-parallel-XXXXXX");
    if (mkdtemp(tmp_dir) == NULL)
        cr_assert_fail("mkdtemp failed");
}

static void cleanup(void)
{
    for (size_t i = 0; i < n_snapshots; i++) {
        free(snapshots[i].figures);
        free_text(&snapshots[i].exact);
        free_text(&snapshots[i].ledger);
        free_text(&snapshots[i].comments);
    }
    n_snapshots = 0;
    for (size_t i = 0; i < 4; i++)
        free_text(&scratch[i]);
    remove_tree(tmp_dir);
}

TestSuite(parallel, .init = make_tmp_dir, .fini = cleanup);

/* Writes a file of the test's folder; the path returned stays valid for the test (one per name). */
static const char *write_file(const char *name, const char *bytes, size_t len)
{
    static char paths[16][128];
    char path_now[128];
    snprintf(path_now, sizeof path_now, "%s/%s", tmp_dir, name);
    size_t slot = 0;
    while (slot < 16 && paths[slot][0] != '\0' && strcmp(paths[slot], path_now) != 0)
        slot++;
    cr_assert_lt(slot, 16, "too many files");
    char *path = paths[slot];
    snprintf(path, 128, "%s", path_now);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    cr_assert_eq(fwrite(bytes, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
    return path;
}

/* ------------------------------------------------------------------ taking a snapshot */

static void add_figure(snapshot *s, double value, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void add_figure(snapshot *s, double value, const char *fmt, ...)
{
    if (s->n_figures == s->cap_figures) {
        s->cap_figures = s->cap_figures ? 2 * s->cap_figures : 256;
        s->figures = realloc(s->figures, s->cap_figures * sizeof *s->figures);
        if (s->figures == NULL)
            abort();
    }
    figure *f = &s->figures[s->n_figures++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->name, sizeof f->name, fmt, ap);
    va_end(ap);
    f->value = value;
}

/* An estimate: its counts and flags exactly, its numbers as figures (only those it has, so
 * that no unset field is compared). */
static void add_estimate(snapshot *s, const estimate *e, const char *name)
{
    putf(&s->exact, "%s: n=%lld value=%d interval=%d\n", name, e->n, e->has_value,
         e->has_interval);
    if (e->has_value)
        add_figure(s, e->value, "%s value", name);
    if (e->has_interval) {
        add_figure(s, e->low, "%s low", name);
        add_figure(s, e->high, "%s high", name);
    }
}

static void add_moments(snapshot *s, const stats_moments *m, const char *name)
{
    putf(&s->exact, "%s: n=%lld\n", name, m->n);
    add_figure(s, m->mean, "%s mean", name);
    add_figure(s, m->m2, "%s m2", name);
    add_figure(s, stats_moments_sd(m), "%s sd", name);
}

static void snap_evaluation(snapshot *s, const evaluation *e, size_t n_members)
{
    size_t n_w = evaluation_workshop_count(e), n_i = evaluation_item_count(e);
    int lo = evaluation_scale_min(e), hi = evaluation_scale_max(e);
    putf(&s->exact, "workshops %zu items %zu scale %d-%d respondents %lld unrated %lld\n", n_w,
         n_i, lo, hi, evaluation_respondents(e), evaluation_unrated(e));
    s->respondents = evaluation_respondents(e);
    s->unrated = evaluation_unrated(e);
    add_figure(s, evaluation_score_target(e), "score target");
    char name[48];
    for (size_t w = 0; w < n_w; w++) {
        workshop_result r = evaluation_workshop(e, w);
        putf(&s->exact, "workshop %zu %s: verdicts %d/%d %d/%d\n", w, r.workshop->id,
             r.score_verdict.status, r.score_verdict.conclusive, r.female_verdict.status,
             r.female_verdict.conclusive);
        snprintf(name, sizeof name, "workshop %zu score", w);
        add_estimate(s, &r.score, name);
        snprintf(name, sizeof name, "workshop %zu female share", w);
        add_estimate(s, &r.female_share, name);
        add_figure(s, r.sd, "workshop %zu sd", w);
        add_figure(s, r.top2, "workshop %zu top2", w);
        for (size_t i = 0; i < n_i; i++)
            add_figure(s, evaluation_item_workshop_mean(e, w, i), "workshop %zu item %zu mean", w, i);
    }
    for (size_t i = 0; i < n_i; i++) {
        item_result r = evaluation_item(e, i);
        putf(&s->exact, "item %zu %s: n=%lld counts", i, r.label, r.n);
        for (int p = 0; p <= hi - lo; p++)
            putf(&s->exact, " %lld", r.counts[p]);
        put(&s->exact, "\n");
        add_figure(s, r.mean, "item %zu mean", i);
        add_figure(s, r.median, "item %zu median", i);
        add_figure(s, r.top2, "item %zu top2", i);
    }
    estimate programme = evaluation_programme_score(e), female = evaluation_female_share(e);
    add_estimate(s, &programme, "programme");
    add_estimate(s, &female, "female share");
    for (int g = 0; g < EVAL_GENDER_GROUPS; g++) {
        snprintf(name, sizeof name, "gender %d", g);
        add_moments(s, evaluation_gender_scores(e, g), name);
    }
    for (size_t m = 0; m <= n_members; m++) {
        snprintf(name, sizeof name, "member %zu", m);
        add_moments(s, evaluation_member_scores(e, m), name);
    }
    size_t member_group[64], workshop_group[64];
    cr_assert_leq(n_members + 1, 64);
    cr_assert_leq(n_w, 64);
    for (size_t m = 0; m < n_members; m++)
        member_group[m] = m % 3;
    stats_moments groups[4] = {{0}};
    evaluation_merge_members(e, member_group, 3, groups);
    for (int g = 0; g < 3; g++) {
        snprintf(name, sizeof name, "member group %d", g);
        add_moments(s, &groups[g], name);
    }
    for (size_t w = 0; w < n_w; w++)
        workshop_group[w] = w == 2 ? 99 : w % 4; /* workshop 2 in no group */
    stats_moments wgroups[4] = {{0}};
    long long women[4] = {0}, everyone[4] = {0};
    evaluation_merge_workshops(e, workshop_group, 4, wgroups, women, everyone);
    for (int g = 0; g < 4; g++) {
        snprintf(name, sizeof name, "workshop group %d", g);
        add_moments(s, &wgroups[g], name);
        putf(&s->exact, "workshop group %d: women %lld of %lld\n", g, women[g], everyone[g]);
    }
    long long alpha_n = 0;
    add_figure(s, evaluation_alpha(e, &alpha_n), "alpha");
    putf(&s->exact, "alpha n=%lld\n", alpha_n);
}

static void snap_ledger(snapshot *s, ledger *l)
{
    for (size_t i = 0; i < ledger_file_count(l); i++) {
        const ledger_file *f = ledger_file_at(l, i);
        putf(&s->ledger, "file %zu %s kind=%s bytes=%llu sha256=%s encoding=%s delimiter=%d "
             "read=%ld used=%ld out_of_scope=%ld rejected=%ld cells=%ld blank=%ld\n", i, f->path,
             f->kind, f->bytes, f->sha256, f->encoding, f->delimiter, f->rows_read, f->rows_used,
             f->rows_out_of_scope, f->rows_rejected, f->cells_rejected, f->blank_rows);
        if (strstr(f->path, "evaluations") != NULL) {
            long rows[6] = {f->rows_read, f->rows_used, f->rows_out_of_scope, f->rows_rejected,
                            f->cells_rejected, f->blank_rows};
            memcpy(s->rows, rows, sizeof rows);
            s->evaluations_file = i;
        }
    }
    long rejected, left_out;
    ledger_totals(l, &rejected, &left_out);
    putf(&s->ledger, "problems=%ld entries=%zu rejected=%ld left_out=%ld\n",
         ledger_problem_count(l), ledger_entry_count(l), rejected, left_out);
    for (size_t i = 0; i < ledger_entry_count(l); i++) {
        const ledger_entry *e = ledger_entry_at(l, i);
        putf(&s->ledger, "entry %zu file=%zu %ld:%ld field=[%s] value=[%s] whole_row=%d: %s\n", i,
             e->file, e->line, e->column, e->field, e->value, e->whole_row, e->reason);
    }
    s->balanced = ledger_balanced(l);
}

static void snap_comments(snapshot *s, comment_spool *spool)
{
    cb_error err;
    if (comment_spool_rewind(spool, &err) != 0) {
        putf(&s->comments, "cannot rewind: %s\n", err.message);
        return;
    }
    spooled_comment c;
    char *buffer = NULL;
    size_t cap = 0;
    while (comment_spool_next(spool, &c, &buffer, &cap))
        putf(&s->comments, "workshop=%zu member=%ld line=%ld len=%zu [%s]\n", c.workshop, c.member,
             c.line, strlen(c.text), c.text);
    free(buffer);
    putf(&s->comments, "count=%ld\n", spool->count);
}

typedef struct inputs {
    const char *workshops, *evaluations, *members; /* members may be NULL */
    input_encoding encoding;
} inputs;

static plan_options test_plan(void)
{
    plan_options plan;
    cr_assert(date_parse_iso("2026-03-31", 10, &plan.as_of));
    cr_assert(date_parse_iso("2024-07-01", 10, &plan.plan_start));
    cr_assert(date_parse_iso("2026-06-30", 10, &plan.plan_end));
    return plan;
}

/* The window of recent keys the parts read with (0: the default). */
static size_t key_window;

/* Reads the inputs as `cbkpi evaluate` does, with the given part size and threads. */
static snapshot *read_with(const inputs *in, unsigned long long part_bytes, int threads)
{
    snapshot *s = new_snapshot();
    ingest_options options = ingest_default_options();
    options.reader.encoding = in->encoding;
    options.part_bytes = part_bytes;
    options.threads = threads;
    options.key_window = key_window;
    plan_options plan = test_plan();
    ledger *l = ledger_new();
    member_registry *registry = NULL;
    comment_spool spool = {0};
    evaluation_input result = {0};
    s->rc = 0;
    if (in->members != NULL) {
        s->rc = registry_load(in->members, &options, l, &registry, &s->err);
        if (s->rc == 0)
            options.members = registry->codes;
    }
    if (s->rc == 0)
        s->rc = comment_spool_open(&spool, &s->err);
    if (s->rc == 0)
        s->rc = read_evaluation(in->workshops, in->evaluations, &options, &plan, registry, &spool,
                                l, &result, &s->err);
    if (s->rc == 0) {
        snap_evaluation(s, result.evaluation, registry ? registry->count : 0);
        snap_ledger(s, l);
        snap_comments(s, &spool);
    }
    comment_spool_close(&spool);
    evaluation_input_free(&result);
    registry_free(registry);
    ledger_free(l);
    return s;
}

/* ------------------------------------------------------------------ comparing snapshots */

/* The first line where two texts differ, for the message. */
static void first_difference(const text *a, const text *b, char *out, size_t cap)
{
    size_t line_start = 0, i = 0, line = 1;
    while (i < a->len && i < b->len && a->data[i] == b->data[i]) {
        if (a->data[i] == '\n') {
            line_start = i + 1;
            line++;
        }
        i++;
    }
    const char *ea = memchr(a->data + line_start, '\n', a->len - line_start);
    const char *eb = memchr(b->data + line_start, '\n', b->len - line_start);
    int la = (int)((ea ? (size_t)(ea - a->data) : a->len) - line_start);
    int lb = (int)((eb ? (size_t)(eb - b->data) : b->len) - line_start);
    snprintf(out, cap, "line %zu:\n  %.*s\nvs\n  %.*s", line, la > 400 ? 400 : la,
             a->data + line_start, lb > 400 ? 400 : lb, b->data + line_start);
}

static void expect_same_text(const text *a, const text *b, const char *part, const char *what)
{
    if (a->len == b->len && memcmp(a->data, b->data, a->len) == 0)
        return;
    char diff[1200];
    first_difference(a, b, diff, sizeof diff);
    cr_assert_fail("%s: the %s differ at %s", what, part, diff);
}

static bool near_enough(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    double scale = fmax(fabs(a), fabs(b));
    return fabs(a - b) <= REL_TOL * scale || fabs(a - b) <= 1e-300;
}

/* Compares two readings: counts, ledger and comments exactly; the figures bit for bit when
 * bitwise, else to REL_TOL relative. */
static void expect_same(const snapshot *a, const snapshot *b, bool bitwise, const char *what)
{
    cr_assert_eq(a->rc, 0, "%s: the first reading failed: %s:%ld:%ld: %s", what, a->err.file,
                 a->err.line, a->err.column, a->err.message);
    cr_assert_eq(b->rc, 0, "%s: the second reading failed: %s:%ld:%ld: %s", what, b->err.file,
                 b->err.line, b->err.column, b->err.message);
    expect_same_text(&a->ledger, &b->ledger, "ledgers", what);
    expect_same_text(&a->exact, &b->exact, "counts", what);
    expect_same_text(&a->comments, &b->comments, "comments", what);
    cr_assert_eq(a->n_figures, b->n_figures, "%s: %zu figures vs %zu", what, a->n_figures,
                 b->n_figures);
    for (size_t i = 0; i < a->n_figures; i++) {
        const figure *x = &a->figures[i], *y = &b->figures[i];
        cr_assert_str_eq(x->name, y->name, "%s: figure %zu", what, i);
        if (bitwise) {
            cr_assert(memcmp(&x->value, &y->value, sizeof x->value) == 0,
                      "%s: %s is %.17g vs %.17g: not bit-identical", what, x->name, x->value,
                      y->value);
            continue;
        }
        bool ok = near_enough(x->value, y->value);
        cr_assert(ok, "%s: %s is %.17g vs %.17g (relative %.3g)", what, x->name, x->value,
                  y->value, fabs(x->value - y->value) / fmax(fabs(x->value), fabs(y->value)));
    }
}

static void expect_error_same(const snapshot *a, const snapshot *b, const char *what)
{
    cr_assert(a->rc != 0 && b->rc != 0, "%s: readings returned %d and %d, want two failures",
              what, a->rc, b->rc);
    cr_assert(strcmp(a->err.file, b->err.file) == 0 && a->err.line == b->err.line &&
              a->err.column == b->err.column && strcmp(a->err.message, b->err.message) == 0,
              "%s: errors differ:\n  %s:%ld:%ld: %s\nvs\n  %s:%ld:%ld: %s", what, a->err.file,
              a->err.line, a->err.column, a->err.message, b->err.file, b->err.line, b->err.column,
              b->err.message);
}

/* ------------------------------------------------------------------ the generated inputs */

#define N_WORKSHOPS 24
#define N_MEMBERS 10
static const char *const member_codes[N_MEMBERS] = {"AU", "FJ", "NZ", "JP", "KR",
                                                    "CN", "IN", "TH", "SG", "PH"};

/* Workshop w (0-based) is W01..W24; W05 started before the plan window, W17 after the as-of
 * date: both are left out, with their questionnaires. W24 gives no participant counts. */
static bool workshop_counts(size_t w)
{
    return w != 4 && w != 16;
}

static const char *write_workshops(void)
{
    text *t = &scratch[0];
    free_text(t);
    put(t, "workshop_id,title,start_date,end_date,host_member,action,modality,"
           "participants_female,participants_male,participants_other\n");
    for (size_t w = 0; w < N_WORKSHOPS; w++) {
        const char *start = w == 4 ? "2023-05-01" : w == 16 ? "2026-05-04" : NULL;
        char date[16];
        if (start == NULL) {
            long first;
            cr_assert(date_parse_iso("2024-07-03", 10, &first));
            date_format_iso(first + 25 * (long)w, date); /* the last, W24, on 2026-01-29 */
            start = date;
        }
        putf(t, "W%02zu,\"Workshop %zu, regional\",%s,,%s,1.a,%s,", w + 1, w + 1, start,
             w % 7 == 3 ? "ZZ" : member_codes[w % N_MEMBERS],
             w % 3 == 0 ? "in-person" : w % 3 == 1 ? "virtual" : "hybrid");
        if (w == N_WORKSHOPS - 1)
            put(t, ",,\n");
        else
            putf(t, "%zu,%zu,%zu\n", 5 + w % 9, 8 + (w * 7) % 11, w % 2);
    }
    return write_file("workshops.csv", t->data, t->len);
}

static const char *write_members(void)
{
    text *t = &scratch[1];
    free_text(t);
    put(t, "member_code,member_name,subregion\n");
    for (size_t m = 0; m < N_MEMBERS; m++)
        putf(t, "%s,Member %zu,%s\n", member_codes[m], m, m < 5 ? "Pacific" : "Asia");
    return write_file("members.csv", t->data, t->len);
}

/* What the generator knows about the evaluations file it wrote. */
typedef struct expected {
    long rows_read, rows_rejected, rows_out_of_scope, cells_rejected;
    long long respondents, unrated;
    size_t n_dups;
    size_t dup_offset[400], dup_first_offset[400]; /* where the repeating and the first row start */
    long dup_line[400], dup_first_line[400];
    size_t n_long;
    size_t long_start[4000], long_end[4000];       /* quoted comments over several lines */
} expected;

static expected fixture;

typedef struct candidate {
    size_t workshop;
    char respondent[16];
    size_t offset;
} candidate;

static void put_long_comment(rng *r, text *t, size_t *start, size_t *end)
{
    static const char *const pieces[] = {
        "Line of text, with a comma", "\n", "\r\n", " and \"\"quoted\"\" words", "\xC3\xA9",
        "\xE4\xB8\xAD", " more words; ", "\r", ", , ,", "\n\n"};
    *start = t->len;
    put(t, "\"first line\n");
    size_t length = 80 + below(r, 600);
    while (t->len - *start < length)
        put(t, pieces[below(r, sizeof pieces / sizeof pieces[0])]);
    put(t, "\"");
    *end = t->len;
}

/* The evaluations file: header, then n data rows (about 1 in 70 a blank row instead). The column
 * order puts comments before the ratings, so that a rating after a comment over several lines has
 * its line and column counted from the comment's last line. */
static void make_evaluations(uint64_t seed, size_t n, text *t)
{
    static const char *const line_ends[] = {"\r\n", "\r\n", "\r\n", "\n", "\n"};
    static const char *const blanks[] = {"\r\n", ",,,,,,,,,,\r\n", "   \n", ",, ,\n"};
    static const char *const genders[] = {"female", "male", "other", "F", "m", "", "Woman", "x"};
    static const char *const short_comments[] = {"good", "too long", "more exercises please", "ok"};
    static const char *const quoted_comments[] = {
        "\"Tr\xC3\xA8s bien, merci; \"\"super\"\"\"", "\"Useful, practical, well run\"",
        "\"\"\"Hands-on\"\" sessions, \xE4\xB8\xAD\xE6\x96\x87\"", "\"\""};
    static candidate candidates[8000];
    size_t n_candidates = 0;
    /* Keys of rows that were used, to know which later rows repeat one. */
    static char used_keys[8000][24];
    static size_t used_offsets[8000];
    size_t n_used = 0;
    rng r = {seed * 0x9E3779B97F4A7C15ULL + 1};
    memset(&fixture, 0, sizeof fixture);
    free_text(t);
    put(t, "workshop_id,respondent_id,comments,member_code,gender,submitted_at,Relevance,"
           "Quality,\"Expertise, facilitators\",Exercises,Logistics\r\n");
    cr_assert_lt(n, 8000);
    for (size_t i = 1; i <= n; i++) {
        if (chance(&r, 15)) {
            put(t, blanks[below(&r, 4)]);
            continue;
        }
        size_t offset = t->len;
        fixture.rows_read++;
        /* The key: a repeat of an earlier row's (near: likely the same part; far: likely an
         * earlier part), or a new one. */
        size_t workshop; /* 0..23, 98: "W99" unknown, 99: empty */
        char respondent[16] = "";
        const char *workshop_text = NULL;
        if (n_candidates > 20 && chance(&r, 30)) {
            const candidate *c = &candidates[chance(&r, 500) ? n_candidates - 1 - below(&r, 15)
                                                             : below(&r, n_candidates)];
            workshop = c->workshop;
            snprintf(respondent, sizeof respondent, "%s", c->respondent);
        } else {
            workshop = chance(&r, 30) ? 98 : chance(&r, 10) ? 99 : below(&r, N_WORKSHOPS);
            if (!chance(&r, 20))
                snprintf(respondent, sizeof respondent, "R%05zu", i);
        }
        char id[16];
        if (workshop == 98)
            workshop_text = "W99";
        else if (workshop == 99)
            workshop_text = "";
        else {
            snprintf(id, sizeof id, chance(&r, 20) ? " W%02zu " : "W%02zu", workshop + 1);
            workshop_text = id;
        }
        putf(t, "%s,%s,", workshop_text, respondent);
        long cells = 0; /* values this row would have left out */
        size_t kind = below(&r, 100);
        if (kind < 15) {
            cr_assert_lt(fixture.n_long, 4000);
            put_long_comment(&r, t, &fixture.long_start[fixture.n_long],
                             &fixture.long_end[fixture.n_long]);
            fixture.n_long++;
        } else if (kind < 30) {
            put(t, quoted_comments[below(&r, 4)]);
        } else if (kind < 45) {
            put(t, short_comments[below(&r, 4)]);
        }
        size_t m = below(&r, 100);
        if (m < 10)
            put(t, ",");
        else if (m < 15) {
            put(t, ",ZZ");
            cells++;
        } else if (m < 20)
            putf(t, ",%c%c", member_codes[m % N_MEMBERS][0] + 32, member_codes[m % N_MEMBERS][1] + 32);
        else
            putf(t, ",%s", member_codes[m % N_MEMBERS]);
        const char *gender = genders[below(&r, 8)];
        putf(t, ",%s", gender);
        cells += strcmp(gender, "x") == 0;
        size_t d = below(&r, 100);
        bool late = false;
        if (d < 10)
            put(t, ",");
        else if (d < 13) {
            put(t, ",2026-05-01");
            late = true;
        } else if (d < 15) {
            put(t, ",2025-02-30"); /* no such day */
            cells++;
        } else
            putf(t, ",2025-%02zu-%02zu", 1 + d % 12, 1 + d % 28);
        int base = 1 + (int)below(&r, 5), rated = 0;
        for (int item = 0; item < 5; item++) {
            size_t v = below(&r, 1000);
            if (v < 60)
                put(t, ",");
            else if (v < 70)
                put(t, ",NA");
            else if (v < 80) {
                put(t, ",7");
                cells++;
            } else if (v < 85) {
                put(t, ",0");
                cells++;
            } else if (v < 90) {
                put(t, ",abc");
                cells++;
            } else if (v < 95) {
                put(t, ",4.5");
                cells++;
            } else if (v < 100) {
                put(t, ", 3 ");
                rated++;
            } else {
                int rating = base + (int)below(&r, 4) - 1 - (below(&r, 4) == 0);
                putf(t, ",%d", rating < 1 ? 1 : rating > 5 ? 5 : rating);
                rated++;
            }
        }
        bool ragged = chance(&r, 5);
        if (ragged)
            put(t, ",extra");
        put(t, i == n ? "\r\n" : chance(&r, 20) ? "\r" : line_ends[below(&r, 5)]);

        /* What the reading must make of the row. */
        char key[24];
        snprintf(key, sizeof key, "%zu|%s", workshop, respondent);
        if (ragged || workshop >= 98) {
            fixture.rows_rejected++;
            continue;
        }
        if (respondent[0] != '\0') {
            size_t k = 0;
            while (k < n_used && strcmp(used_keys[k], key) != 0)
                k++;
            if (k < n_used) {
                fixture.rows_rejected++;
                cr_assert_lt(fixture.n_dups, 400);
                fixture.dup_offset[fixture.n_dups] = offset;
                fixture.dup_first_offset[fixture.n_dups] = used_offsets[k];
                fixture.n_dups++;
                continue;
            }
            snprintf(used_keys[n_used], sizeof used_keys[n_used], "%s", key);
            used_offsets[n_used++] = offset;
            candidates[n_candidates].workshop = workshop;
            snprintf(candidates[n_candidates].respondent, 16, "%s", respondent);
            candidates[n_candidates++].offset = offset;
        }
        fixture.cells_rejected += cells;
        if (!workshop_counts(workshop) || late) {
            fixture.rows_out_of_scope++;
            continue;
        }
        if (rated > 0)
            fixture.respondents++;
        else
            fixture.unrated++;
    }
}

/* Line numbers of byte offsets, as an editor counts them (offsets in increasing order). */
static void lines_of(const text *t, const size_t *offsets, long *lines, size_t n)
{
    size_t at = 0;
    long line = 1;
    for (size_t i = 0; i < n; i++) {
        for (; at < offsets[i]; at++)
            if (t->data[at] == '\r' || (t->data[at] == '\n' && (at == 0 || t->data[at - 1] != '\r')))
                line++;
        lines[i] = line;
    }
}

static size_t part_of(const file_part *parts, long n_parts, size_t offset)
{
    size_t k = 0;
    while (k + 1 < (size_t)n_parts && parts[k + 1].offset <= offset)
        k++;
    return k;
}

/* Writes the three inputs; the evaluations file is the first one (trying seeds in order) that
 * splits into the most parts at SMALL_PARTS, has a repeated key within one part and one across
 * parts, and has comments over several lines on at least two part targets. */
static inputs write_inputs(size_t rows)
{
    inputs in = {write_workshops(), NULL, write_members(), ENCODING_AUTO};
    text *t = &scratch[2];
    for (uint64_t seed = 1; seed <= 40; seed++) {
        make_evaluations(seed, rows, t);
        in.evaluations = write_file("evaluations.csv", t->data, t->len);
        file_part parts[INGEST_MAX_PARTS + 1];
        cb_error err;
        long n_parts = split_plan(in.evaluations, SMALL_PARTS, INGEST_MAX_PARTS, parts, &err);
        if (n_parts != INGEST_MAX_PARTS + 1)
            continue;
        size_t offsets[800];
        long lines[800];
        /* Sort the offsets of the repeated rows and of their first rows to number their lines. */
        size_t n_off = 0;
        for (size_t i = 0; i < fixture.n_dups; i++) {
            offsets[n_off++] = fixture.dup_first_offset[i];
            offsets[n_off++] = fixture.dup_offset[i];
        }
        for (size_t i = 1; i < n_off; i++)
            for (size_t j = i; j > 0 && offsets[j - 1] > offsets[j]; j--) {
                size_t swap = offsets[j];
                offsets[j] = offsets[j - 1];
                offsets[j - 1] = swap;
            }
        lines_of(t, offsets, lines, n_off);
        bool within = false, across = false;
        for (size_t i = 0; i < fixture.n_dups; i++) {
            for (size_t j = 0; j < n_off; j++) {
                if (offsets[j] == fixture.dup_offset[i])
                    fixture.dup_line[i] = lines[j];
                if (offsets[j] == fixture.dup_first_offset[i])
                    fixture.dup_first_line[i] = lines[j];
            }
            bool same = part_of(parts, n_parts, fixture.dup_offset[i]) ==
                        part_of(parts, n_parts, fixture.dup_first_offset[i]);
            within |= same;
            across |= !same;
        }
        size_t on_target = 0;
        for (size_t k = 2; k <= INGEST_MAX_PARTS; k++) {
            size_t target = t->len / INGEST_MAX_PARTS * (k - 1);
            for (size_t c = 0; c < fixture.n_long; c++)
                on_target += fixture.long_start[c] < target && target < fixture.long_end[c];
        }
        if (within && across && on_target >= 3) {
            cr_log_info("evaluations.csv: seed %llu, %zu bytes, %ld rows, %zu repeated keys, %zu "
                        "comments over several lines (%zu on part targets), %ld rejected, %ld out "
                        "of scope, %ld values left out", (unsigned long long)seed, t->len,
                        fixture.rows_read, fixture.n_dups, fixture.n_long, on_target,
                        fixture.rows_rejected, fixture.rows_out_of_scope, fixture.cells_rejected);
            return in;
        }
    }
    cr_assert_fail("no seed gave an evaluations file with every case the test needs");
    return in;
}

/* The counts the generator knows, in one reading. */
static void expect_generated_counts(const snapshot *s, const char *what)
{
    cr_assert_eq(s->rc, 0, "%s: %s", what, s->err.message);
    cr_assert_eq(s->rows[0], fixture.rows_read, "%s: rows read %ld, the file has %ld", what,
                 s->rows[0], fixture.rows_read);
    cr_assert_eq(s->rows[3], fixture.rows_rejected, "%s: rows rejected %ld, want %ld", what,
                 s->rows[3], fixture.rows_rejected);
    cr_assert_eq(s->rows[0], s->rows[1] + s->rows[3], "%s: read %ld != used %ld + rejected %ld",
                 what, s->rows[0], s->rows[1], s->rows[3]);
    cr_assert(s->balanced, "%s: the ledger is not balanced", what);
    cr_assert_eq(s->rows[2], fixture.rows_out_of_scope, "%s: rows out of scope %ld, want %ld",
                 what, s->rows[2], fixture.rows_out_of_scope);
    cr_assert_eq(s->rows[4], fixture.cells_rejected, "%s: values left out %ld, want %ld", what,
                 s->rows[4], fixture.cells_rejected);
    cr_assert_eq(s->respondents, fixture.respondents, "%s: respondents %lld, want %lld", what,
                 s->respondents, fixture.respondents);
    cr_assert_eq(s->unrated, fixture.unrated, "%s: unrated %lld, want %lld", what, s->unrated,
                 fixture.unrated);
    /* Every repeated key is rejected at its own line, naming the line of the first row. */
    for (size_t i = 0; i < fixture.n_dups; i++) {
        char want[160];
        snprintf(want, sizeof want, " already appears at line %ld; the later row is left out",
                 fixture.dup_first_line[i]);
        char tag[32];
        snprintf(tag, sizeof tag, " file=%zu ", s->evaluations_file);
        bool found = false;
        for (const char *p = strstr(s->ledger.data, tag); p != NULL && !found;
             p = strstr(p + 1, tag)) {
            long line, column;
            if (sscanf(p + strlen(tag), "%ld:%ld", &line, &column) != 2 ||
                line != fixture.dup_line[i])
                continue;
            const char *end = strchr(p, '\n');
            const char *hit = strstr(p, want);
            found = hit != NULL && (end == NULL || hit < end);
        }
        cr_assert(found, "%s: no entry at line %ld saying the key%s", what, fixture.dup_line[i],
                  want);
    }
}

/* ------------------------------------------------------------------ the tests */

Test(parallel, same_results_for_any_thread_count_and_as_one_pass, .timeout = 300)
{
    inputs in = write_inputs(3000);
    snapshot *one_pass = read_with(&in, ONE_PASS, 1);
    expect_generated_counts(one_pass, "one pass");
    snapshot *t1 = read_with(&in, SMALL_PARTS, 1);
    expect_generated_counts(t1, "parts of 2000 bytes, 1 thread");
    static const int threads[] = {2, 3, 0, 8};
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++) {
        char what[80];
        snprintf(what, sizeof what, "parts of 2000 bytes, %d threads vs 1", threads[i]);
        expect_same(t1, read_with(&in, SMALL_PARTS, threads[i]), true, what);
    }
    expect_same(one_pass, t1, false, "parts of 2000 bytes vs one pass");
}

Test(parallel, other_part_sizes_match_one_pass, .timeout = 300)
{
    inputs in = write_inputs(3000);
    struct stat info;
    cr_assert_eq(stat(in.evaluations, &info), 0);
    unsigned long long size = (unsigned long long)info.st_size;
    snapshot *one_pass = read_with(&in, ONE_PASS, 2);
    expect_generated_counts(one_pass, "one pass, 2 threads");
    const unsigned long long sizes[] = {size / 2, size / 3 + 1, size / 5, 4096, 1};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char what[80];
        snprintf(what, sizeof what, "parts of %llu bytes, 3 threads vs one pass", sizes[i]);
        snapshot *three = read_with(&in, sizes[i], 3);
        expect_same(one_pass, three, false, what);
        if (i == 1) {
            snprintf(what, sizeof what, "parts of %llu bytes, 1 thread vs 3", sizes[i]);
            expect_same(three, read_with(&in, sizes[i], 1), true, what);
        }
    }
}

/* How many recent keys a part remembers (so that it leaves a near repeat out at once, and is
 * read a second time only for the others) changes nothing in the results: windows of 1, 3 and
 * 40 keys, where the default holds every key of these small parts. */
Test(parallel, window_of_recent_keys_changes_nothing, .timeout = 300)
{
    inputs in = write_inputs(3000);
    snapshot *one_pass = read_with(&in, ONE_PASS, 1);
    static const size_t windows[] = {1, 3, 40};
    for (size_t i = 0; i < sizeof windows / sizeof windows[0]; i++) {
        key_window = windows[i];
        char what[80];
        snprintf(what, sizeof what, "parts remembering %zu keys, 2 threads, vs one pass",
                 windows[i]);
        expect_same(one_pass, read_with(&in, SMALL_PARTS, 2), false, what);
    }
    key_window = 0;
}

/* Without members.csv member codes are not checked: the same promise. */
Test(parallel, without_members)
{
    inputs in = write_inputs(1500);
    in.members = NULL;
    snapshot *one_pass = read_with(&in, ONE_PASS, 1);
    snapshot *t1 = read_with(&in, SMALL_PARTS, 1);
    expect_same(t1, read_with(&in, SMALL_PARTS, 4), true, "no members, 4 threads vs 1");
    expect_same(one_pass, t1, false, "no members, parts vs one pass");
}

/* A UTF-8 byte order mark, and a windows-1252 file read with --encoding windows-1252: the parts
 * are decoded as the header part was, and columns still count characters. */
Test(parallel, byte_order_mark_and_windows_1252)
{
    inputs in = write_inputs(1200);
    text *t = &scratch[2], *bom = &scratch[3];
    free_text(bom);
    put(bom, "\xEF\xBB\xBF");
    put_bytes(bom, t->data, t->len);
    in.evaluations = write_file("evaluations-bom.csv", bom->data, bom->len);
    snapshot *one_pass = read_with(&in, ONE_PASS, 1);
    expect_same(one_pass, read_with(&in, SMALL_PARTS, 3), false, "UTF-8 BOM, parts vs one pass");

    /* windows-1252: every UTF-8 character of the file becomes one byte (é is 0xE9, the others
     * become '?'), and a few 0x80-0x9F bytes (euro sign, curly quotes) are added to comments. */
    free_text(bom);
    for (size_t i = 0; i < t->len; i++) {
        unsigned char c = (unsigned char)t->data[i];
        if (c == 0xC3 && i + 1 < t->len && (unsigned char)t->data[i + 1] == 0xA9) {
            put_bytes(bom, "\xE9", 1);
            i++;
        } else if (c >= 0xE0) {
            put_bytes(bom, "\x80\x93", 2);
            i += 2;
        } else if (c >= 0x80) {
            put_bytes(bom, "?", 1);
        } else {
            put_bytes(bom, (const char *)&t->data[i], 1);
        }
    }
    in.evaluations = write_file("evaluations-1252.csv", bom->data, bom->len);
    in.encoding = ENCODING_WINDOWS_1252;
    one_pass = read_with(&in, ONE_PASS, 1);
    cr_assert_eq(one_pass->rc, 0, "windows-1252: %s", one_pass->err.message);
    cr_assert(strstr(one_pass->comments.data, "\xE2\x82\xAC") != NULL,
              "the euro sign of windows-1252 byte 0x80 reached the comments");
    expect_same(one_pass, read_with(&in, SMALL_PARTS, 3), false,
                "windows-1252, parts vs one pass");
}

/* Variants of the same file: semicolons for commas, blank lines before the header, a UTF-8 byte
 * order mark on a blank first line, a record of empty values before the header. (The last two
 * leave the header part without a header: the file is then read in one pass.) */
Test(parallel, delimiter_and_what_comes_before_the_header, .timeout = 300)
{
    inputs in = write_inputs(1200);
    text *t = &scratch[2], *v = &scratch[3];
    static const char *const prefixes[] = {"", "\r\n  \n\t\r\n", "\xEF\xBB\xBF\r\n",
                                           ",,,\r\n"};
    for (size_t variant = 0; variant < 4; variant++) {
        free_text(v);
        put(v, prefixes[variant]);
        bool quoted = false;
        for (size_t i = 0; i < t->len; i++) {
            char c = t->data[i];
            quoted ^= c == '"';
            if (variant == 0 && c == ',' && !quoted)
                c = ';';
            put_bytes(v, &c, 1);
        }
        char name[48];
        snprintf(name, sizeof name, "evaluations-%zu.csv", variant);
        in.evaluations = write_file(name, v->data, v->len);
        snapshot *one_pass = read_with(&in, ONE_PASS, 1);
        cr_assert_eq(one_pass->rc, 0, "variant %zu: %s", variant, one_pass->err.message);
        cr_assert_eq(one_pass->rows[0], fixture.rows_read, "variant %zu: %ld rows read, want %ld",
                     variant, one_pass->rows[0], fixture.rows_read);
        char what[80];
        snprintf(what, sizeof what, "variant %zu, parts of 2000 bytes, 3 threads vs one pass",
                 variant);
        expect_same(one_pass, read_with(&in, SMALL_PARTS, 3), false, what);
    }
}

/* Without a handler (only the ledger is kept) a file is read in parts too: the same ledger. */
Test(parallel, no_handler_same_ledger)
{
    inputs in = write_inputs(1500);
    const char *path = in.evaluations;
    snapshot *got[3];
    static const struct {
        unsigned long long part_bytes;
        int threads;
    } runs[] = {{ONE_PASS, 1}, {SMALL_PARTS, 1}, {SMALL_PARTS, 3}};
    for (size_t i = 0; i < 3; i++) {
        snapshot *s = got[i] = new_snapshot();
        ingest_options options = ingest_default_options();
        options.part_bytes = runs[i].part_bytes;
        options.threads = runs[i].threads;
        ledger *l = ledger_new();
        s->rc = ingest_file(path, KIND_EVALUATIONS, &options, NULL, l, &s->err);
        if (s->rc == 0)
            snap_ledger(s, l);
        ledger_free(l);
        cr_assert_eq(s->rc, 0, "%s", s->err.message);
    }
    cr_assert_eq(got[0]->rows[0], fixture.rows_read);
    cr_assert(got[0]->balanced);
    expect_same_text(&got[1]->ledger, &got[2]->ledger, "ledgers", "no handler, 3 threads vs 1");
    expect_same_text(&got[0]->ledger, &got[1]->ledger, "ledgers", "no handler, parts vs one pass");
}

/* Problems are printed as they are recorded (ledger_set_echo): `cbkpi validate` prints every one
 * of them, other commands the first 50. A file read in parts prints the same lines, in the same
 * order, as one pass, even when one part holds more problems than the ledger keeps entries for
 * (LEDGER_MAX_ENTRIES): here two parts of 120,000 problems each. */
static void read_echoing(const char *path, unsigned long long part_bytes, long limit, FILE *echo,
                         long *problems)
{
    ingest_options options = ingest_default_options();
    options.part_bytes = part_bytes;
    options.threads = 2;
    ledger *l = ledger_new();
    ledger_set_echo(l, echo, limit);
    cb_error err;
    int rc = ingest_file(path, KIND_EVALUATIONS, &options, NULL, l, &err);
    *problems = ledger_problem_count(l);
    ledger_free(l);
    cr_assert_eq(rc, 0, "%s", err.message);
}

static bool same_file_content(FILE *a, FILE *b, long *lines)
{
    rewind(a);
    rewind(b);
    *lines = 0;
    int x, y;
    do {
        x = getc(a);
        y = getc(b);
        *lines += x == '\n';
    } while (x == y && x != EOF);
    return x == y;
}

Test(parallel, problems_are_echoed_as_in_one_pass, .timeout = 300)
{
    text *t = &scratch[2];
    free_text(t);
    put(t, "workshop_id,respondent_id,Q1,Q2,Q3,Q4,Q5\n");
    for (int i = 0; i < 48000; i++)
        putf(t, "W1,R%d,9,9,9,9,9\n", i); /* five ratings outside the scale per row */
    const char *path = write_file("many-problems.csv", t->data, t->len);
    static const long limits[] = {LONG_MAX, 50};
    for (size_t i = 0; i < 2; i++) {
        FILE *one = tmpfile(), *parts = tmpfile();
        cr_assert(one != NULL && parts != NULL);
        long problems_one, problems_parts, lines;
        read_echoing(path, ONE_PASS, limits[i], one, &problems_one);
        read_echoing(path, t->len / 2, limits[i], parts, &problems_parts);
        bool same = same_file_content(one, parts, &lines);
        long printed_one = 0;
        rewind(one);
        for (int c; (c = getc(one)) != EOF;)
            printed_one += c == '\n';
        fclose(one);
        fclose(parts);
        cr_assert_eq(problems_one, 240000);
        cr_assert_eq(problems_parts, problems_one);
        cr_assert(same, "echo limit %ld: one pass printed %ld lines, two parts print the same "
                  "first %ld lines, then differ", limits[i], printed_one, lines);
    }
}

/* A problem that stops the reading is the first one in the file, whichever part finds it
 * first in time: the same file, line, column and message as one pass. */
Test(parallel, fatal_error_is_the_first_in_file_order, .timeout = 300)
{
    inputs in = write_inputs(1500);
    text *t = &scratch[2], *bad = &scratch[3];
    file_part parts[INGEST_MAX_PARTS + 1];
    cr_assert_eq(split_plan_text(t->data, t->len, SMALL_PARTS, INGEST_MAX_PARTS, parts),
                 INGEST_MAX_PARTS + 1);
    /* The first byte of the first short comment "good" after a part start, made invalid. */
    size_t utf8_at = 0, quote_at = 0;
    const char *p = strstr(t->data + parts[5].offset, ",good,");
    cr_assert_not_null(p);
    utf8_at = (size_t)(p - t->data) + 1;
    p = strstr(t->data + parts[7].offset, ",ok,");
    cr_assert_not_null(p);
    quote_at = (size_t)(p - t->data) + 2; /* o"k: a stray quote, which also flips the parity */
    cr_assert_lt(utf8_at, parts[6].offset, "the invalid byte lies in part 5");
    cr_assert_lt(quote_at, parts[8].offset, "the stray quote lies in part 7");

    static const struct {
        const char *name;
        bool utf8, quote, early_quote, unclosed;
    } cases[] = {
        {"invalid UTF-8 in part 5, stray quote in part 7", true, true, false, false},
        {"stray quote in part 7 only", false, true, false, false},
        {"stray quote in part 2, invalid UTF-8 in part 5", true, false, true, false},
        {"a quote opened in the unquoted value of a row of the last part", false, false, false,
         true},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        free_text(bad);
        put_bytes(bad, t->data, t->len);
        if (cases[c].utf8)
            bad->data[utf8_at] = (char)0xFF;
        if (cases[c].quote)
            bad->data[quote_at] = '"';
        if (cases[c].early_quote) {
            p = strstr(t->data + parts[2].offset, ",ok,");
            cr_assert(p != NULL && (size_t)(p - t->data) < parts[3].offset);
            bad->data[p - t->data + 2] = '"';
        }
        if (cases[c].unclosed) {
            p = strstr(t->data + parts[8].offset, ",ok,");
            cr_assert_not_null(p);
            bad->data[p - t->data + 1] = '"'; /* "k, ... to the end of the file */
        }
        in.evaluations = write_file("evaluations-bad.csv", bad->data, bad->len);
        snapshot *one_pass = read_with(&in, ONE_PASS, 1);
        cr_assert_neq(one_pass->rc, 0, "%s: one pass read it", cases[c].name);
        for (int threads = 1; threads <= 3; threads += 2) {
            char what[120];
            snprintf(what, sizeof what, "%s, %d thread%s", cases[c].name, threads,
                     threads > 1 ? "s" : "");
            expect_error_same(one_pass, read_with(&in, SMALL_PARTS, threads), what);
        }
    }
}

/* A header line that ends with a lone CR (old Mac line ends) while the rows end with LF: the
 * plan's first part then holds the header and the first data row (no part may start after a
 * CR). That row's key must still reject the same key in a later part, as in one pass. */
Test(parallel, header_ending_in_a_lone_cr)
{
    inputs in = {write_workshops(), NULL, NULL, ENCODING_AUTO};
    text *t = &scratch[2];
    free_text(t);
    put(t, "workshop_id,respondent_id,Q1,Q2\r");
    put(t, "W01,R1,5,5\n");
    for (int i = 2; i < 300; i++)
        putf(t, "W02,R%d,%d,%d\n", i, 1 + i % 5, 1 + i % 3);
    put(t, "W01,R1,1,1\n"); /* the same key as line 2: rejected in one pass */
    in.evaluations = write_file("evaluations-cr.csv", t->data, t->len);
    snapshot *one_pass = read_with(&in, ONE_PASS, 1);
    cr_assert_eq(one_pass->rc, 0, "%s", one_pass->err.message);
    cr_assert_eq(one_pass->rows[3], 1, "one pass rejects the repeated key (%ld rejected)",
                 one_pass->rows[3]);
    for (int threads = 1; threads <= 2; threads++) {
        char what[80];
        snprintf(what, sizeof what, "header ending in CR, parts of 300 bytes, %d thread%s vs one "
                 "pass", threads, threads > 1 ? "s" : "");
        expect_same(one_pass, read_with(&in, 300, threads), false, what);
    }
}

/* --encoding utf-16le on a file without a byte order mark: the split cannot see that the file
 * is UTF-16 (a line feed is 0A 00, and 0A also occurs inside other characters), so the file must
 * be read in one pass, or split at a character boundary. Same figures either way. */
Test(parallel, utf16le_without_byte_order_mark)
{
    text *t = &scratch[2], *wide = &scratch[3];
    free_text(t);
    put(t, "workshop_id,respondent_id,Q1,Q2\n");
    for (int i = 1; i < 400; i++)
        putf(t, "W%02d,R%d,%d,%d\n", 1 + i % 20, i, 1 + i % 5, 1 + i % 3);
    free_text(wide);
    for (size_t i = 0; i < t->len; i++) {
        char unit[2] = {t->data[i], 0};
        put_bytes(wide, unit, 2);
    }
    const char *evaluations = write_file("evaluations-utf16.csv", wide->data, wide->len);
    write_workshops();
    text *w = &scratch[0], *wide_w = &scratch[1];
    free_text(wide_w);
    for (size_t i = 0; i < w->len; i++) {
        char unit[2] = {w->data[i], 0};
        put_bytes(wide_w, unit, 2);
    }
    inputs in = {write_file("workshops-utf16.csv", wide_w->data, wide_w->len), evaluations, NULL,
                 ENCODING_UTF16LE};
    snapshot *one_pass = read_with(&in, ONE_PASS, 1);
    cr_assert_eq(one_pass->rc, 0, "%s", one_pass->err.message);
    cr_assert_eq(one_pass->rows[0], 399, "one pass reads 399 rows (%ld)", one_pass->rows[0]);
    expect_same(one_pass, read_with(&in, 1000, 2), false, "UTF-16LE without BOM, parts vs one pass");
}
