/* scorecard.xlsx: Summary, Scorecard, Trends, Members, Rejected, About. */
#ifndef CBKPI_EXPORT_SCORECARD_WORKBOOK_H
#define CBKPI_EXPORT_SCORECARD_WORKBOOK_H

#include "analyze/catalogue.h"
#include "analyze/measures.h"
#include "export/ledger_sheets.h"
#include "ingest/registry.h"

typedef struct scorecard_report {
    const catalogue *catalogue;
    const scorecard *scorecard;
    const member_registry *members;
    ledger *ledger;
    plan_window window;
    const char *catalogue_source;   /* where the catalogue came from, for About */
} scorecard_report;

/** Writes the scorecard workbook to path atomically; -1 with err set on failure. */
int export_scorecard_workbook(const char *path, const scorecard_report *report, cb_error *err);

#endif
