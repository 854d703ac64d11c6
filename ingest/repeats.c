/* A key log holds one run in memory: up to KEY_LOG_RUN_ENTRIES entries (the logged row, where
 * its key's bytes are) and up to KEY_LOG_RUN_TEXT bytes of keys. When either is full the run is
 * sorted by (hash, key, line) and written to the log's temporary file as records:
 *
 *   hash (8 bytes) | line (8) | left out as (8) | key length (4) | used (1) | key bytes
 *
 * in the machine's byte order (the file never leaves the process). The merge reads every run
 * through a small buffer, so its memory is KEY_LOG_MERGE_BYTES however long the file. */
#include "ingest/repeats.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/parts.h"
#include "util/alloc.h"
#include "util/keyset.h"

#define RECORD_HEAD (8 + 8 + 8 + 4 + 1)
#define RECORD_MAX (RECORD_HEAD + KEY_LOG_KEY_MAX)
#define CURSOR_MIN ((size_t)4 * 1024)
#define CURSOR_MAX ((size_t)16 * 1024)
/* A run is first spread over this many buckets by the top bits of the hash; each bucket is
 * then sorted on its own (a few entries, unless keys repeat many times). */
#define BUCKET_BITS 12
#define SMALL_BUCKET 24
/* A written run is cut into this many slices by the top bits of the hash, each the same slice
 * of the key space in every run: the slices are merged on their own, at the same time. */
#define SLICE_BITS 4
#define SLICES (1u << SLICE_BITS)

typedef struct log_entry {
    logged_row row;
    uint32_t at, len;  /* the key's bytes in the run's text */
} log_entry;

typedef struct run {
    FILE *file;
    long long offset, bytes;
} run;

struct key_log {
    FILE *file;
    long long written;
    bool failed;        /* a run could not be written: the log is incomplete */
    run *slices;        /* slice p of run r at r * SLICES + p */
    size_t n_runs, runs_cap;
    log_entry *entries, *scratch;
    size_t n_entries;
    char *text;
    size_t text_used;
};

/* ------------------------------------------------------------ order */

/* The one order of runs and merges: hash, then the key's bytes, then the line. */
static int compare_records(uint64_t hash_a, const char *key_a, size_t len_a, long line_a,
                           uint64_t hash_b, const char *key_b, size_t len_b, long line_b)
{
    if (hash_a != hash_b)
        return hash_a < hash_b ? -1 : 1;
    int c = memcmp(key_a, key_b, len_a < len_b ? len_a : len_b);
    if (c != 0)
        return c;
    if (len_a != len_b)
        return len_a < len_b ? -1 : 1;
    return (line_a > line_b) - (line_a < line_b);
}

static int compare_entries(const log_entry *a, const log_entry *b, const char *text)
{
    return compare_records(a->row.hash, text + a->at, a->len, a->row.line, b->row.hash,
                           text + b->at, b->len, b->row.line);
}

static void insertion_sort(log_entry *e, size_t n, const char *text)
{
    for (size_t i = 1; i < n; i++) {
        log_entry moving = e[i];
        size_t j = i;
        for (; j > 0 && compare_entries(&moving, &e[j - 1], text) < 0; j--)
            e[j] = e[j - 1];
        e[j] = moving;
    }
}

/* Sorts e[0..n) using spare[0..n) as room: a merge sort, for buckets of many equal keys. */
static void merge_sort(log_entry *e, log_entry *spare, size_t n, const char *text)
{
    if (n <= SMALL_BUCKET) {
        insertion_sort(e, n, text);
        return;
    }
    size_t half = n / 2;
    merge_sort(e, spare, half, text);
    merge_sort(e + half, spare + half, n - half, text);
    size_t i = 0, j = half, out = 0;
    while (i < half && j < n)
        spare[out++] = compare_entries(&e[j], &e[i], text) < 0 ? e[j++] : e[i++];
    while (i < half)
        spare[out++] = e[i++];
    while (j < n)
        spare[out++] = e[j++];
    memcpy(e, spare, n * sizeof *e);
}

/* Sorts the run in memory; the sorted entries end up in log->entries. */
static void sort_run(key_log *log)
{
    size_t start[(1u << BUCKET_BITS) + 1] = {0};
    const unsigned shift = 64 - BUCKET_BITS;
    for (size_t i = 0; i < log->n_entries; i++)
        start[(log->entries[i].row.hash >> shift) + 1]++;
    for (size_t b = 1; b <= (1u << BUCKET_BITS); b++)
        start[b] += start[b - 1];
    size_t next[1u << BUCKET_BITS];
    memcpy(next, start, sizeof next);
    for (size_t i = 0; i < log->n_entries; i++)
        log->scratch[next[log->entries[i].row.hash >> shift]++] = log->entries[i];
    for (size_t b = 0; b < (1u << BUCKET_BITS); b++) {
        size_t n = start[b + 1] - start[b];
        if (n > 1)
            merge_sort(log->scratch + start[b], log->entries + start[b], n, log->text);
    }
    log_entry *swap = log->entries;
    log->entries = log->scratch;
    log->scratch = swap;
}

/* ------------------------------------------------------------ writing */

static int temp_error(cb_error *err, const char *what)
{
    return error_set(err, "", 0, 0, "cannot %s the temporary file that finds repeated rows: %s "
                     "(is there room in /tmp?)", what,
                     strerror(errno));
}

/* Lays one record out at out; returns its size. */
static size_t put_record(char *out, const logged_row *row, const char *key, uint32_t len)
{
    int64_t line = row->line, left_out_as = row->left_out_as;
    memcpy(out, &row->hash, 8);
    memcpy(out + 8, &line, 8);
    memcpy(out + 16, &left_out_as, 8);
    memcpy(out + 24, &len, 4);
    out[28] = row->used ? 1 : 0;
    memcpy(out + RECORD_HEAD, key, len);
    return RECORD_HEAD + len;
}

/* Makes room for one more run's slices. */
static run *new_run(key_log *log)
{
    if (log->n_runs == log->runs_cap) {
        log->runs_cap = log->runs_cap ? log->runs_cap * 2 : 16;
        log->slices = mem_realloc(log->slices, log->runs_cap * SLICES * sizeof *log->slices);
    }
    return &log->slices[log->n_runs++ * SLICES];
}

/* Records go out through a buffer of this size, a few fwrite calls a run. */
#define WRITE_BYTES ((size_t)64 * 1024)

static int write_run(key_log *log, cb_error *err)
{
    if (log->n_entries == 0)
        return 0;
    if (log->file == NULL && (log->file = tmpfile()) == NULL) {
        log->failed = true;
        return temp_error(err, "create");
    }
    sort_run(log);
    char *out = mem_alloc(WRITE_BYTES);
    size_t used = 0, i = 0;
    long long at = log->written;
    run slices[SLICES];
    int rc = 0;
    for (unsigned p = 0; p < SLICES; p++) {
        slices[p] = (run){log->file, at, 0};
        for (; i < log->n_entries && log->entries[i].row.hash >> (64 - SLICE_BITS) == p && rc == 0;
             i++) {
            const log_entry *e = &log->entries[i];
            if (used + RECORD_MAX > WRITE_BYTES) {
                if (fwrite(out, used, 1, log->file) != 1)
                    rc = temp_error(err, "write");
                used = 0;
            }
            used += put_record(out + used, &e->row, log->text + e->at, e->len);
            slices[p].bytes += RECORD_HEAD + e->len;
        }
        at += slices[p].bytes;
    }
    if (rc == 0 && used > 0 && fwrite(out, used, 1, log->file) != 1)
        rc = temp_error(err, "write");
    free(out);
    if (rc != 0) {
        log->failed = true;
        return -1;
    }
    memcpy(new_run(log), slices, sizeof slices);
    log->written = at;
    log->n_entries = 0;
    log->text_used = 0;
    return 0;
}

key_log *key_log_new(void)
{
    return mem_calloc(1, sizeof(key_log));
}

void key_log_free(key_log *log)
{
    if (log == NULL)
        return;
    if (log->file != NULL)
        fclose(log->file); /* a temporary file, read or not: nothing is lost */
    free(log->slices);
    free(log->entries);
    free(log->scratch);
    free(log->text);
    free(log);
}

/* The error of a log that lost a run before. */
static int incomplete_error(cb_error *err)
{
    return error_set(err, "", 0, 0, "the temporary file that finds repeated rows is incomplete "
                     "after a failed write (is there room in /tmp?)");
}

int key_log_add(key_log *log, const logged_row *row, const char *key, size_t len,
                cb_error *err)
{
    if (log->failed)
        return incomplete_error(err);
    logged_row logged = *row;
    if (len > KEY_LOG_KEY_MAX) {
        len = KEY_LOG_KEY_MAX;
        logged.hash = keyset_hash(key, len); /* keys cut alike must sort alike */
    }
    if (log->entries == NULL) {
        log->entries = mem_alloc(KEY_LOG_RUN_ENTRIES * sizeof *log->entries);
        log->scratch = mem_alloc(KEY_LOG_RUN_ENTRIES * sizeof *log->scratch);
        log->text = mem_alloc(KEY_LOG_RUN_TEXT);
    }
    if ((log->n_entries == KEY_LOG_RUN_ENTRIES || log->text_used + len > KEY_LOG_RUN_TEXT) &&
        write_run(log, err) != 0)
        return -1;
    memcpy(log->text + log->text_used, key, len);
    log->entries[log->n_entries++] = (log_entry){logged, (uint32_t)log->text_used,
                                                 (uint32_t)len};
    log->text_used += len;
    return 0;
}

int key_log_close(key_log *log, cb_error *err)
{
    int rc = log->failed ? incomplete_error(err) : write_run(log, err);
    if (rc == 0 && log->file != NULL && fflush(log->file) != 0) {
        log->failed = true;
        rc = temp_error(err, "write");
    }
    free(log->entries);
    free(log->scratch);
    free(log->text);
    log->entries = log->scratch = NULL;
    log->text = NULL;
    log->n_entries = log->text_used = 0;
    return rc;
}

/* ------------------------------------------------------------ reading and merging */

/* Reads one run record by record through a buffer. */
typedef struct cursor {
    int fd;
    long long pos, end;   /* the part of the run not yet in the buffer */
    char *buf;
    size_t cap;           /* of buf */
    size_t at, have;      /* buf[at..have): read, not yet taken */
    logged_row row;       /* the current record */
    uint32_t len;
    const char *key;
} cursor;

static int fill(cursor *c, cb_error *err)
{
    memmove(c->buf, c->buf + c->at, c->have - c->at);
    c->have -= c->at;
    c->at = 0;
    while (c->have < c->cap && c->pos < c->end) {
        size_t want = c->cap - c->have;
        if ((long long)want > c->end - c->pos)
            want = (size_t)(c->end - c->pos);
        ssize_t got = pread(c->fd, c->buf + c->have, want, (off_t)c->pos);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = EIO;
            return temp_error(err, "read");
        }
        c->have += (size_t)got;
        c->pos += got;
    }
    return 0;
}

/* Steps to the next record; returns 1 when there is one, 0 at the end of the run, -1 on error. */
static int cursor_next(cursor *c, cb_error *err)
{
    if (c->have - c->at < RECORD_MAX && c->pos < c->end && fill(c, err) != 0)
        return -1;
    if (c->at == c->have)
        return 0;
    const char *p = c->buf + c->at;
    int64_t line, left_out_as;
    if (c->have - c->at < RECORD_HEAD)
        goto cut;
    memcpy(&c->row.hash, p, 8);
    memcpy(&line, p + 8, 8);
    memcpy(&left_out_as, p + 16, 8);
    memcpy(&c->len, p + 24, 4);
    if (c->len > KEY_LOG_KEY_MAX || c->have - c->at < RECORD_HEAD + c->len)
        goto cut;
    c->row.line = (long)line;
    c->row.left_out_as = (long)left_out_as;
    c->row.used = p[28] != 0;
    c->key = p + RECORD_HEAD;
    c->at += RECORD_HEAD + c->len;
    return 1;
cut:
    errno = EIO;
    return temp_error(err, "read");
}

static int cursor_before(const cursor *a, const cursor *b)
{
    return compare_records(a->row.hash, a->key, a->len, a->row.line, b->row.hash, b->key, b->len,
                           b->row.line) < 0;
}

/* A min-heap of the cursors that still have a record. */
static void sift_down(cursor **heap, size_t n, size_t i)
{
    for (;;) {
        size_t least = i, l = 2 * i + 1, r = l + 1;
        if (l < n && cursor_before(heap[l], heap[least]))
            least = l;
        if (r < n && cursor_before(heap[r], heap[least]))
            least = r;
        if (least == i)
            return;
        cursor *swap = heap[i];
        heap[i] = heap[least];
        heap[least] = swap;
        i = least;
    }
}

/* What a merge does with each record, in order. */
typedef int (*record_fn)(void *context, const cursor *record, cb_error *err);

/* Each of n runs merged at once gets an equal share of KEY_LOG_MERGE_BYTES, within limits. */
static size_t cursor_bytes(size_t n)
{
    size_t share = KEY_LOG_MERGE_BYTES / (n ? n : 1);
    return share < CURSOR_MIN ? CURSOR_MIN : share > CURSOR_MAX ? CURSOR_MAX : share;
}

static int merge_runs(const run *runs, size_t n, record_fn take, void *context, cb_error *err)
{
    size_t buffer = cursor_bytes(n);
    cursor *cursors = mem_calloc(n, sizeof *cursors);
    cursor **heap = mem_alloc((n ? n : 1) * sizeof *heap);
    size_t live = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        cursor *c = &cursors[i];
        *c = (cursor){.fd = fileno(runs[i].file), .pos = runs[i].offset,
                      .end = runs[i].offset + runs[i].bytes, .buf = mem_alloc(buffer),
                      .cap = buffer};
        int got = cursor_next(c, err);
        if (got < 0)
            rc = -1;
        else if (got > 0)
            heap[live++] = c;
    }
    for (size_t i = live / 2; i-- > 0;)
        sift_down(heap, live, i);
    while (rc == 0 && live > 0) {
        cursor *least = heap[0];
        if (take(context, least, err) != 0) {
            rc = -1;
            break;
        }
        int got = cursor_next(least, err);
        if (got < 0)
            rc = -1;
        else if (got == 0)
            heap[0] = heap[--live];
        sift_down(heap, live, 0);
    }
    for (size_t i = 0; i < n; i++)
        free(cursors[i].buf);
    free(cursors);
    free(heap);
    return rc;
}

static int copy_record(void *context, const cursor *record, cb_error *err)
{
    char out[RECORD_MAX];
    size_t size = put_record(out, &record->row, record->key, record->len);
    if (fwrite(out, size, 1, context) != 1)
        return temp_error(err, "write");
    return 0;
}

/* The repeats found so far, and the current group of equal keys (in the order of their lines):
 * once a row of the group was used, every later row repeats it. */
typedef struct repeat_finder {
    key_repeat *repeats;
    size_t n, cap;
    bool in_group;
    uint64_t hash;
    uint32_t len;
    bool used_seen;
    long first_used;
    char key[KEY_LOG_KEY_MAX];
} repeat_finder;

static int note_repeat(void *context, const cursor *record, cb_error *err)
{
    (void)err;
    repeat_finder *f = context;
    bool same = f->in_group && record->row.hash == f->hash && record->len == f->len &&
                memcmp(record->key, f->key, record->len) == 0;
    if (!same) {
        f->in_group = true;
        f->hash = record->row.hash;
        f->len = record->len;
        memcpy(f->key, record->key, record->len);
        f->used_seen = false;
    }
    if (f->used_seen) {
        if (f->n == f->cap) {
            f->cap = f->cap ? f->cap * 2 : 64;
            f->repeats = mem_realloc(f->repeats, f->cap * sizeof *f->repeats);
        }
        f->repeats[f->n++] = (key_repeat){record->row.line, f->first_used,
                                          record->row.left_out_as == f->first_used};
    } else if (record->row.used) {
        f->used_seen = true;
        f->first_used = record->row.line;
    }
    return 0;
}

static int by_line(const void *a, const void *b)
{
    long x = ((const key_repeat *)a)->line, y = ((const key_repeat *)b)->line;
    return (x > y) - (x < y);
}

/* Merges runs[0..n) (of one slice) into f: first, while there are more than fan_in runs, the
 * oldest into longer ones, in a temporary file of its own. */
static int find_among(run *runs, size_t n, size_t fan_in, repeat_finder *f, cb_error *err)
{
    /* A queue of runs (room for 2n): each merge of fan_in runs from its front adds one longer
     * run at its back, so a record is copied about log(runs) / log(fan_in) times. */
    size_t first = 0;
    FILE *longer = NULL;
    long long written = 0;
    int rc = 0;
    while (rc == 0 && n - first > fan_in) {
        if (longer == NULL && (longer = tmpfile()) == NULL) {
            rc = temp_error(err, "create");
            break;
        }
        rc = merge_runs(runs + first, fan_in, copy_record, longer, err);
        if (rc == 0 && fflush(longer) != 0)
            rc = temp_error(err, "write");
        if (rc != 0)
            break;
        long long end = ftello(longer);
        if (end < 0) {
            rc = temp_error(err, "write");
            break;
        }
        first += fan_in;
        runs[n++] = (run){longer, written, end - written};
        written = end;
    }
    if (rc == 0)
        rc = merge_runs(runs + first, n - first, note_repeat, f, err);
    if (longer != NULL)
        fclose(longer);
    return rc;
}

typedef struct slice_search {
    key_log *const *logs;
    size_t n_logs;
    size_t fan_in;
    repeat_finder *finders;  /* one per slice */
    cb_error *errors;
} slice_search;

static int find_in_slice(void *context, size_t p)
{
    slice_search *search = context;
    size_t total = 0, n = 0;
    for (size_t i = 0; i < search->n_logs; i++)
        total += search->logs[i]->n_runs;
    run *runs = mem_alloc((2 * total + 1) * sizeof *runs);
    for (size_t i = 0; i < search->n_logs; i++)
        for (size_t r = 0; r < search->logs[i]->n_runs; r++) {
            const run *slice = &search->logs[i]->slices[r * SLICES + p];
            if (slice->bytes > 0)
                runs[n++] = *slice;
        }
    int rc = find_among(runs, n, search->fan_in, &search->finders[p], &search->errors[p]);
    free(runs);
    return rc;
}

int key_repeats_find(key_log *const *logs, size_t n_logs, int threads, size_t fan_in,
                     key_repeat **repeats, size_t *n_repeats, cb_error *err)
{
    *repeats = NULL;
    *n_repeats = 0;
    fan_in = fan_in == 0 ? KEY_LOG_FAN_IN : fan_in < 2 ? 2 : fan_in;
    slice_search search = {logs, n_logs, fan_in, mem_calloc(SLICES, sizeof(repeat_finder)),
                           mem_calloc(SLICES, sizeof(cb_error))};
    size_t finished, n = 0;
    int rc = parts_run(SLICES, threads, find_in_slice, NULL, &search, &finished);
    if (rc != 0)
        *err = search.errors[finished];
    for (unsigned p = 0; p < SLICES; p++)
        n += search.finders[p].n;
    if (rc == 0 && n > 0) {
        *repeats = mem_alloc(n * sizeof **repeats);
        for (unsigned p = 0; p < SLICES; p++) {
            if (search.finders[p].n == 0)
                continue;
            memcpy(*repeats + *n_repeats, search.finders[p].repeats,
                   search.finders[p].n * sizeof **repeats);
            *n_repeats += search.finders[p].n;
        }
        qsort(*repeats, n, sizeof **repeats, by_line);
    }
    for (unsigned p = 0; p < SLICES; p++)
        free(search.finders[p].repeats);
    free(search.finders);
    free(search.errors);
    return rc;
}
