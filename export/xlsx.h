/* What every workbook shares: one set of formats, safe cell writers (user text always as
 * text, no NaN or infinity, no characters XML forbids), column widths that fit, tables with a
 * frozen header and autofilter, and an atomic save (temporary file beside the target, renamed
 * only when the whole workbook was written). */
#ifndef CBKPI_EXPORT_XLSX_H
#define CBKPI_EXPORT_XLSX_H

#include <stdbool.h>
#include <xlsxwriter.h>

#include "util/error.h"

#define XLSX_MAX_COLUMNS 256
#define XLSX_TEXT_MAX 32767 /* UTF-16 units, as Excel counts them */
#define XLSX_MAX_ROWS 1048576

typedef struct xlsx_formats {
    lxw_format *title, *subtitle, *header, *label, *text, *wrap, *integer, *number, *mean,
        *percent, *date, *met, *amber, *below, *neutral;
} xlsx_formats;

typedef struct xlsx_sheet {
    lxw_worksheet *ws;
    char name[32];
    double widths[XLSX_MAX_COLUMNS]; /* widest content seen per column, in characters */
} xlsx_sheet;

typedef struct xlsx_book {
    lxw_workbook *wb;
    char *target;
    char *temp_path;
    xlsx_formats f;
    xlsx_sheet *sheets[32];
    size_t n_sheets;
    lxw_error first_error;   /* first write that failed, LXW_NO_ERROR if none */
} xlsx_book;

/** Starts a workbook that will become target; it is written to a temporary file beside it.
 *  Its creation time is the as-of date (days since 1970-01-01), not the clock, so the same
 *  inputs give the same bytes. */
int xlsx_open(xlsx_book *book, const char *target, const char *title, long as_of, cb_error *err);
/** Finishes the workbook and renames it over target; on any failure removes the temporary
 *  file, leaves target untouched and returns -1 with err set. */
int xlsx_save(xlsx_book *book, cb_error *err);
/** Adds a worksheet (the book owns it); the names are the program's own, always valid. */
xlsx_sheet *xlsx_add_sheet(xlsx_book *book, const char *name);
/** As xlsx_add_sheet, for a sheet of as many rows as the input has (comments, problems): its rows
 *  go to a temporary file as they are written, so memory does not grow with them. Cells must
 *  be written row by row, top to bottom, and xlsx_table called before any row below the
 *  table: anything aimed above the last row written is refused, and fails the workbook. */
xlsx_sheet *xlsx_add_streamed_sheet(xlsx_book *book, const char *name);
/** Writes user or program text as text, never a formula; strips characters XML forbids and
 *  cuts text longer than a cell holds, noting either in a comment on the cell. */
void xlsx_text(xlsx_book *book, xlsx_sheet *sheet, int row, int col, const char *text,
               lxw_format *format);
/** Sets the width of a column in characters (columns beyond the tracked ones keep Excel's). */
void xlsx_set_width(xlsx_sheet *sheet, int col, double chars);
/** Writes a number; a NaN or infinite value leaves the cell empty. */
void xlsx_number(xlsx_book *book, xlsx_sheet *sheet, int row, int col, double value,
                 lxw_format *format);
/** Writes a date given as days since 1970-01-01. */
void xlsx_date(xlsx_book *book, xlsx_sheet *sheet, int row, int col, long days);
/** Writes a header row of n texts in the header format. */
void xlsx_header(xlsx_book *book, xlsx_sheet *sheet, int row, const char *const *texts, int n);
/** Freezes the rows above first_data_row and puts an autofilter on the table. */
void xlsx_table(xlsx_book *book, xlsx_sheet *sheet, int header_row, int last_row, int n_cols);
/** Inserts a chart at (row, col), scaled. */
void xlsx_chart(xlsx_book *book, xlsx_sheet *sheet, int row, int col, lxw_chart *chart,
                double x_scale, double y_scale);
/** Writes a range reference to a sheet's cells for charts: ='Sheet'!$A$2:$A$9. */
void xlsx_range(char *out, size_t cap, const char *sheet, int first_row, int first_col,
                int last_row, int last_col);
/** Records a failing libxlsxwriter call (the first failure is what xlsx_save reports). */
void xlsx_check(xlsx_book *book, lxw_error rc);

#endif
