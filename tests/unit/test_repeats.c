/* Unit tests of the key log (ingest/repeats.h): the rows whose unique key an earlier line
 * already has, found by merging sorted runs of temporary files, checked against two simple
 * oracles (a naive O(n^2) search and a sort of a copy of every (key, line)). */
#include <criterion/criterion.h>

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "ingest/repeats.h"
#include "tests/unit/testkit.h"
#include "util/keyset.h"

/* The limits of one run (ingest/repeats.h): the tests that must make several runs, or more
 * than a merge takes at a time, size their input with count_runs. */
#define RUN_ENTRIES KEY_LOG_RUN_ENTRIES
#define RUN_TEXT KEY_LOG_RUN_TEXT

/* ------------------------------------------------------------ rows and oracles */

/* A row to log: the log it goes to, its line, its hash and where its key is in keys. */
typedef struct row {
    size_t log;
    long line;
    uint64_t hash;
    size_t at, len;
    bool used;  /* the handler used the row (else it only reached the key check) */
    long left_out_as; /* the part left it out as a repeat of this line; 0: did not */
} row;

/* The rows in the order they are logged; keys holds their bytes one after the other. */
typedef struct table {
    row *rows;
    size_t n, cap;
    text keys;
} table;

static size_t cut(size_t len)
{
    return len < KEY_LOG_KEY_MAX ? len : KEY_LOG_KEY_MAX;
}

/* The hash the program gives a key: keyset_hash of the bytes that are logged. */
static uint64_t logged_hash(const char *key, size_t len)
{
    return keyset_hash(key, cut(len));
}

static void add_row_hashed(table *t, size_t log, long line, const char *key, size_t len,
                           uint64_t hash)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->rows = realloc(t->rows, t->cap * sizeof *t->rows);
        cr_assert_not_null(t->rows);
    }
    t->rows[t->n++] = (row){log, line, hash, t->keys.len, len, true, 0};
    put_bytes(&t->keys, key, len);
}

static void add_row(table *t, size_t log, long line, const char *key, size_t len)
{
    add_row_hashed(t, log, line, key, len, logged_hash(key, len));
}

static void free_table(table *t)
{
    free(t->rows);
    free_text(&t->keys);
    *t = (table){0};
}

static const char *key_of(const table *t, const row *r)
{
    return t->keys.data + r->at;
}

/* Whether two rows have the same key as the log keeps it: their first KEY_LOG_KEY_MAX bytes. */
static bool same_key(const table *t, const row *a, const row *b)
{
    size_t la = cut(a->len), lb = cut(b->len);
    return la == lb && memcmp(key_of(t, a), key_of(t, b), la) == 0;
}

static int by_line(const void *a, const void *b)
{
    long x = ((const key_repeat *)a)->line, y = ((const key_repeat *)b)->line;
    return (x > y) - (x < y);
}

/* Oracle 1: for every row, the earliest used row on an earlier line with the same key. O(n^2). */
static key_repeat *naive_repeats(const table *t, size_t *n)
{
    key_repeat *out = malloc((t->n ? t->n : 1) * sizeof *out);
    cr_assert_not_null(out);
    *n = 0;
    for (size_t i = 0; i < t->n; i++) {
        const row *r = &t->rows[i];
        const row *first = NULL;
        for (size_t j = 0; j < t->n; j++) {
            const row *s = &t->rows[j];
            if (s->used && s->line < r->line && (first == NULL || s->line < first->line) &&
                same_key(t, r, s))
                first = s;
        }
        if (first != NULL)
            out[(*n)++] = (key_repeat){r->line, first->line, r->left_out_as == first->line};
    }
    qsort(out, *n, sizeof *out, by_line);
    return out;
}

static const table *sorting; /* the table by_key_then_line orders the rows of */

static int by_key_then_line(const void *a, const void *b)
{
    const row *x = &sorting->rows[*(const size_t *)a], *y = &sorting->rows[*(const size_t *)b];
    size_t lx = cut(x->len), ly = cut(y->len);
    int c = memcmp(key_of(sorting, x), key_of(sorting, y), lx < ly ? lx : ly);
    if (c != 0)
        return c;
    if (lx != ly)
        return lx < ly ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* Oracle 2: every row sorted by (key, line), with no hash; in each run of equal keys every row
 * after the first used one repeats it. O(n log n), for inputs too large for oracle 1. */
static key_repeat *sorted_repeats(const table *t, size_t *n)
{
    size_t *order = malloc((t->n ? t->n : 1) * sizeof *order);
    key_repeat *out = malloc((t->n ? t->n : 1) * sizeof *out);
    cr_assert(order && out);
    for (size_t i = 0; i < t->n; i++)
        order[i] = i;
    sorting = t;
    qsort(order, t->n, sizeof *order, by_key_then_line);
    *n = 0;
    for (size_t i = 0; i < t->n;) {
        const row *head = &t->rows[order[i]], *first = NULL;
        size_t j = i;
        for (; j < t->n && same_key(t, head, &t->rows[order[j]]); j++) {
            const row *r = &t->rows[order[j]];
            if (first != NULL)
                out[(*n)++] = (key_repeat){r->line, first->line, r->left_out_as == first->line};
            else if (r->used)
                first = r;
        }
        i = j;
    }
    qsort(out, *n, sizeof *out, by_line);
    free(order);
    return out;
}

/* How many runs the rows of one log make, by the rule of repeats.c: a run is written when
 * it holds RUN_ENTRIES entries or the next key would take its text past RUN_TEXT. */
static size_t count_runs(const table *t, size_t log)
{
    size_t runs = 0, entries = 0, bytes = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->rows[i].log != log)
            continue;
        size_t len = cut(t->rows[i].len);
        if (entries == RUN_ENTRIES || bytes + len > RUN_TEXT) {
            runs++;
            entries = bytes = 0;
        }
        entries++;
        bytes += len;
    }
    return runs + (entries > 0);
}

/* ------------------------------------------------------------ the module */

/* The repeats found must be the expected ones, element by element. */
static void expect_repeats(const key_repeat *found, size_t n_found, const key_repeat *want,
                           size_t n_want, const char *what)
{
    for (size_t i = 0; i < n_found && i < n_want; i++)
        if (found[i].line != want[i].line || found[i].first_line != want[i].first_line ||
            found[i].already_left_out != want[i].already_left_out)
            cr_assert_fail("%s: repeat %zu is line %ld (of line %ld%s), expected line %ld (of "
                           "line %ld%s)", what, i, found[i].line, found[i].first_line,
                           found[i].already_left_out ? ", already left out" : "", want[i].line,
                           want[i].first_line,
                           want[i].already_left_out ? ", already left out" : "");
    cr_assert_eq(n_found, n_want, "%s: %zu repeats found, %zu expected", what, n_found, n_want);
}

/* Logs every row of t, in the table's order, into n_logs new logs, closing each after its last
 * row (as a part's reading does, so that only the logs being written hold a run in memory), and
 * returns the repeats key_repeats_find gives (NULL exactly when there are none). */
static key_repeat *find_repeats(const table *t, size_t n_logs, size_t *n_found)
{
    key_log **logs = calloc(n_logs ? n_logs : 1, sizeof *logs);
    size_t *last_row = calloc(n_logs ? n_logs : 1, sizeof *last_row);
    cr_assert(logs != NULL && last_row != NULL);
    for (size_t k = 0; k < n_logs; k++)
        logs[k] = key_log_new();
    for (size_t i = 0; i < t->n; i++) {
        cr_assert_lt(t->rows[i].log, n_logs);
        last_row[t->rows[i].log] = i + 1;
    }
    cb_error err = {0};
    for (size_t i = 0; i < t->n; i++) {
        const row *r = &t->rows[i];
        logged_row logged = {r->hash, r->line, r->used, r->left_out_as};
        if (key_log_add(logs[r->log], &logged, key_of(t, r), r->len, &err) != 0)
            cr_assert_fail("row at line %ld: %s", r->line, err.message);
        if (last_row[r->log] == i + 1)
            cr_assert_eq(key_log_close(logs[r->log], &err), 0, "log %zu: %s", r->log,
                         err.message);
    }
    for (size_t k = 0; k < n_logs; k++)
        if (last_row[k] == 0)
            cr_assert_eq(key_log_close(logs[k], &err), 0, "log %zu: %s", k, err.message);
    free(last_row);
    key_repeat dummy = {-1, -1, false};
    key_repeat *found = &dummy;
    *n_found = 12345;
    cr_assert_eq(key_repeats_find(logs, n_logs, 3, 0, &found, n_found, &err), 0, "%s",
                 err.message);
    if (*n_found == 0)
        cr_assert_null(found, "no repeat gives NULL");
    else
        cr_assert_not_null(found);
    /* One thread merges the slices one after the other; a merge of at most 64 or 3 runs at a
     * time first merges runs into longer ones, in one pass or several: the same repeats. */
    static const struct {
        int threads;
        size_t fan_in;
        const char *what;
    } others[] = {{1, 0, "one thread vs three"},
                  {2, 64, "runs merged 64 at a time vs all at once"},
                  {2, 3, "runs merged 3 at a time vs all at once"}};
    for (size_t o = 0; o < sizeof others / sizeof others[0]; o++) {
        key_repeat *other;
        size_t n_other;
        cr_assert_eq(key_repeats_find(logs, n_logs, others[o].threads, others[o].fan_in, &other,
                                      &n_other, &err), 0, "%s", err.message);
        expect_repeats(other, n_other, found, *n_found, others[o].what);
        free(other);
    }
    for (size_t k = 0; k < n_logs; k++)
        key_log_free(logs[k]);
    free(logs);
    return found;
}

/* Runs the module on t and compares it with an oracle, then, when listed is not NULL, with the
 * repeats listed (worked out by hand); returns how many repeats there were. */
static size_t check_repeats(const table *t, size_t n_logs,
                            key_repeat *(*oracle)(const table *, size_t *),
                            const key_repeat *listed, size_t n_listed, const char *what)
{
    size_t n_found, n_want;
    key_repeat *found = find_repeats(t, n_logs, &n_found);
    key_repeat *want = oracle(t, &n_want);
    expect_repeats(found, n_found, want, n_want, what);
    if (listed != NULL)
        expect_repeats(found, n_found, listed, n_listed, "as listed");
    free(found);
    free(want);
    return n_want;
}

/* Runs the module on t and compares it with an oracle; returns how many repeats there were. */
static size_t check_against(const table *t, size_t n_logs,
                            key_repeat *(*oracle)(const table *, size_t *), const char *what)
{
    return check_repeats(t, n_logs, oracle, NULL, 0, what);
}

/* An id the way the program builds one: workshop, unit separator, respondent. */
static size_t id_key(char *out, size_t cap, size_t id)
{
    int n = snprintf(out, cap, "W%04zu\x1fR%zu", id % 10000, id);
    cr_assert(n > 0 && (size_t)n < cap);
    return (size_t)n;
}

/* ------------------------------------------------------------ tests */

/* No log, one empty closed log, or several logs without a repeat: no repeat and NULL. */
Test(repeats, no_logs_and_empty_logs)
{
    cb_error err = {0};
    key_repeat dummy = {-1, -1, false};
    key_repeat *found = &dummy;
    size_t n = 99;
    cr_assert_eq(key_repeats_find(NULL, 0, 2, 0, &found, &n, &err), 0, "%s", err.message);
    cr_assert_null(found);
    cr_assert_eq(n, 0);

    key_log *empty = key_log_new();
    cr_assert_eq(key_log_close(empty, &err), 0, "%s", err.message);
    found = &dummy;
    n = 99;
    cr_assert_eq(key_repeats_find(&empty, 1, 2, 0, &found, &n, &err), 0, "%s", err.message);
    cr_assert_null(found);
    cr_assert_eq(n, 0);
    key_log_free(empty);
    key_log_free(NULL);

    /* Distinct keys in three logs, one of them empty. */
    table t = {0};
    static const char *const keys[] = {"a", "b", "c", "ab", "ba", ""};
    for (size_t i = 0; i < 6; i++)
        add_row(&t, i < 3 ? 0 : 2, 2 + (long)i, keys[i], strlen(keys[i]));
    cr_assert_eq(check_against(&t, 3, naive_repeats, "distinct keys"), 0);
    free_table(&t);
}

/* Keys a b a c b a on lines 2..7: lines 4 and 7 repeat line 2, line 6 repeats line 3. */
Test(repeats, small_log_by_hand)
{
    static const char *const keys[] = {"a", "b", "a", "c", "b", "a"};
    table t = {0};
    for (size_t i = 0; i < 6; i++)
        add_row(&t, 0, 2 + (long)i, keys[i], 1);
    /* Line 7 repeats line 2, the earliest line, not line 4, the latest one before it. */
    check_repeats(&t, 1, naive_repeats,
                  (const key_repeat[]){{4, 2, false}, {6, 3, false}, {7, 2, false}}, 3,
                  "a b a c b a");
    free_table(&t);
}

/* A file of 5000 rows read as six parts (log 0 has lines 2..1000, log 1 lines 1001..2000, ...)
 * with ids drawn so that many repeat, within a part and across parts: as the naive oracle.
 * The sorted oracle, which the larger tests use, must agree with the naive one here. */
Test(repeats, parts_of_a_file_match_naive_oracle)
{
    rng r = {0x2545F4914F6CDD1DULL};
    table t = {0};
    char key[64];
    for (long line = 2; line <= 5001; line++) {
        size_t len = id_key(key, sizeof key, below(&r, 4000));
        add_row(&t, (size_t)(line - 1) / 1000, line, key, len);
    }
    size_t n = check_against(&t, 6, naive_repeats, "six parts");
    cr_assert_gt(n, 1000, "the input has many repeats (%zu)", n);
    size_t n_naive, n_sorted;
    key_repeat *naive = naive_repeats(&t, &n_naive);
    key_repeat *sorted = sorted_repeats(&t, &n_sorted);
    expect_repeats(sorted, n_sorted, naive, n_naive, "sorted oracle against naive oracle");
    free(naive);
    free(sorted);
    free_table(&t);
}

/* Rows dealt to three logs in turn (line % 3), keys of random bytes (NUL included) and lengths
 * 0..5 over a small alphabet, so that keys are often prefixes of one another: as the naive
 * oracle. */
Test(repeats, interleaved_logs_and_binary_keys_match_naive_oracle)
{
    static const char alphabet[] = {'a', '\0', '\x1f', '\xff'};
    rng r = {0x9E3779B97F4A7C15ULL};
    table t = {0};
    for (long line = 2; line < 3002; line++) {
        char key[8];
        size_t len = below(&r, 6);
        for (size_t i = 0; i < len; i++)
            key[i] = alphabet[below(&r, sizeof alphabet)];
        add_row(&t, (size_t)line % 3, line, key, len);
    }
    cr_assert_gt(check_against(&t, 3, naive_repeats, "interleaved"), 1000);
    free_table(&t);
}

/* 200,000 rows in three logs of about 66,667: each log writes three runs (the 32,768-entry
 * limit), ids drawn from 2,000,000 so that about 5% repeat an earlier row: as the sorted
 * oracle. */
Test(repeats, several_runs_per_log_match_sorted_oracle)
{
    enum { ROWS = 200000, PER_LOG = (ROWS + 2) / 3 };
    rng r = {0xD1B54A32D192ED03ULL};
    table t = {0};
    char key[64];
    for (size_t i = 0; i < ROWS; i++) {
        size_t len = id_key(key, sizeof key, below(&r, 2000000));
        add_row(&t, i / PER_LOG, 2 + (long)i, key, len);
    }
    for (size_t k = 0; k < 3; k++)
        cr_assert_geq(count_runs(&t, k), 3, "log %zu makes %zu runs", k, count_runs(&t, k));
    size_t n = check_against(&t, 3, sorted_repeats, "200,000 rows");
    cr_assert(n > ROWS * 3 / 100 && n < ROWS * 7 / 100, "about 5%% repeat (%zu)", n);
    free_table(&t);
}

/* Keys of 600 bytes, that differ only in their last 12: a run holds 873 of them (873 * 600 =
 * 523,800 bytes; one more would pass RUN_TEXT = 524,288), so three logs of 38,000 keys make
 * 3 * 44 = 132 runs, more than twice 64: a merge of at most 64 runs at a time (find_repeats
 * tries it) first makes two longer runs (64 runs each, one after the other in one temporary
 * file), then merges the 6 runs left; one of at most 3, five passes. As the sorted oracle. */
Test(repeats, more_runs_than_fan_in_merge_in_passes)
{
    enum { LEN = 600, PER_LOG = 38000 };
    rng r = {0xA0761D6478BD642FULL};
    table t = {0};
    char key[LEN + 1];
    for (size_t i = 0; i < LEN - 12; i++)
        key[i] = (char)('a' + (i * 7) % 26);
    for (size_t i = 0; i < 3 * PER_LOG; i++) {
        snprintf(key + LEN - 12, 13, "%012zu", below(&r, 1000000));
        add_row(&t, i / PER_LOG, 2 + (long)i, key, LEN);
    }
    size_t runs = 0;
    for (size_t k = 0; k < 3; k++)
        runs += count_runs(&t, k);
    cr_assert_eq(runs, 132);
    cr_assert_gt(runs, 2 * 64);
    size_t n = check_against(&t, 3, sorted_repeats, "132 runs of 600-byte keys");
    cr_assert_gt(n, 1000, "repeats across runs and logs (%zu)", n);
    free_table(&t);
}

/* 400 logs of 32 keys of 900 to 1,024 bytes, one run each: a slice of the key space (a
 * sixteenth) gets a run from about 350 of them (from fewer than 257 about once in 10^40), so
 * the one merge of all runs gives each less than 16 KiB of KEY_LOG_MERGE_BYTES, and records of
 * up to a kilobyte meet the ends of the buffers. One key in 30 comes back from any earlier
 * row. As the sorted oracle. */
Test(repeats, many_runs_merged_at_once_in_small_buffers)
{
    enum { LOGS = 400, PER_LOG = 32 };
    rng r = {0x9E3779B97F4A7C15ULL};
    table t = {0};
    char key[KEY_LOG_KEY_MAX];
    for (size_t i = 0; i < LOGS * PER_LOG; i++) {
        size_t id = i > 0 && chance(&r, 33) ? below(&r, i) : i;
        size_t len = 900 + id % (KEY_LOG_KEY_MAX - 900 + 1);
        for (size_t b = 0; b < len; b++)
            key[b] = (char)('a' + (id * 31 + b * 7) % 26);
        snprintf(key, 16, "%015zu", id); /* the NUL it writes is a key byte like any other */
        add_row(&t, i / PER_LOG, 2 + (long)i, key, len);
    }
    for (size_t k = 0; k < LOGS; k++)
        cr_assert_eq(count_runs(&t, k), 1);
    size_t n = check_against(&t, LOGS, sorted_repeats, "400 logs of long keys");
    cr_assert_gt(n, 200, "repeats across logs (%zu)", n);
    free_table(&t);
}

/* Different keys given the same hash are not repeats of each other, even when one is a prefix
 * of the other ("ab", "abc") or they differ after a NUL ("a\0b", "a\0c"); equal keys with
 * that hash are. The lowest, a middle and the highest hash (first and last bucket). */
Test(repeats, equal_hashes_do_not_make_equal_keys)
{
    static const struct {
        const char *key;
        size_t len;
    } rows[] = {
        {"ab", 2}, {"abc", 3}, {"ab", 2}, {"a\0b", 3}, {"a\0c", 3},
        {"abc", 3}, {"a\0b", 3}, {"a", 1}, {"b", 1}, {"", 0},
    };
    static const uint64_t hashes[] = {0, 0x8000000000000000ULL, UINT64_MAX};
    for (size_t h = 0; h < 3; h++) {
        table t = {0};
        for (size_t i = 0; i < 10; i++)
            add_row_hashed(&t, i < 5 ? 0 : 1, 2 + (long)i, rows[i].key, rows[i].len, hashes[h]);
        /* "ab" on 4 repeats line 2, "abc" on 7 line 3, "a\0b" on 8 line 5. */
        check_repeats(&t, 2, naive_repeats,
                      (const key_repeat[]){{4, 2, false}, {7, 3, false}, {8, 5, false}}, 3,
                      "one hash for all");
        free_table(&t);
    }
}

/* 80,000 short keys over a two-letter alphabet with only three hash values (all in the first
 * bucket of the run sort), two runs in each of two logs: as the sorted oracle. */
Test(repeats, few_hash_values_over_many_runs_match_sorted_oracle)
{
    enum { ROWS = 80000 };
    rng r = {0xE7037ED1A0B428DBULL};
    table t = {0};
    for (size_t i = 0; i < ROWS; i++) {
        char key[16];
        size_t len = below(&r, 14);
        for (size_t j = 0; j < len; j++)
            key[j] = chance(&r, 500) ? 'a' : 'b';
        add_row_hashed(&t, i < ROWS / 2 ? 0 : 1, 2 + (long)i, key, len,
                       keyset_hash(key, len) % 3);
    }
    cr_assert_eq(count_runs(&t, 0), 2);
    cr_assert_eq(count_runs(&t, 1), 2);
    cr_assert_gt(check_against(&t, 2, sorted_repeats, "three hash values"), ROWS / 2);
    free_table(&t);
}

/* The module's stated behaviour (repeats.h): a key longer than KEY_LOG_KEY_MAX is logged cut to
 * that length, so keys that share their first 1024 bytes are repeats whatever follows; one
 * byte less, or another byte within the first 1024, is another key. The hash is the one the
 * program gives: of the bytes logged (ingest builds keys of at most KEY_LOG_KEY_MAX bytes). */
Test(repeats, keys_longer_than_the_limit_are_cut)
{
    enum { LONG = 1500 };
    char a[LONG], b[LONG];
    for (size_t i = 0; i < LONG; i++)
        a[i] = b[i] = (char)('A' + (i * 11) % 26);
    for (size_t i = KEY_LOG_KEY_MAX; i < LONG; i++)
        b[i] = '#';
    char other[KEY_LOG_KEY_MAX + 1];
    memcpy(other, a, sizeof other);
    other[KEY_LOG_KEY_MAX - 1] ^= 1;
    table t = {0};
    add_row(&t, 0, 2, a, LONG);                     /* the first */
    add_row(&t, 0, 3, b, LONG);                     /* differs after 1024 bytes: repeat of 2 */
    add_row(&t, 1, 4, a, KEY_LOG_KEY_MAX);          /* exactly the cut key: repeat of 2 */
    add_row(&t, 1, 5, a, KEY_LOG_KEY_MAX - 1);      /* one byte less: another key */
    add_row(&t, 1, 6, other, KEY_LOG_KEY_MAX + 1);  /* its byte 1024 differs: another key */
    add_row(&t, 0, 7, a, KEY_LOG_KEY_MAX + 1);      /* repeat of 2 */
    check_repeats(&t, 2, naive_repeats,
                  (const key_repeat[]){{3, 2, false}, {4, 2, false}, {7, 2, false}}, 3,
                  "long keys");
    free_table(&t);
}

/* The empty key is a key like any other: it repeats itself, and is not "\0" (one byte). */
Test(repeats, empty_key)
{
    table t = {0};
    add_row(&t, 0, 2, "", 0);
    add_row(&t, 0, 3, "x", 1);
    add_row(&t, 0, 4, "\0", 1);
    add_row(&t, 1, 5, "", 0);
    add_row(&t, 1, 6, "\0", 1);
    add_row(&t, 1, 9, "", 0);
    check_repeats(&t, 2, naive_repeats,
                  (const key_repeat[]){{5, 2, false}, {6, 4, false}, {9, 2, false}}, 3,
                  "empty keys");
    free_table(&t);
}

/* One key on 131,072 rows: every line but the first repeats the first. The first log has its
 * 32,768 lines in order (one run), the second its 98,304 lines from the last to the first
 * (three full runs: the worst order for a naive sort of equal keys). The sort must not go
 * quadratic: an insertion sort of these runs took 10 s here (release build), this
 * takes about 0.1 s, so the 5 s timeout would end the test. */
Test(repeats, one_key_on_every_row, .timeout = 5)
{
    enum { FIRST_LOG = (int)RUN_ENTRIES, ROWS = 4 * (int)RUN_ENTRIES };
    table t = {0};
    for (long i = 0; i < FIRST_LOG; i++)
        add_row(&t, 0, 2 + i, "W0001\x1fR1", 8);
    for (long i = ROWS - 1; i >= FIRST_LOG; i--)
        add_row(&t, 1, 2 + i, "W0001\x1fR1", 8);
    cr_assert_eq(count_runs(&t, 0), 1);
    cr_assert_eq(count_runs(&t, 1), 3);
    size_t n;
    key_repeat *found = find_repeats(&t, 2, &n);
    cr_assert_eq(n, ROWS - 1);
    for (size_t i = 0; i < n; i++)
        if (found[i].line != 3 + (long)i || found[i].first_line != 2)
            cr_assert_fail("repeat %zu is line %ld of line %ld, expected line %ld of line 2", i,
                           found[i].line, found[i].first_line, 3 + (long)i);
    free(found);
    free_table(&t);
}

/* Runs that end exactly at a limit: 32,768 entries (then the next key repeats the last and
 * the first of the full run), and 512 keys of 1024 bytes that fill RUN_TEXT exactly. */
Test(repeats, runs_that_end_exactly_at_a_limit)
{
    table t = {0};
    char key[KEY_LOG_KEY_MAX];
    long line = 2;
    for (size_t i = 0; i < RUN_ENTRIES; i++)
        add_row(&t, 0, line++, key, id_key(key, sizeof key, i));
    add_row(&t, 0, line++, key, id_key(key, sizeof key, RUN_ENTRIES - 1));
    add_row(&t, 0, line++, key, id_key(key, sizeof key, 0));
    cr_assert_eq(count_runs(&t, 0), 2);
    for (size_t i = 0; i < RUN_TEXT / KEY_LOG_KEY_MAX + 2; i++) {
        memset(key, 'k', sizeof key);
        snprintf(key, 16, "long%zu", i == RUN_TEXT / KEY_LOG_KEY_MAX + 1 ? 511 : i);
        add_row(&t, 1, line++, key, sizeof key);
    }
    cr_assert_eq(count_runs(&t, 1), 2);
    size_t n_found, n_want;
    key_repeat *found = find_repeats(&t, 2, &n_found);
    key_repeat *want = sorted_repeats(&t, &n_want);
    expect_repeats(found, n_found, want, n_want, "full runs");
    cr_assert_eq(n_found, 3);
    cr_assert_eq(found[0].line, (long)RUN_ENTRIES + 2);
    cr_assert_eq(found[0].first_line, (long)RUN_ENTRIES + 1);
    cr_assert_eq(found[1].line, (long)RUN_ENTRIES + 3);
    cr_assert_eq(found[1].first_line, 2);
    cr_assert_eq(found[2].first_line, (long)RUN_ENTRIES + 4 + 511);
    free(found);
    free(want);
    free_table(&t);
}

/* Line numbers near LONG_MAX / 2 come back whole from the temporary file. */
Test(repeats, large_line_numbers)
{
    const long base = LONG_MAX / 2;
    table t = {0};
    add_row(&t, 0, base + 10, "k", 1);
    add_row(&t, 1, base + 20, "k", 1);
    add_row(&t, 1, base + 30, "j", 1);
    add_row(&t, 0, base + 5, "j", 1);
    size_t n;
    key_repeat *found = find_repeats(&t, 2, &n);
    cr_assert_eq(n, 2);
    cr_assert_eq(found[0].line, base + 20);
    cr_assert_eq(found[0].first_line, base + 10);
    cr_assert_eq(found[1].line, base + 30);
    cr_assert_eq(found[1].first_line, base + 5);
    free(found);
    free_table(&t);
}

/* Limits the size of the files the process writes (SIGXFSZ ignored, so a write past it fails
 * with EFBIG, as on a full disk); returns the limit before. */
static struct rlimit limit_file_size(rlim_t bytes)
{
    struct rlimit before, limit;
    cr_assert_eq(getrlimit(RLIMIT_FSIZE, &before), 0);
    limit = before;
    limit.rlim_cur = bytes;
    signal(SIGXFSZ, SIG_IGN);
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
    return before;
}

/* A run that cannot be written makes key_log_add fail with a message, and the log refuse
 * everything after; a merge pass that cannot write its longer run makes key_repeats_find fail
 * and give nothing. */
Test(repeats, temporary_file_that_cannot_be_written)
{
    char key[KEY_LOG_KEY_MAX];
    memset(key, 'z', sizeof key);
    cb_error err = {0};

    /* 512 keys of 1024 bytes fill a run; the 513th key writes it, past a 64 KiB limit. */
    struct rlimit before = limit_file_size(64 * 1024);
    key_log *log = key_log_new();
    for (size_t i = 0; i < RUN_TEXT / KEY_LOG_KEY_MAX; i++)
        cr_assert_eq(key_log_add(log, &(logged_row){1, 2 + (long)i, true, 0}, key, sizeof key,
                                 &err), 0, "%s",
                     err.message);
    cr_assert_eq(key_log_add(log, &(logged_row){1, 1000, true, 0}, key, sizeof key, &err), -1);
    cr_assert(strstr(err.message, "cannot write the temporary file") != NULL, "%s",
              err.message);
    /* The log is incomplete from then on: it refuses more rows, and closing it fails too (it
     * does not try the same run again), even with room again. */
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &before), 0);
    cr_assert_eq(key_log_add(log, &(logged_row){1, 1001, true, 0}, "k", 1, &err), -1);
    memset(&err, 0, sizeof err);
    cr_assert_eq(key_log_close(log, &err), -1);
    cr_assert(strstr(err.message, "temporary file") != NULL, "%s", err.message);
    key_log_free(log);

    /* 65 runs, so that a merge of at most 64 at a time writes one longer run first; it may
     * write 1 MiB only. */
    log = key_log_new();
    for (size_t i = 0; i < 65 * (RUN_TEXT / KEY_LOG_KEY_MAX); i++) {
        snprintf(key, 16, "%zu", i);
        logged_row row = {logged_hash(key, sizeof key), 2 + (long)i, true, 0};
        if (key_log_add(log, &row, key, sizeof key, &err))
            cr_assert_fail("%s", err.message);
    }
    cr_assert_eq(key_log_close(log, &err), 0, "%s", err.message);
    limit_file_size(1024 * 1024);
    memset(&err, 0, sizeof err);
    key_repeat dummy = {-1, -1, false};
    key_repeat *found = &dummy;
    size_t n = 99;
    cr_assert_eq(key_repeats_find(&log, 1, 2, 64, &found, &n, &err), -1);
    cr_assert(strstr(err.message, "cannot write the temporary file") != NULL, "%s",
              err.message);
    cr_assert_null(found);
    cr_assert_eq(n, 0);
    key_log_free(log);
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &before), 0);
}

/* A caller may pass the hash of the whole long key: the log hashes the cut key again, so two
 * keys that share their first KEY_LOG_KEY_MAX bytes still meet as a repeat. */
Test(repeats, long_key_hashed_whole_by_the_caller)
{
    char a[1500], b[1500];
    memset(a, 'x', sizeof a);
    memcpy(b, a, sizeof b);
    b[1200] = 'y';
    cb_error err = {0};
    key_log *log = key_log_new();
    logged_row first = {keyset_hash(a, sizeof a), 2, true, 0};
    logged_row second = {keyset_hash(b, sizeof b), 3, true, 0};
    cr_assert_eq(key_log_add(log, &first, a, sizeof a, &err), 0);
    cr_assert_eq(key_log_add(log, &second, b, sizeof b, &err), 0);
    cr_assert_eq(key_log_close(log, &err), 0);
    key_repeat *r;
    size_t n;
    cr_assert_eq(key_repeats_find(&log, 1, 2, 0, &r, &n, &err), 0);
    cr_assert_eq(n, 1, "keys cut alike are the same key, so line 3 repeats line 2");
    cr_assert_eq(r[0].line, 3);
    cr_assert_eq(r[0].first_line, 2);
    free(r);
    key_log_free(log);
}

/* A row the handler left out is logged but repeats nothing: "a" on lines 2 and 4 unused, 3
 * and 6 used, "b" on 5 unused and 7 used. Line 4 and line 6 repeat line 3 (line 4 too, though
 * unused: one reading leaves it out as a repeat before the handler sees it); line 2 and the
 * "b" rows repeat nothing. Across logs and with many rows: as both oracles. */
Test(repeats, rows_left_out_by_the_handler_repeat_nothing)
{
    static const struct {
        const char *key;
        bool used;
    } rows[] = {{"a", false}, {"a", true}, {"a", false}, {"b", false}, {"a", true}, {"b", true}};
    table t = {0};
    for (size_t i = 0; i < 6; i++) {
        add_row(&t, i % 2, 2 + (long)i, rows[i].key, 1);
        t.rows[t.n - 1].used = rows[i].used;
    }
    check_repeats(&t, 2, naive_repeats,
                  (const key_repeat[]){{4, 3, false}, {6, 3, false}}, 2,
                  "unused rows");
    free_table(&t);

    rng r = {0x5EED0F0DDULL};
    for (size_t i = 0; i < 60000; i++) {
        char key[16];
        int len = snprintf(key, sizeof key, "W%zu\x1fR%zu", below(&r, 5), below(&r, 20000));
        add_row(&t, i / 20000, 2 + (long)i, key, (size_t)len);
        t.rows[t.n - 1].used = !chance(&r, 300);
    }
    cr_assert_gt(check_against(&t, 3, sorted_repeats, "unused rows, sorted oracle"), 1000);
    free_table(&t);
}

/* A row its part already left out as a repeat is "already left out" only when the line it was
 * left out for is the key's first used row in the whole file: "b" on line 11 was left out for
 * line 10, which itself repeats line 2 (another part), so part 1 must be read again; "a" on
 * line 13 was left out for line 12, the first "a": nothing to do. */
Test(repeats, rows_already_left_out_by_their_part)
{
    table t = {0};
    add_row(&t, 0, 2, "b", 1);
    add_row(&t, 1, 10, "b", 1);
    add_row(&t, 1, 11, "b", 1);
    t.rows[t.n - 1].used = false;
    t.rows[t.n - 1].left_out_as = 10;
    add_row(&t, 1, 12, "a", 1);
    add_row(&t, 1, 13, "a", 1);
    t.rows[t.n - 1].used = false;
    t.rows[t.n - 1].left_out_as = 12;
    check_repeats(&t, 2, naive_repeats,
                  (const key_repeat[]){{10, 2, false}, {11, 2, false}, {13, 12, true}}, 3,
                  "left out by their part");
    free_table(&t);
}
