#include "export/xlsx.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/date.h"
#include "util/text.h"
#include "util/version.h"

static lxw_format *format(lxw_workbook *wb, const char *num_format, bool bold, lxw_color_t fill)
{
    lxw_format *f = workbook_add_format(wb);
    if (num_format)
        format_set_num_format(f, num_format);
    if (bold)
        format_set_bold(f);
    if (fill)
        format_set_bg_color(f, fill);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static void make_formats(xlsx_book *book)
{
    lxw_workbook *wb = book->wb;
    xlsx_formats *f = &book->f;
    f->title = format(wb, NULL, true, 0);
    format_set_font_size(f->title, 16);
    f->subtitle = format(wb, NULL, false, 0);
    format_set_italic(f->subtitle);
    format_set_font_color(f->subtitle, 0x595959);
    f->header = format(wb, NULL, true, 0xDDEBF7);
    format_set_bottom(f->header, LXW_BORDER_THIN);
    format_set_text_wrap(f->header);
    f->label = format(wb, NULL, true, 0);
    f->text = format(wb, "@", false, 0);
    f->wrap = format(wb, "@", false, 0);
    format_set_text_wrap(f->wrap);
    f->integer = format(wb, "#,##0", false, 0);
    f->number = format(wb, NULL, false, 0); /* General: whole numbers without a point */
    f->mean = format(wb, "0.00", false, 0);
    f->percent = format(wb, "0.0%", false, 0);
    f->date = format(wb, "yyyy-mm-dd", false, 0);
    f->met = format(wb, NULL, true, 0xC6EFCE);
    format_set_font_color(f->met, 0x006100);
    f->amber = format(wb, NULL, true, 0xFFEB9C);
    format_set_font_color(f->amber, 0x9C5700);
    f->below = format(wb, NULL, true, 0xFFC7CE);
    format_set_font_color(f->below, 0x9C0006);
    f->neutral = format(wb, NULL, false, 0xEDEDED);
}

/* The temporary file being written, removed if the program ends before renaming it (out of
 * memory, a signal), so that no half-written workbook is ever left beside the target. */
static char *pending_temp;

static void remove_pending_temp(void)
{
    if (pending_temp != NULL)
        unlink(pending_temp);
}

static void remove_pending_temp_on_signal(int sig)
{
    remove_pending_temp();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void track_temp(char *path)
{
    static bool registered;
    if (!registered) {
        registered = atexit(remove_pending_temp) == 0;
        signal(SIGINT, remove_pending_temp_on_signal);
        signal(SIGTERM, remove_pending_temp_on_signal);
        signal(SIGHUP, remove_pending_temp_on_signal);
    }
    pending_temp = path;
}

int xlsx_open(xlsx_book *book, const char *target, const char *title, long as_of, cb_error *err)
{
    memset(book, 0, sizeof *book);
    size_t len = strlen(target);
    book->target = mem_strdup(target);
    book->temp_path = mem_alloc(len + 16);
    snprintf(book->temp_path, len + 16, "%s.tmp-XXXXXX", target);
    int fd = mkstemp(book->temp_path);
    if (fd < 0) {
        error_set(err, target, 0, 0, "cannot write here: %s (check that the folder exists and "
                  "that you may write to it)", strerror(errno));
        free(book->target);
        free(book->temp_path);
        return -1;
    }
    if (close(fd) != 0) {
        error_set(err, target, 0, 0, "cannot write here: %s", strerror(errno));
        unlink(book->temp_path);
        free(book->target);
        free(book->temp_path);
        return -1;
    }
    track_temp(book->temp_path);
    book->wb = workbook_new(book->temp_path);
    if (book->wb == NULL) {
        error_set(err, target, 0, 0, "cannot start the workbook (out of memory?)");
        unlink(book->temp_path);
        track_temp(NULL);
        free(book->target);
        free(book->temp_path);
        return -1;
    }
    make_formats(book);
    lxw_doc_properties properties = {.title = (char *)title, .author = "cbkpi " CBKPI_VERSION,
                                     .created = (time_t)as_of * 86400};
    xlsx_check(book, workbook_set_properties(book->wb, &properties));
    return 0;
}

static void apply_widths(xlsx_book *book)
{
    for (size_t s = 0; s < book->n_sheets; s++) {
        xlsx_sheet *sheet = book->sheets[s];
        for (int c = 0; c < XLSX_MAX_COLUMNS; c++) {
            if (sheet->widths[c] <= 0)
                continue;
            double width = sheet->widths[c] + 2;
            if (width > 60)
                width = 60;
            xlsx_check(book, worksheet_set_column(sheet->ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL));
        }
    }
}

/* mkstemp creates the file readable by its owner only; the workbook gets the usual mode. */
static mode_t current_umask(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return mask;
}

int xlsx_save(xlsx_book *book, cb_error *err)
{
    apply_widths(book);
    lxw_error rc = workbook_close(book->wb);
    int result = 0;
    if (book->first_error != LXW_NO_ERROR)
        result = error_set(err, book->target, 0, 0, "could not write the workbook: %s",
                           lxw_strerror(book->first_error));
    else if (rc != LXW_NO_ERROR)
        result = error_set(err, book->target, 0, 0, "could not write the workbook: %s (is the "
                           "disk full or the folder read-only?)", lxw_strerror(rc));
    else if (chmod(book->temp_path, 0666 & ~current_umask()) != 0)
        result = error_set(err, book->target, 0, 0, "could not set the workbook's permissions: %s",
                           strerror(errno));
    else if (rename(book->temp_path, book->target) != 0)
        result = error_set(err, book->target, 0, 0, "could not put the workbook in place: %s",
                           strerror(errno));
    if (result != 0)
        unlink(book->temp_path);
    track_temp(NULL);
    for (size_t s = 0; s < book->n_sheets; s++)
        free(book->sheets[s]);
    free(book->target);
    free(book->temp_path);
    return result;
}

void xlsx_check(xlsx_book *book, lxw_error rc)
{
    if (rc != LXW_NO_ERROR && book->first_error == LXW_NO_ERROR)
        book->first_error = rc;
}

static xlsx_sheet *add_sheet(xlsx_book *book, const char *name, bool streamed)
{
    xlsx_sheet *sheet = mem_calloc(1, sizeof *sheet);
    snprintf(sheet->name, sizeof sheet->name, "%s", name);
    /* libxlsxwriter decides when a sheet is added whether it keeps the sheet's cells in memory
     * or streams each finished row to a temporary file (its constant_memory mode): the
     * workbook's option is read then, so it is set for this one sheet only. */
    uint8_t keep = book->wb->options.constant_memory;
    book->wb->options.constant_memory = streamed ? LXW_TRUE : LXW_FALSE;
    sheet->ws = workbook_add_worksheet(book->wb, sheet->name);
    book->wb->options.constant_memory = keep;
    if (sheet->ws == NULL && streamed) /* no temporary file to be had: keep it in memory */
        sheet->ws = workbook_add_worksheet(book->wb, sheet->name);
    if (sheet->ws == NULL || book->n_sheets == sizeof book->sheets / sizeof book->sheets[0]) {
        /* Only a programming error gets here: names are fixed and valid. */
        fprintf(stderr, "cbkpi: cannot add worksheet \"%s\"\n", name);
        exit(2);
    }
    book->sheets[book->n_sheets++] = sheet;
    /* Printed (or turned into a PDF) in landscape on A4; the first sheet, the one a Vice Chair
     * reads, fits one page wide; wide tables keep a readable size over several pages. */
    worksheet_set_landscape(sheet->ws);
    worksheet_set_paper(sheet->ws, 9);
    if (book->n_sheets == 1)
        worksheet_fit_to_pages(sheet->ws, 1, 0);
    return sheet;
}

xlsx_sheet *xlsx_add_sheet(xlsx_book *book, const char *name)
{
    return add_sheet(book, name, false);
}

xlsx_sheet *xlsx_add_streamed_sheet(xlsx_book *book, const char *name)
{
    return add_sheet(book, name, true);
}

void xlsx_set_width(xlsx_sheet *sheet, int col, double chars)
{
    if (col >= 0 && col < XLSX_MAX_COLUMNS)
        sheet->widths[col] = chars;
}

static void widen(xlsx_sheet *sheet, int col, double chars)
{
    if (col >= 0 && col < XLSX_MAX_COLUMNS && chars > sheet->widths[col])
        sheet->widths[col] = chars;
}

/* Length of the valid UTF-8 character at s (at most len bytes), or 0 when it is not one. */
static size_t valid_char(const unsigned char *s, size_t len)
{
    size_t need = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
                : s[0] >= 0xE0 && s[0] <= 0xEF ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (need == 0 || need > len)
        return 0;
    for (size_t i = 1; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0;
    return need;
}

/* What XML 1.0 cannot hold: control characters other than TAB, LF, CR, and U+FFFE/U+FFFF. */
static bool forbidden_in_xml(const unsigned char *s, size_t n)
{
    if (n == 1)
        return s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' && s[0] != '\r';
    return n == 3 && s[0] == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF);
}

void xlsx_text(xlsx_book *book, xlsx_sheet *sheet, int row, int col, const char *text,
               lxw_format *format)
{
    const unsigned char *in = (const unsigned char *)text;
    size_t len = strlen(text), removed = 0, replaced = 0, chars = 0;
    bool cut = false, clean = true;
    /* Excel's limit counts UTF-16 units: a character beyond U+FFFF (4 UTF-8 bytes) takes two. */
    for (size_t i = 0; i < len && clean;) {
        if (in[i] >= 0x20 && in[i] < 0x7F) { /* printable ASCII, the common case */
            i++;
            chars++;
            continue;
        }
        size_t n = valid_char(in + i, len - i);
        clean = n > 0 && !forbidden_in_xml(in + i, n);
        i += n ? n : 1;
        chars += n == 4 ? 2 : 1;
    }
    char *copy = NULL;
    const char *out = text;
    if (!clean || chars > XLSX_TEXT_MAX) {
        /* A cell holds 32,767 characters of valid XML text; anything else would make Excel
         * refuse the whole workbook. Broken bytes become U+FFFD, forbidden characters go. */
        copy = mem_alloc(len * 3 + 1);
        size_t o = 0;
        chars = 0;
        for (size_t i = 0; i < len;) {
            size_t n = valid_char(in + i, len - i);
            if (n > 0 && forbidden_in_xml(in + i, n)) {
                removed++;
                i += n;
                continue;
            }
            chars += n == 4 ? 2 : 1;
            if (chars > XLSX_TEXT_MAX) {
                cut = true;
                break;
            }
            if (n == 0) {
                memcpy(copy + o, "\xEF\xBF\xBD", 3);
                o += 3;
                replaced++;
                i++;
                continue;
            }
            memcpy(copy + o, in + i, n);
            o += n;
            i += n;
        }
        copy[o] = '\0';
        out = copy;
    }
    xlsx_check(book, worksheet_write_string(sheet->ws, (lxw_row_t)row, (lxw_col_t)col, out, format));
    if (copy != NULL) {
        char note[200];
        snprintf(note, sizeof note, "cbkpi:%s%s%s",
                 removed ? " characters XML cannot hold were removed;" : "",
                 replaced ? " bytes that were not UTF-8 were replaced;" : "",
                 cut ? " text cut to 32,767 characters, the most a cell holds;" : "");
        xlsx_check(book, worksheet_write_comment(sheet->ws, (lxw_row_t)row, (lxw_col_t)col, note));
    }
    /* Titles and notes may run over empty neighbouring cells; they do not set widths. */
    bool runs_over = format == book->f.title || format == book->f.subtitle;
    const char *newline = strchr(out, '\n');
    size_t shown = newline ? (size_t)(newline - out) : strlen(out);
    widen(sheet, col, runs_over ? 0 : (double)utf8_length(out, shown) * 1.1);
    free(copy);
}

void xlsx_number(xlsx_book *book, xlsx_sheet *sheet, int row, int col, double value,
                 lxw_format *format)
{
    if (value != value || value - value != 0) /* NaN or infinite: no value */
        return;
    xlsx_check(book, worksheet_write_number(sheet->ws, (lxw_row_t)row, (lxw_col_t)col, value, format));
    widen(sheet, col, 8);
}

void xlsx_date(xlsx_book *book, xlsx_sheet *sheet, int row, int col, long days)
{
    /* Excel's serial day 25569 is 1970-01-01. */
    xlsx_number(book, sheet, row, col, (double)days + 25569.0, book->f.date);
    widen(sheet, col, 11);
}

void xlsx_header(xlsx_book *book, xlsx_sheet *sheet, int row, const char *const *texts, int n)
{
    for (int c = 0; c < n; c++)
        xlsx_text(book, sheet, row, c, texts[c], book->f.header);
}

void xlsx_table(xlsx_book *book, xlsx_sheet *sheet, int header_row, int last_row, int n_cols)
{
    worksheet_freeze_panes(sheet->ws, (lxw_row_t)(header_row + 1), 0);
    if (n_cols > 0)
        xlsx_check(book, worksheet_autofilter(sheet->ws, (lxw_row_t)header_row, 0,
                                              (lxw_row_t)(last_row > header_row ? last_row : header_row),
                                              (lxw_col_t)(n_cols - 1)));
}

void xlsx_chart(xlsx_book *book, xlsx_sheet *sheet, int row, int col, lxw_chart *chart,
                double x_scale, double y_scale)
{
    lxw_chart_options options = {.x_scale = x_scale, .y_scale = y_scale};
    xlsx_check(book, worksheet_insert_chart_opt(sheet->ws, (lxw_row_t)row, (lxw_col_t)col, chart,
                                                &options));
}

static void column_letters(int col, char *out)
{
    char tmp[8];
    int n = 0;
    for (col++; col > 0; col = (col - 1) / 26)
        tmp[n++] = (char)('A' + (col - 1) % 26);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

void xlsx_range(char *out, size_t cap, const char *sheet, int first_row, int first_col,
                int last_row, int last_col)
{
    char a[8], b[8];
    column_letters(first_col, a);
    column_letters(last_col, b);
    snprintf(out, cap, "='%s'!$%s$%d:$%s$%d", sheet, a, first_row + 1, b, last_row + 1);
}
