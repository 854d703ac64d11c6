/* Reading inputs into the analyses, shared by the commands that need the same file read the
 * same way (a job and `validate` count the same rows as used and rejected). */
#ifndef CBKPI_CLI_READERS_H
#define CBKPI_CLI_READERS_H

#include "analyze/catalogue.h"
#include "analyze/evaluation.h"
#include "analyze/needs.h"
#include "cli/options.h"
#include "export/comments.h"
#include "ingest/registry.h"

/** Reads needs.csv into a survey (*survey, NULL on failure): duplicate submissions are resolved
 *  and the superseded one recorded in the ledger; rows submitted after as_of, or for a year
 *  after it, are out of scope. options->members must be the registry of n_members Members.
 *  Returns 0, or -1 with err set on a fatal problem. */
int read_needs(const char *path, const ingest_options *options, size_t n_members, long as_of,
               ledger *ledger, needs_survey **survey, cb_error *err);

/* Workshops and questionnaires of the plan window, scored. */
typedef struct evaluation_input {
    evaluation *evaluation;
    long workshops_left_out;   /* outside the plan window or after the as-of date */
} evaluation_input;

/** Reads workshops.csv then evaluations.csv into out->evaluation. Workshops outside the plan
 *  window or after the as-of date, and their questionnaires, are left out with a reason in the
 *  ledger; so are questionnaires submitted after the as-of date. members may be NULL;
 *  comments, when not NULL, receives every comment. Returns 0, or -1 with err set. */
int read_evaluation(const char *workshops, const char *evaluations, const ingest_options *options,
                    const plan_options *plan, const member_registry *members,
                    comment_spool *comments, ledger *ledger, evaluation_input *out, cb_error *err);
/** Frees what read_evaluation produced (safe on a zeroed or failed input). */
void evaluation_input_free(evaluation_input *in);

/** Reads a KPI catalogue (from the file path, or from text when not NULL, named path in
 *  messages) into cat: a row whose measure, filter or target cannot be computed is rejected with
 *  the reason; an empty deadline is plan_end. Returns 0, or -1 with err set. */
int read_catalogue_csv(const char *path, const char *text, const ingest_options *options,
                       long plan_end, ledger *ledger, catalogue *cat, cb_error *err);

#endif
