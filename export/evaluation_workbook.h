/* evaluation.xlsx: Summary, Workshops, Items, Items by workshop, Groups, Comments, Rejected,
 * About. */
#ifndef CBKPI_EXPORT_EVALUATION_WORKBOOK_H
#define CBKPI_EXPORT_EVALUATION_WORKBOOK_H

#include "analyze/evaluation.h"
#include "export/comments.h"
#include "export/ledger_sheets.h"
#include "ingest/registry.h"

typedef struct evaluation_report {
    const evaluation *evaluation;
    const member_registry *members;  /* NULL when members.csv was not given */
    comment_spool *comments;
    ledger *ledger;
    long as_of, plan_start, plan_end;
    long workshops_left_out;         /* outside the plan window or after the as-of date */
} evaluation_report;

/** Writes the evaluation workbook to path atomically; -1 with err set on failure (then any
 *  earlier file at path is untouched). */
int export_evaluation_workbook(const char *path, const evaluation_report *report, cb_error *err);

#endif
