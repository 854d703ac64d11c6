#include "cli/readers.h"

#include <stdlib.h>

#include "util/alloc.h"

typedef struct needs_run {
    needs_survey *survey;
    size_t n_members;
    size_t n_topics;
    int *ratings;
} needs_run;

static int on_needs_header(const ingest_header *header, void *user, cb_error *err)
{
    needs_run *run = user;
    if (header->n_extras == 0)
        return error_set(err, header->path, header->line, 1,
                         "no topics: every column other than member_code, year, submitted_at "
                         "and comments is read as a topic, and there is none");
    run->n_topics = header->n_extras;
    run->survey = needs_new(run->n_members, header->n_extras, header->extra_labels);
    run->ratings = mem_alloc(header->n_extras * sizeof *run->ratings);
    return 0;
}

static int add_submission(const typed_row *row, void *user)
{
    needs_run *run = user;
    for (size_t t = 0; t < run->n_topics; t++)
        run->ratings[t] = row->extras[t].state == CELL_OK ? (int)row->extras[t].integer
                                                         : NEEDS_NO_ANSWER;
    const cell *member = &row->cells[NEEDS_MEMBER], *year = &row->cells[NEEDS_YEAR];
    const cell *submitted = &row->cells[NEEDS_SUBMITTED], *comment = &row->cells[NEEDS_COMMENTS];
    long other;
    needs_outcome outcome = needs_add(
        run->survey, (size_t)member->integer, (int)year->integer,
        submitted->state == CELL_OK ? (long)submitted->integer : NEEDS_NO_DATE, row->line,
        run->ratings, comment->text, comment->state == CELL_OK ? comment->len : 0, &other);
    const ingest_header *h = row->header;
    if (outcome == NEEDS_REPLACED)
        ledger_unuse_row(h->ledger, h->file, other, 0, h->column_labels[NEEDS_MEMBER],
                         member->text, member->len,
                         "superseded: %.*s submitted again for %lld at line %ld, and the later "
                         "submission counts", (int)member->len, member->text, year->integer,
                         row->line);
    if (outcome == NEEDS_SUPERSEDED) {
        ledger_reject(h->ledger, h->file, member->line, member->column,
                      h->column_labels[NEEDS_MEMBER], member->text, member->len, true, "superseded: %.*s submitted later for "
                      "%lld (line %ld), and the later submission counts", (int)member->len,
                      member->text, year->integer, other);
        return ROW_REJECTED;
    }
    return ROW_USED;
}

int read_needs(const char *path, const ingest_options *options, size_t n_members, ledger *ledger,
               needs_survey **survey, cb_error *err)
{
    needs_run run = {.n_members = n_members};
    ingest_handler handler = {on_needs_header, add_submission, &run};
    int rc = ingest_file(path, KIND_NEEDS, options, &handler, ledger, err);
    free(run.ratings);
    if (rc != 0) {
        needs_free(run.survey);
        run.survey = NULL;
    }
    *survey = run.survey;
    return rc;
}
