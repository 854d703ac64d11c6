/* needs-YEAR.xlsx: Summary, Priorities, Matrix, Groups, Coverage, Comments, Rejected, About. */
#ifndef CBKPI_EXPORT_NEEDS_WORKBOOK_H
#define CBKPI_EXPORT_NEEDS_WORKBOOK_H

#include "analyze/needs.h"
#include "export/ledger_sheets.h"
#include "ingest/registry.h"

typedef struct needs_report {
    const needs_survey *survey;
    const member_registry *members;
    ledger *ledger;
    int year;
    bool has_previous;           /* year - 1 is in the survey */
    long as_of, plan_start, plan_end;
} needs_report;

/** Writes the needs workbook to path atomically; -1 with err set on failure. */
int export_needs_workbook(const char *path, const needs_report *report, cb_error *err);

#endif
