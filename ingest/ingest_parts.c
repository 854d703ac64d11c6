#include "ingest/ingest_state.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/parts.h"
#include "util/alloc.h"
#include "util/hasher.h"
#include "util/sort.h"

/* The reading of one part: its own row state, ledger and accumulator; the header's tables are
 * borrowed from the first reading. */
typedef struct part_job {
    ingest_state st;
    ledger *ledger;
    ingest_handler handler;
    reader_summary summary;
    cb_error err;
    bool started;
} part_job;

typedef struct part_reading {
    const char *path;
    ingest_state *first;        /* read the header line; its ledger is the caller's */
    const file_part *parts;     /* parts[0] is the header line */
    part_job *jobs;             /* jobs[k] reads parts[k + 1] */
    key_history *history;       /* the keys of every part merged so far */
    size_t n_history;
    uint64_t *seen;             /* keyset_hash of those keys, sorted */
    size_t n_seen;
    reader_options reader;      /* the delimiter and encoding the header line showed */
    reader_summary *summary;
    bool merge_failed;
    unsigned long long progress_total; /* file size when progress is shown, else 0 */
    unsigned long long merged_bytes;
    cb_error *err;
} part_reading;

static void start_job(const part_reading *r, size_t k, const key_history *earlier,
                      size_t n_earlier)
{
    const ingest_state *first = r->first;
    const ingest_handler *h = first->handler;
    part_job *job = &r->jobs[k];
    memset(job, 0, sizeof *job);
    job->started = true;
    job->ledger = ledger_new();
    size_t file = ledger_add_file(job->ledger, r->path, first->schema->name);
    ledger_spool_echo(job->ledger, first->ledger);
    job->handler = (ingest_handler){.on_row = h ? h->on_row : NULL,
                                    .user = h ? h->part_new(h->user) : NULL};
    ingest_state *st = &job->st;
    *st = *first;
    st->borrowed = true;
    st->handler = &job->handler;
    st->ledger = job->ledger;
    st->file = file;
    st->header.ledger = job->ledger;
    st->header.file = file;
    st->pending = mem_alloc((st->n_file_columns ? st->n_file_columns : 1) * sizeof *st->pending);
    st->cells = mem_calloc(st->schema->n_columns, sizeof *st->cells);
    st->extras = mem_calloc(st->header.n_extras ? st->header.n_extras : 1, sizeof *st->extras);
    st->keys = keyset_new();
    st->key_lines = NULL;
    st->key_hashes = NULL;
    st->key_lines_cap = 0;
    st->earlier = earlier;
    st->n_earlier = n_earlier;
    /* A row of hashtags can only follow the header line, at the start of the first part. */
    st->hashtags_checked = r->parts[1].offset != r->parts[k + 1].offset;
}

static void end_job(const part_reading *r, part_job *job)
{
    if (!job->started)
        return;
    const ingest_handler *h = r->first->handler;
    if (h != NULL && job->handler.user != NULL)
        h->part_free(job->handler.user);
    ingest_state_free(&job->st);
    ledger_free(job->ledger);
    job->started = false;
}

/* Reads part k; its key hashes end up sorted. */
static int read_job(const part_reading *r, size_t k, part_job *job)
{
    const file_part *p = &r->parts[k + 1];
    int rc = reader_read_part(r->path, p->offset, p->length, p->first_line, &r->reader,
                              ingest_on_record, &job->st, &job->summary, &job->err);
    size_t n = keyset_count(job->st.keys);
    if (rc == 0 && n > 1)
        sort_u64(job->st.key_hashes, n);
    return rc;
}

static int work_on_part(void *context, size_t k)
{
    part_reading *r = context;
    start_job(r, k, NULL, 0);
    return read_job(r, k, &r->jobs[k]);
}

/* Whether a unique key of the job may also appear in a part before it: two sorted lists of
 * hashes share a value (a false alarm only costs a second reading of the part). */
static bool may_repeat_earlier_key(const part_reading *r, const part_job *job)
{
    const uint64_t *mine = job->st.key_hashes;
    size_t n = keyset_count(job->st.keys), i = 0, j = 0;
    while (i < n && j < r->n_seen) {
        if (mine[i] == r->seen[j])
            return true;
        if (mine[i] < r->seen[j])
            i++;
        else
            j++;
    }
    return false;
}

/* Adds the job's sorted key hashes to the sorted hashes seen so far. */
static void add_seen(part_reading *r, const part_job *job)
{
    const uint64_t *mine = job->st.key_hashes;
    size_t n = keyset_count(job->st.keys), i = 0, j = 0, out = 0;
    if (n == 0)
        return;
    uint64_t *merged = mem_alloc((r->n_seen + n) * sizeof *merged);
    while (i < n || j < r->n_seen)
        merged[out++] = j == r->n_seen || (i < n && mine[i] < r->seen[j]) ? mine[i++]
                                                                            : r->seen[j++];
    free(r->seen);
    r->seen = merged;
    r->n_seen = out;
}

/* Takes part k's results into the first reading, in file order. */
static int finish_part(void *context, size_t k)
{
    part_reading *r = context;
    part_job *job = &r->jobs[k];
    if (may_repeat_earlier_key(r, job)) {
        /* A row repeats a key of an earlier part: read the part again knowing those keys, so
         * that the later row is the one left out, as in one reading. */
        end_job(r, job);
        start_job(r, k, r->history, r->n_history);
        if (read_job(r, k, job) != 0)
            return -1;
    }
    ledger_absorb(r->first->ledger, r->first->file, job->ledger, job->st.file);
    r->summary->records += job->summary.records;
    r->summary->blank_records += job->summary.blank_records;
    const ingest_handler *h = r->first->handler;
    if (h != NULL && h->part_merge(h->user, job->handler.user, r->err) != 0) {
        r->merge_failed = true;
        return -1;
    }
    add_seen(r, job);
    r->merged_bytes += r->parts[k + 1].length;
    reader_show_progress(r->path, r->parts[0].length + r->merged_bytes, r->progress_total);
    r->history[r->n_history++] = (key_history){job->st.keys, job->st.key_lines};
    job->st.keys = NULL;
    job->st.key_lines = NULL;
    end_job(r, job);
    return 0;
}

static int thread_count(const ingest_options *options)
{
    long n = options->threads > 0 ? options->threads : sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > INGEST_MAX_THREADS ? INGEST_MAX_THREADS : (int)n;
}

int ingest_read_in_parts(ingest_state *st, const char *path, const file_part *parts,
                         size_t n_parts, reader_summary *summary, cb_error *err)
{
    if (reader_read_part(path, 0, parts[0].length, 1, &st->options->reader, ingest_on_record, st,
                         summary, err) != 0)
        return -1;
    if (!st->have_header)
        return 1;
    file_hasher *hash = file_hasher_start(path);
    part_reading r = {.path = path, .first = st, .parts = parts, .summary = summary, .err = err,
                      .progress_total = reader_progress_total(path)};
    r.reader = (reader_options){summary->encoding, summary->delimiter};
    r.jobs = mem_calloc(n_parts - 1, sizeof *r.jobs);
    r.history = mem_calloc(n_parts - 1, sizeof *r.history);
    size_t finished;
    int rc = parts_run(n_parts - 1, thread_count(st->options), work_on_part, finish_part, &r,
                       &finished);
    if (rc != 0 && !r.merge_failed) {
        /* The first problem in file order, after the problems printed before it. */
        part_job *failed = &r.jobs[finished];
        *err = failed->err;
        if (failed->started)
            ledger_absorb(st->ledger, st->file, failed->ledger, failed->st.file);
    }
    for (size_t k = 0; k + 1 < n_parts; k++)
        end_job(&r, &r.jobs[k]);
    for (size_t p = 0; p < r.n_history; p++) {
        keyset_free(r.history[p].keys);
        free(r.history[p].lines);
    }
    free(r.history);
    free(r.seen);
    free(r.jobs);
    cb_error hash_err;
    if (file_hasher_finish(hash, summary->sha256, &summary->bytes, &hash_err) != 0 && rc == 0) {
        *err = hash_err;
        rc = -1;
    }
    return rc != 0 ? -1 : 0;
}
