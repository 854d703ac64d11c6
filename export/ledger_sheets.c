#include "export/ledger_sheets.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/alloc.h"
#include "util/date.h"
#include "util/version.h"

void export_long_date(long days, char *out, size_t cap)
{
    static const char *const months[12] = {"January", "February", "March", "April", "May",
                                           "June", "July", "August", "September", "October",
                                           "November", "December"};
    int y, m, d;
    date_to_civil(days, &y, &m, &d);
    snprintf(out, cap, "%d %s %d", d, months[m - 1], y);
}

static int by_position(const void *a, const void *b)
{
    const ledger_entry *x = *(const ledger_entry *const *)a;
    const ledger_entry *y = *(const ledger_entry *const *)b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (x->column > y->column) - (x->column < y->column);
}

void export_rejected_sheet(xlsx_book *book, ledger *ledger)
{
    static const char *const headers[] = {"File", "Line", "Column", "Field", "Value", "Reason",
                                          "Left out"};
    xlsx_sheet *sheet = xlsx_add_streamed_sheet(book, "Rejected");
    xlsx_header(book, sheet, 0, headers, 7);
    size_t n = ledger_entry_count(ledger);
    /* In file order, as a coordinator walks through the file to fix it. */
    const ledger_entry **order = mem_alloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = ledger_entry_at(ledger, i);
    qsort(order, n, sizeof *order, by_position);
    int row = 1;
    for (size_t i = 0; i < n; i++, row++) {
        const ledger_entry *e = order[i];
        xlsx_text(book, sheet, row, 0, ledger_file_at(ledger, e->file)->path, book->f.text);
        xlsx_number(book, sheet, row, 1, (double)e->line, book->f.integer);
        if (e->column > 0)
            xlsx_number(book, sheet, row, 2, (double)e->column, book->f.integer);
        xlsx_text(book, sheet, row, 3, e->field, book->f.text);
        xlsx_text(book, sheet, row, 4, e->value, book->f.text);
        xlsx_text(book, sheet, row, 5, e->reason, book->f.text);
        xlsx_text(book, sheet, row, 6, e->whole_row ? "row" : "value", book->f.text);
    }
    free(order);
    xlsx_table(book, sheet, 0, row - 1, 7); /* before the note: the rows stream top to bottom */
    long unlisted = ledger_problem_count(ledger) - (long)n;
    if (unlisted > 0) {
        char note[128];
        snprintf(note, sizeof note, "%ld more problems are counted but not listed", unlisted);
        xlsx_text(book, sheet, row + 1, 0, note, book->f.label);
    }
}

static void about_line(xlsx_book *book, xlsx_sheet *sheet, int row, const char *label,
                       const char *value)
{
    xlsx_text(book, sheet, row, 0, label, book->f.label);
    xlsx_text(book, sheet, row, 1, value, book->f.text);
}

void export_about_sheet(xlsx_book *book, const about_info *about, ledger *ledger)
{
    xlsx_sheet *sheet = xlsx_add_sheet(book, "About");
    char text[256], start[40], end[40];
    xlsx_text(book, sheet, 0, 0, about->title, book->f.title);
    int row = 2;
    about_line(book, sheet, row++, "Program", "cbkpi " CBKPI_VERSION);
    export_long_date(about->as_of, text, sizeof text);
    about_line(book, sheet, row++, "Data as of", text);
    export_long_date(about->plan_start, start, sizeof start);
    export_long_date(about->plan_end, end, sizeof end);
    snprintf(text, sizeof text, "%s to %s", start, end);
    about_line(book, sheet, row++, "Plan window", text);
    for (size_t i = 0; i + 1 < about->n_notes; i += 2)
        about_line(book, sheet, row++, about->notes[i], about->notes[i + 1]);
    about_line(book, sheet, row++, "Accounting",
               ledger_balanced(ledger) ? "for every file, rows read = rows used + rows rejected"
                                       : "ACCOUNTING DOES NOT BALANCE: please report this");
    row++;
    static const char *const headers[] = {"File", "Kind", "Bytes", "SHA-256", "Encoding",
                                          "Delimiter", "Rows read", "Rows used", "Rows rejected",
                                          "Values left out", "Blank rows skipped",
                                          "Used rows outside the window or after the as-of date",
                                          "Exported by", "Hashtag rows skipped"};
    int header_row = row;
    xlsx_header(book, sheet, row++, headers, 14);
    for (size_t i = 0; i < ledger_file_count(ledger); i++, row++) {
        const ledger_file *f = ledger_file_at(ledger, i);
        xlsx_text(book, sheet, row, 0, f->path, book->f.text);
        xlsx_text(book, sheet, row, 1, f->kind, book->f.text);
        xlsx_number(book, sheet, row, 2, (double)f->bytes, book->f.integer);
        xlsx_text(book, sheet, row, 3, f->sha256, book->f.text);
        xlsx_text(book, sheet, row, 4, f->encoding, book->f.text);
        xlsx_text(book, sheet, row, 5, f->delimiter == '\t' ? "tab" : (char[]){f->delimiter, 0},
                  book->f.text);
        xlsx_number(book, sheet, row, 6, (double)f->rows_read, book->f.integer);
        xlsx_number(book, sheet, row, 7, (double)f->rows_used, book->f.integer);
        xlsx_number(book, sheet, row, 8, (double)f->rows_rejected, book->f.integer);
        xlsx_number(book, sheet, row, 9, (double)f->cells_rejected, book->f.integer);
        xlsx_number(book, sheet, row, 10, (double)f->blank_rows, book->f.integer);
        xlsx_number(book, sheet, row, 11, (double)f->rows_out_of_scope, book->f.integer);
        xlsx_text(book, sheet, row, 12, f->source, book->f.text);
        xlsx_number(book, sheet, row, 13, (double)f->hashtag_rows, book->f.integer);
    }
    xlsx_table(book, sheet, header_row, row - 1, 14);
    worksheet_freeze_panes(sheet->ws, 0, 0);
}
