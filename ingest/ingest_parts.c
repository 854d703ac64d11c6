#include "ingest/ingest_state.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/parts.h"
#include "util/alloc.h"
#include "util/hasher.h"

/* The reading of one part: its own row state, ledger and accumulator; the header's tables are
 * borrowed from the first reading. */
typedef struct part_job {
    ingest_state st;
    ledger *ledger;
    ingest_handler handler;
    reader_summary summary;
    cb_error err;
    int rc;
    bool started;
    bool first_done;            /* read once: a second reading is told the repeats instead */
    key_log *logged;            /* the unique keys of its rows, from the first reading */
    const key_repeat *repeats;  /* its rows that repeat an earlier key, for a second reading */
    size_t n_repeats;
} part_job;

typedef struct part_reading {
    const char *path;
    ingest_state *first;        /* read the header line; its ledger is the caller's */
    const file_part *parts;     /* parts[0] is the header line */
    part_job *jobs;             /* jobs[k] reads parts[k + 1] */
    size_t *again;              /* the parts read a second time */
    reader_options reader;      /* the delimiter and encoding the header line showed */
    unsigned long long progress_total; /* file size when progress is shown, else 0 */
    unsigned long long read_bytes;
} part_reading;

static void start_job(const part_reading *r, size_t k)
{
    const ingest_state *first = r->first;
    const ingest_handler *h = first->handler;
    part_job *job = &r->jobs[k];
    job->started = true;
    job->ledger = ledger_new();
    size_t file = ledger_add_file(job->ledger, r->path, first->schema->name);
    ledger_spool_echo(job->ledger, first->ledger);
    job->handler = (ingest_handler){.on_row = h ? h->on_row : NULL,
                                    .user = h ? h->part_new(h->user) : NULL};
    memset(&job->summary, 0, sizeof job->summary);
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
    /* The first reading logs the keys and remembers a window of recent ones; a second one is
     * told the repeats instead. */
    st->keys = job->first_done ? NULL : keyset_new();
    st->key_lines = NULL;
    st->key_lines_cap = 0;
    st->key_log = job->first_done ? NULL : key_log_new();
    st->repeats = job->repeats;
    st->n_repeats = job->n_repeats;
    st->next_repeat = 0;
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

/* Reads part k. On the first reading its key log is closed (even after a failure, so that the
 * repeats before the failure are found) and kept in job->logged, unless it is incomplete. */
static int read_job(const part_reading *r, size_t k)
{
    part_job *job = &r->jobs[k];
    bool first = !job->first_done;
    job->first_done = true;
    const file_part *p = &r->parts[k + 1];
    job->rc = reader_read_part(r->path, p->offset, p->length, p->first_line, &r->reader,
                               ingest_on_record, &job->st, &job->summary, &job->err);
    if (first) {
        /* The window of recent keys has done its work: only the log is kept. */
        keyset_free(job->st.keys);
        free(job->st.key_lines);
        job->st.keys = NULL;
        job->st.key_lines = NULL;
        job->st.key_lines_cap = 0;
        cb_error log_err;
        if (key_log_close(job->st.key_log, &log_err) == 0) {
            job->logged = job->st.key_log;
        } else {
            key_log_free(job->st.key_log); /* incomplete: not merged */
            if (job->rc == 0) {
                job->err = log_err;
                job->rc = -1;
            }
        }
        job->st.key_log = NULL;
    }
    return job->rc;
}

static int work_on_part(void *context, size_t k)
{
    part_reading *r = context;
    start_job(r, k);
    return read_job(r, k);
}

/* Shows how far the first reading has come, part by part in file order. */
static int show_progress(void *context, size_t k)
{
    part_reading *r = context;
    r->read_bytes += r->parts[k + 1].length;
    reader_show_progress(r->path, r->parts[0].length + r->read_bytes, r->progress_total);
    return 0;
}

static int read_again(void *context, size_t i)
{
    part_reading *r = context;
    size_t k = r->again[i];
    end_job(r, &r->jobs[k]);
    start_job(r, k);
    return read_job(r, k);
}

/* The part that holds a line: the last one starting at or before it. */
static size_t part_of_line(const part_reading *r, size_t n_jobs, long line)
{
    size_t k = 0;
    while (k + 1 < n_jobs && r->parts[k + 2].first_line <= line)
        k++;
    return k;
}

/* Whether a part's first reading left out every one of its repeats as it should have. */
static bool all_left_out(const key_repeat *repeats, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!repeats[i].already_left_out)
            return false;
    return true;
}

/* Finds the rows of parts 0..last that repeat the key of an earlier row, and reads the parts
 * whose first reading did not already leave them all out again (at the same time), knowing
 * them, so that the later rows are left out, as in one reading. Returns 0, or -1 with err set
 * when the keys cannot be merged; a part that fails on its second reading says so in its job. */
static int leave_out_repeats(part_reading *r, size_t last, int threads, key_repeat **repeats,
                             cb_error *err)
{
    key_log **logs = mem_alloc((last + 1) * sizeof *logs);
    size_t n_logs = 0, n_repeats;
    for (size_t k = 0; k <= last; k++)
        if (r->jobs[k].logged != NULL)
            logs[n_logs++] = r->jobs[k].logged;
    int rc = key_repeats_find(logs, n_logs, threads, 0, repeats, &n_repeats, err);
    free(logs);
    if (rc != 0 || n_repeats == 0)
        return rc;
    size_t n_again = 0;
    for (size_t i = 0; i < n_repeats;) {
        size_t k = part_of_line(r, last + 1, (*repeats)[i].line), j = i;
        while (j < n_repeats && part_of_line(r, last + 1, (*repeats)[j].line) == k)
            j++;
        r->jobs[k].repeats = *repeats + i;
        r->jobs[k].n_repeats = j - i;
        if (!all_left_out(*repeats + i, j - i))
            r->again[n_again++] = k;
        i = j;
    }
    size_t finished;
    parts_run(n_again, threads, read_again, NULL, r, &finished);
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
    size_t n_jobs = n_parts - 1;
    part_reading r = {.path = path, .first = st, .parts = parts,
                      .progress_total = reader_progress_total(path)};
    r.reader = (reader_options){summary->encoding, summary->delimiter};
    r.jobs = mem_calloc(n_jobs, sizeof *r.jobs);
    r.again = mem_calloc(n_jobs, sizeof *r.again);
    int threads = thread_count(st->options);
    size_t finished;
    /* The parts up to the first that fails (all when none does) count: the rows before a fatal
     * problem are accounted for as in one reading. */
    parts_run(n_jobs, threads, work_on_part, show_progress, &r, &finished);
    size_t last = finished < n_jobs ? finished : n_jobs - 1;
    cb_error failure = r.jobs[last].err; /* a second reading must not hide the first's failure */
    key_repeat *repeats = NULL;
    cb_error merge_err;
    int rc = leave_out_repeats(&r, last, threads, &repeats, &merge_err);
    size_t k = 0;
    for (; k <= last; k++) {
        part_job *job = &r.jobs[k];
        ledger_absorb(st->ledger, st->file, job->ledger, job->st.file);
        if (job->rc != 0) {
            *err = k == last && finished < n_jobs ? failure : job->err;
            break;
        }
        summary->records += job->summary.records;
        summary->blank_records += job->summary.blank_records;
        const ingest_handler *h = st->handler;
        if (rc == 0 && h != NULL && h->part_merge(h->user, job->handler.user, err) != 0)
            break;
        end_job(&r, job);
    }
    /* The first problem in file order: a part's, else the search for repeats', else none. */
    if (k <= last) {
        rc = -1;
    } else if (finished < n_jobs) {
        *err = failure;
        rc = -1;
    } else if (rc != 0) {
        *err = merge_err;
    }
    for (size_t j = 0; j < n_jobs; j++) {
        end_job(&r, &r.jobs[j]);
        key_log_free(r.jobs[j].logged);
    }
    free(repeats);
    free(r.again);
    free(r.jobs);
    cb_error hash_err;
    if (file_hasher_finish(hash, summary->sha256, &summary->bytes, &hash_err) != 0 && rc == 0) {
        *err = hash_err;
        rc = -1;
    }
    return rc;
}
