/* Fuzz target `parts`: the bytes as an evaluations.csv file read twice, in one pass and in parts
 * of a few bytes on one to three threads (first byte: the part size, second: the threads and
 * how many recent keys a part remembers), and
 * the two readings must agree: both fail, or both succeed with the same ledger (counts and every
 * entry) and the same rows handed on. A handler that leaves out the rows on some lines (by line, as a
 * verdict must be: never by what came before) makes a repeated key count only after a used
 * row, the case that decides which later rows are repeats. */
#include "tests/fuzz/fuzz_common.h"

#include "ingest/ingest.h"
#include "ingest/ledger.h"

/* What the handler saw: order-free sums, so that parts merged in any grouping compare. */
typedef struct tally {
    long long rows, line_sum, line_squares, ratings;
} tally;

static int count_row(const typed_row *row, void *user)
{
    tally *t = user;
    if (row->line % 7 == 3) {
        ledger_reject(row->header->ledger, row->header->file, row->line, 1, "", "", 0, true,
                      "left out by line");
        return ROW_REJECTED;
    }
    t->rows++;
    t->line_sum += row->line;
    t->line_squares += (long long)row->line * row->line;
    for (size_t i = 0; i < row->header->n_extras; i++)
        if (row->extras[i].state == CELL_OK)
            t->ratings += (long long)(i + 1) * row->extras[i].integer;
    return ROW_USED;
}

static void *new_part(void *user)
{
    (void)user;
    tally *t = calloc(1, sizeof *t);
    FUZZ_CHECK(t != NULL, "out of memory");
    return t;
}

static int merge_part(void *user, void *part, cb_error *err)
{
    (void)err;
    tally *t = user;
    const tally *p = part;
    t->rows += p->rows;
    t->line_sum += p->line_sum;
    t->line_squares += p->line_squares;
    t->ratings += p->ratings;
    return 0;
}

typedef struct reading {
    int rc;
    cb_error err;
    tally seen;
    ledger *ledger;
} reading;

static void read_file(const char *path, unsigned long long part_bytes, int threads,
                      size_t key_window, reading *out)
{
    memset(out, 0, sizeof *out);
    ingest_options options = ingest_default_options();
    options.part_bytes = part_bytes;
    options.threads = threads;
    options.key_window = key_window;
    ingest_handler handler = {.on_row = count_row, .user = &out->seen, .part_new = new_part,
                              .part_merge = merge_part, .part_free = free};
    out->ledger = ledger_new();
    out->rc = ingest_file(path, KIND_EVALUATIONS, &options, &handler, out->ledger, &out->err);
}

static void expect_same_ledger(ledger *a, ledger *b)
{
    FUZZ_CHECK(ledger_file_count(a) == 1 && ledger_file_count(b) == 1, "files in the ledgers");
    const ledger_file *x = ledger_file_at(a, 0), *y = ledger_file_at(b, 0);
    FUZZ_CHECK(x->rows_read == y->rows_read && x->rows_used == y->rows_used &&
               x->rows_rejected == y->rows_rejected && x->cells_rejected == y->cells_rejected &&
               x->blank_rows == y->blank_rows && x->rows_out_of_scope == y->rows_out_of_scope,
               "counts: read %ld/%ld used %ld/%ld rejected %ld/%ld cells %ld/%ld blank %ld/%ld",
               x->rows_read, y->rows_read, x->rows_used, y->rows_used, x->rows_rejected,
               y->rows_rejected, x->cells_rejected, y->cells_rejected, x->blank_rows,
               y->blank_rows);
    FUZZ_CHECK(x->bytes == y->bytes && strcmp(x->sha256, y->sha256) == 0, "fingerprints");
    FUZZ_CHECK(ledger_problem_count(a) == ledger_problem_count(b), "problems %ld vs %ld",
               ledger_problem_count(a), ledger_problem_count(b));
    FUZZ_CHECK(ledger_entry_count(a) == ledger_entry_count(b), "entries %zu vs %zu",
               ledger_entry_count(a), ledger_entry_count(b));
    for (size_t i = 0; i < ledger_entry_count(a); i++) {
        const ledger_entry *e = ledger_entry_at(a, i), *f = ledger_entry_at(b, i);
        FUZZ_CHECK(e->line == f->line && e->column == f->column && e->whole_row == f->whole_row &&
                   strcmp(e->field, f->field) == 0 && strcmp(e->value, f->value) == 0 &&
                   strcmp(e->reason, f->reason) == 0,
                   "entry %zu: %ld:%ld %s vs %ld:%ld %s", i, e->line, e->column, e->reason,
                   f->line, f->column, f->reason);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned long long part_bytes = 1 + data[0] % 64;
    int threads = 1 + data[1] % 3;
    size_t key_window = data[1] / 3 % 8; /* 0: the default */
    char path[64];
    fuzz_temp_file("parts", data + 2, size - 2, path, sizeof path);
    reading one, parts;
    read_file(path, 1ULL << 40, 2, 0, &one);
    read_file(path, part_bytes, threads, key_window, &parts);
    unlink(path);
    FUZZ_CHECK(one.rc == parts.rc, "one pass %d, parts %d (%s)", one.rc, parts.rc,
               one.rc ? one.err.message : parts.err.message);
    if (one.rc != 0) {
        /* Both stop. Which fatal problem each names can differ when there are several: a
         * reading checks the bytes of all it has taken in at once (a part, or a piece of the
         * file) before it parses them; test_parallel.c pins the cases that matter. */
        FUZZ_CHECK(one.err.message[0] != '\0' && parts.err.message[0] != '\0',
                   "a failure without a message");
    } else {
        FUZZ_CHECK(memcmp(&one.seen, &parts.seen, sizeof one.seen) == 0,
                   "rows handed on: %lld vs %lld", one.seen.rows, parts.seen.rows);
        expect_same_ledger(one.ledger, parts.ledger);
    }
    ledger_free(one.ledger);
    ledger_free(parts.ledger);
    return 0;
}
