#include "cli/readers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/text.h"
#include "analyze/plan.h"
#include "util/date.h"

typedef struct needs_run {
    needs_survey *survey;
    long as_of;
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
    int as_of_year, month, day;
    date_to_civil(run->as_of, &as_of_year, &month, &day);
    if ((submitted->state == CELL_OK && submitted->integer > run->as_of) ||
        year->integer > as_of_year) {
        ledger_out_of_scope(row->header->ledger, row->header->file);
        return ROW_USED;
    }
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

int read_needs(const char *path, const ingest_options *options, size_t n_members, long as_of,
               ledger *ledger, needs_survey **survey, cb_error *err)
{
    needs_run run = {.n_members = n_members, .as_of = as_of};
    ingest_handler handler = {.on_header = on_needs_header, .on_row = add_submission,
                              .user = &run};
    int rc = ingest_file(path, KIND_NEEDS, options, &handler, ledger, err);
    free(run.ratings);
    if (rc != 0) {
        needs_free(run.survey);
        run.survey = NULL;
    }
    *survey = run.survey;
    return rc;
}

/* What the row handlers share while the files stream by. */
typedef struct evaluation_run {
    evaluation *evaluation;
    keyset *workshop_ids;     /* every workshop of workshops.csv */
    long *evaluation_index;   /* per workshop_ids entry: evaluation index, or -1 left out */
    size_t cap;
    eval_workshop *pending;   /* workshops kept, added to the evaluation once all are read */
    size_t n_pending;
    plan_window window;
    long workshops_left_out;
    comment_spool *comments;  /* NULL: comments are not kept */
    cb_error comments_error;  /* of a part: why its comments could not be kept */
    int n_items;
    int *ratings;
} evaluation_run;

static char *cell_copy(const cell *c)
{
    return mem_strndup(c->text, c->state == CELL_OK ? c->len : 0);
}

static int add_workshop(const typed_row *row, void *user)
{
    evaluation_run *run = user;
    const cell *id = &row->cells[WORKSHOPS_ID];
    const cell *start = &row->cells[WORKSHOPS_START];
    size_t index;
    keyset_add(run->workshop_ids, id->text, id->len, &index);
    if (index >= run->cap) {
        run->cap = run->cap ? run->cap * 2 : 64;
        run->evaluation_index = mem_realloc(run->evaluation_index, run->cap * sizeof(long));
        run->pending = mem_realloc(run->pending, run->cap * sizeof *run->pending);
    }
    if (!plan_counts(&run->window, start->integer)) {
        /* A valid workshop of another period: out of scope, never an error. */
        ledger_out_of_scope(row->header->ledger, row->header->file);
        run->evaluation_index[index] = -1;
        run->workshops_left_out++;
        return ROW_USED;
    }
    const cell *female = &row->cells[WORKSHOPS_FEMALE], *male = &row->cells[WORKSHOPS_MALE];
    const cell *other = &row->cells[WORKSHOPS_OTHER];
    eval_workshop *w = &run->pending[run->n_pending];
    *w = (eval_workshop){cell_copy(id), cell_copy(&row->cells[WORKSHOPS_TITLE]),
                         cell_copy(&row->cells[WORKSHOPS_ACTION]), NULL, start->integer,
                         female->state == CELL_OK && male->state == CELL_OK,
                         {female->integer, male->integer,
                          other->state == CELL_OK ? other->integer : 0}};
    const cell *modality = &row->cells[WORKSHOPS_MODALITY];
    static const char *const modalities[] = {"in-person", "virtual", "hybrid"};
    w->modality = mem_strdup(modality->state == CELL_OK ? modalities[modality->integer] : "");
    run->evaluation_index[index] = (long)run->n_pending++;
    return ROW_USED;
}

static int on_evaluation_header(const ingest_header *header, void *user, cb_error *err)
{
    evaluation_run *run = user;
    if (header->n_extras == 0)
        return error_set(err, header->path, header->line, 1,
                         "no rating items: every column other than workshop_id, respondent_id, "
                         "member_code, gender, submitted_at and comments is read as a rating "
                         "item, and there is none");
    evaluation_set_items(run->evaluation, header->n_extras, header->extra_labels);
    run->n_items = (int)header->n_extras;
    run->ratings = mem_alloc(header->n_extras * sizeof *run->ratings);
    return 0;
}

static int add_questionnaire(const typed_row *row, void *user)
{
    evaluation_run *run = user;
    const cell *workshop = &row->cells[EVALUATIONS_WORKSHOP];
    long index = run->evaluation_index[workshop->integer];
    const cell *submitted = &row->cells[EVALUATIONS_SUBMITTED];
    if (index < 0 || (submitted->state == CELL_OK && submitted->integer > run->window.as_of)) {
        ledger_out_of_scope(row->header->ledger, row->header->file);
        return ROW_USED;
    }
    for (int i = 0; i < run->n_items; i++)
        run->ratings[i] = row->extras[i].state == CELL_OK ? (int)row->extras[i].integer
                                                         : EVAL_NO_ANSWER;
    const cell *gender = &row->cells[EVALUATIONS_GENDER];
    const cell *member = &row->cells[EVALUATIONS_MEMBER];
    long member_index = member->state == CELL_OK ? (long)member->integer : -1;
    evaluation_add_response(run->evaluation, (size_t)index, run->ratings,
                            gender->state == CELL_OK ? (int)gender->integer : EVAL_GENDER_NOT_GIVEN,
                            member_index);
    const cell *comment = &row->cells[EVALUATIONS_COMMENTS];
    if (comment->state == CELL_OK && run->comments)
        comment_spool_add(run->comments, (size_t)index, member_index, row->line, comment->text,
                          comment->len);
    return ROW_USED;
}

/* An accumulator for one part of evaluations.csv: its own evaluation, ratings and comments;
 * the workshops' indexes are the run's. */
static void *new_questionnaire_part(void *user)
{
    const evaluation_run *run = user;
    evaluation_run *part = mem_calloc(1, sizeof *part);
    part->evaluation = evaluation_new_like(run->evaluation);
    part->evaluation_index = run->evaluation_index;
    part->window = run->window;
    part->n_items = run->n_items;
    part->ratings = mem_alloc((run->n_items ? (size_t)run->n_items : 1) * sizeof *part->ratings);
    if (run->comments != NULL) {
        part->comments = mem_calloc(1, sizeof *part->comments);
        /* A spool that cannot be opened marks itself failed; the merge reports why. */
        if (comment_spool_open(part->comments, &part->comments_error) != 0)
            part->comments->failed = true;
    }
    return part;
}

static int merge_questionnaire_part(void *user, void *part_user, cb_error *err)
{
    evaluation_run *run = user, *part = part_user;
    evaluation_merge(run->evaluation, part->evaluation);
    if (part->comments == NULL)
        return 0;
    if (part->comments->file == NULL) {
        *err = part->comments_error;
        return -1;
    }
    if (comment_spool_rewind(part->comments, err) != 0)
        return -1;
    spooled_comment c;
    char *buffer = NULL;
    size_t cap = 0;
    long copied = 0;
    for (; comment_spool_next(part->comments, &c, &buffer, &cap); copied++)
        comment_spool_add(run->comments, c.workshop, c.member, c.line, c.text, strlen(c.text));
    free(buffer);
    if (copied != part->comments->count)
        return error_set(err, NULL, 0, 0, "cannot read back the comments kept in a temporary "
                         "file (is the disk full?)");
    return 0;
}

static void free_questionnaire_part(void *part_user)
{
    evaluation_run *part = part_user;
    evaluation_free(part->evaluation);
    free(part->ratings);
    if (part->comments != NULL) {
        comment_spool_close(part->comments);
        free(part->comments);
    }
    free(part);
}

static void free_run(evaluation_run *run)
{
    for (size_t i = 0; i < run->n_pending; i++) {
        free(run->pending[i].id);
        free(run->pending[i].title);
        free(run->pending[i].action);
        free(run->pending[i].modality);
    }
    free(run->pending);
    free(run->evaluation_index);
    free(run->ratings);
    keyset_free(run->workshop_ids);
}

int read_evaluation(const char *workshops, const char *evaluations, const ingest_options *options,
                    const plan_options *plan, const member_registry *members,
                    comment_spool *comments, ledger *ledger, evaluation_input *out, cb_error *err)
{
    evaluation_run run = {.workshop_ids = keyset_new(),
                          .window = {plan->plan_start, plan->plan_end, plan->as_of},
                          .comments = comments};
    ingest_options opts = *options;
    ingest_handler workshop_handler = {.on_row = add_workshop, .user = &run};
    int rc = ingest_file(workshops, KIND_WORKSHOPS, &opts, &workshop_handler, ledger, err);
    if (rc == 0) {
        run.evaluation = evaluation_new(opts.scale_min, opts.scale_max, members ? members->count : 0);
        for (size_t i = 0; i < run.n_pending; i++)
            evaluation_add_workshop(run.evaluation, &run.pending[i]);
        opts.workshops = run.workshop_ids;
        ingest_handler evaluation_handler = {
            .on_header = on_evaluation_header, .on_row = add_questionnaire, .user = &run,
            .part_new = new_questionnaire_part, .part_merge = merge_questionnaire_part,
            .part_free = free_questionnaire_part};
        rc = ingest_file(evaluations, KIND_EVALUATIONS, &opts, &evaluation_handler, ledger, err);
    }
    out->evaluation = run.evaluation;
    out->workshops_left_out = run.workshops_left_out;
    free_run(&run);
    return rc;
}

void evaluation_input_free(evaluation_input *in)
{
    evaluation_free(in->evaluation);
    in->evaluation = NULL;
}

typedef struct catalogue_run {
    catalogue *catalogue;
    long plan_end;
} catalogue_run;

/* The cell's text as a new string ("" when empty); the caller frees it. */
static char *cell_text(const cell *c)
{
    return mem_strndup(c->text, c->state == CELL_OK ? c->len : 0);
}

static int add_kpi(const typed_row *row, void *user)
{
    catalogue_run *run = user;
    const cell *c = row->cells;
    const ingest_header *h = row->header;
    enum { ID, PILLAR, ACTION, TEXT, MEASURE, FILTER, TARGET, FIELDS };
    static const int columns[FIELDS] = {KPIS_ID, KPIS_PILLAR, KPIS_ACTION, KPIS_KPI,
                                        KPIS_MEASURE, KPIS_FILTER, KPIS_TARGET};
    char *f[FIELDS], why[512];
    for (int i = 0; i < FIELDS; i++)
        f[i] = cell_text(&c[columns[i]]);
    long long pillar;
    long deadline = c[KPIS_DEADLINE].state == CELL_OK ? (long)c[KPIS_DEADLINE].integer : run->plan_end;
    int verdict = ROW_USED;
    if (!field_parse_integer(f[PILLAR], strlen(f[PILLAR]), 1, 99, &pillar)) {
        ledger_reject(h->ledger, h->file, c[KPIS_PILLAR].line, c[KPIS_PILLAR].column,
                      h->column_labels[KPIS_PILLAR], f[PILLAR], strlen(f[PILLAR]), true,
                      "pillar \"%s\" is not a pillar number; this KPI is left out", f[PILLAR]);
        verdict = ROW_REJECTED;
    } else if (!catalogue_add(run->catalogue, f[ID], (int)pillar, f[ACTION], f[TEXT], f[MEASURE],
                              f[FILTER], f[TARGET], deadline, row->line, why, sizeof why)) {
        utf8_drop_partial(why); /* the reason quotes the catalogue's text, cut to fit */
        ledger_reject(h->ledger, h->file, row->line, c[KPIS_ID].column, h->column_labels[KPIS_ID],
                      f[ID], strlen(f[ID]), true, "KPI %s cannot be computed: %s; it is left out",
                      f[ID], why);
        verdict = ROW_REJECTED;
    }
    for (int i = 0; i < FIELDS; i++)
        free(f[i]);
    return verdict;
}

int read_catalogue_csv(const char *path, const char *text, const ingest_options *options,
                       long plan_end, ledger *ledger, catalogue *cat, cb_error *err)
{
    catalogue_run run = {cat, plan_end};
    ingest_handler handler = {.on_header = NULL, .on_row = add_kpi, .user = &run};
    if (text != NULL)
        return ingest_memory(path, text, strlen(text), KIND_KPIS, options, &handler, ledger, err);
    return ingest_file(path, KIND_KPIS, options, &handler, ledger, err);
}
