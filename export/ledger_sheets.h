/* The two sheets every workbook ends with: Rejected (every row or value left out, with its
 * position and reason) and About (program, dates, and each input file's accounting). */
#ifndef CBKPI_EXPORT_LEDGER_SHEETS_H
#define CBKPI_EXPORT_LEDGER_SHEETS_H

#include "export/xlsx.h"
#include "ingest/ledger.h"

typedef struct about_info {
    const char *title;          /* "Post-workshop evaluation" */
    long as_of;                 /* days since 1970-01-01 */
    long plan_start, plan_end;
    const char *const *notes;   /* further lines "label", "value" pairs */
    size_t n_notes;
} about_info;

/** Writes the Rejected sheet: File, Line, Column, Field, Value, Reason, Left out. Present even
 *  when nothing was rejected. */
void export_rejected_sheet(xlsx_book *book, ledger *ledger);
/** Writes the About sheet: version, as-of date, plan window, notes, and per input file its
 *  size, SHA-256, rows read, used and rejected. */
void export_about_sheet(xlsx_book *book, const about_info *about, ledger *ledger);
/** Formats a day number as "1 July 2024". */
void export_long_date(long days, char *out, size_t cap);

#endif
