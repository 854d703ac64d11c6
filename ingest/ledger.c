#include "ingest/ledger.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/text.h"

#define VALUE_KEEP 200
#define ECHO_LINE_MAX (ERROR_PATH_MAX + 48 + 1024 + 4) /* "where: reason\n" and its NUL */

struct ledger {
    ledger_file *files;
    size_t n_files, files_cap;
    ledger_entry *entries;
    size_t n_entries, entries_cap;
    long problems;
    FILE *echo;
    long echo_limit;
    bool spooled;      /* echo goes to a temporary file that ledger_absorb passes on */
};

ledger *ledger_new(void)
{
    return mem_calloc(1, sizeof(ledger));
}

void ledger_free(ledger *l)
{
    if (l == NULL)
        return;
    for (size_t i = 0; i < l->n_files; i++)
        free(l->files[i].path);
    for (size_t i = 0; i < l->n_entries; i++) {
        free(l->entries[i].field);
        free(l->entries[i].value);
        free(l->entries[i].reason);
    }
    free(l->files);
    free(l->entries);
    if (l->spooled)
        fclose(l->echo); /* a temporary file: nothing of value is lost if closing fails */
    free(l);
}

void ledger_set_echo(ledger *l, FILE *out, long limit)
{
    l->echo = out;
    l->echo_limit = limit;
}

size_t ledger_add_file(ledger *l, const char *path, const char *kind)
{
    if (l->n_files == l->files_cap) {
        l->files_cap = l->files_cap ? l->files_cap * 2 : 8;
        l->files = mem_realloc(l->files, l->files_cap * sizeof *l->files);
    }
    ledger_file *f = &l->files[l->n_files];
    memset(f, 0, sizeof *f);
    f->path = mem_strdup(path);
    f->kind = kind;
    f->encoding = "UTF-8";
    f->source = "";
    return l->n_files++;
}

ledger_file *ledger_file_at(ledger *l, size_t i)
{
    return &l->files[i];
}

void ledger_set_source(ledger *l, size_t i, const char *platform)
{
    l->files[i].source = platform;
    if (l->echo && l->echo_limit > 0) {
        char path[ERROR_PATH_MAX + 8];
        text_escape_controls(l->files[i].path, path, sizeof path);
        fprintf(l->echo, "%s: detected: %s export\n", path, platform);
    }
}

size_t ledger_file_count(const ledger *l)
{
    return l->n_files;
}

/* Counts one problem and prints its line (a message, or NULL to copy the next line of a part's
 * spool) while under the limit, then the notice that the rest are only counted. */
static void count_and_echo(ledger *l, const char *message, FILE *spool)
{
    l->problems++;
    if (l->echo && l->problems <= l->echo_limit) {
        char text[ECHO_LINE_MAX];
        if (message == NULL)
            message = spool && fgets(text, sizeof text, spool) ? text : NULL;
        if (message != NULL)
            fputs(message, l->echo);
    } else if (l->echo && l->echo_limit > 0 && l->problems == l->echo_limit + 1 &&
               !l->spooled) {
        fprintf(l->echo, "cbkpi: more problems are not printed; all are counted\n");
    }
}

/* Keeps an entry while under the cap. */
static void store(ledger *l, size_t file, long line, long column, const char *field,
                  const char *value, size_t value_len, bool whole_row, const char *reason)
{
    if (l->n_entries == LEDGER_MAX_ENTRIES)
        return;
    if (l->n_entries == l->entries_cap) {
        l->entries_cap = l->entries_cap ? l->entries_cap * 2 : 64;
        l->entries = mem_realloc(l->entries, l->entries_cap * sizeof *l->entries);
    }
    size_t kept = value ? utf8_cut(value, value_len, VALUE_KEEP) : 0;
    l->entries[l->n_entries++] = (ledger_entry){
        file, line, column, mem_strdup(field ? field : ""),
        value ? mem_strndup(value, kept) : mem_strdup(""), mem_strdup(reason), whole_row};
}

/* Counts, prints and keeps one problem. */
static void keep(ledger *l, size_t file, long line, long column, const char *field,
                 const char *value, size_t value_len, bool whole_row, const char *reason)
{
    char message[ECHO_LINE_MAX] = "";
    if (l->echo && l->problems < l->echo_limit) {
        char where[ERROR_PATH_MAX + 48], shown[1024];
        char position[ERROR_PATH_MAX + 48];
        error_format_position(position, sizeof position, l->files[file].path, line, column);
        text_escape_controls(position, where, sizeof where); /* one line per problem */
        text_escape_controls(reason, shown, sizeof shown);
        snprintf(message, sizeof message, "%s: %s\n", where, shown);
    }
    count_and_echo(l, message, NULL);
    store(l, file, line, column, field, value, value_len, whole_row, reason);
}

static void record(ledger *l, size_t file, long line, long column, const char *field,
                   const char *value, size_t value_len, bool whole_row, const char *fmt,
                   va_list ap)
{
    char reason[1024];
    vsnprintf(reason, sizeof reason, fmt, ap);
    utf8_drop_partial(reason);
    keep(l, file, line, column, field, value, value_len, whole_row, reason);
}

void ledger_spool_echo(ledger *part, const ledger *like)
{
    if (like->echo == NULL)
        return;
    part->echo = tmpfile();
    if (part->echo == NULL)
        return; /* ledger_absorb prints the kept entries instead */
    part->echo_limit = like->echo_limit;
    part->spooled = true;
}

void ledger_absorb(ledger *l, size_t file, const ledger *part, size_t part_file)
{
    const ledger_file *from = &part->files[part_file];
    ledger_file *to = &l->files[file];
    to->rows_read += from->rows_read;
    to->rows_used += from->rows_used;
    to->rows_out_of_scope += from->rows_out_of_scope;
    to->rows_rejected += from->rows_rejected;
    to->cells_rejected += from->cells_rejected;
    to->blank_rows += from->blank_rows;
    to->hashtag_rows += from->hashtag_rows;
    FILE *spool = part->spooled && fflush(part->echo) == 0 && fseek(part->echo, 0, SEEK_SET) == 0
                      ? part->echo : NULL;
    for (long i = 0; i < part->problems; i++) {
        const ledger_entry *e = (size_t)i < part->n_entries ? &part->entries[i] : NULL;
        if (spool != NULL || e == NULL)
            count_and_echo(l, NULL, spool);
        else /* no spool: the part's kept entries are printed again */
            keep(l, file, e->line, e->column, e->field, e->value, strlen(e->value), e->whole_row,
                 e->reason);
        if (spool != NULL && e != NULL)
            store(l, file, e->line, e->column, e->field, e->value, strlen(e->value), e->whole_row,
                  e->reason);
    }
}

void ledger_reject(ledger *l, size_t file, long line, long column, const char *field,
                   const char *value, size_t value_len, bool whole_row, const char *fmt, ...)
{
    if (whole_row)
        l->files[file].rows_rejected++;
    else
        l->files[file].cells_rejected++;
    va_list ap;
    va_start(ap, fmt);
    record(l, file, line, column, field, value, value_len, whole_row, fmt, ap);
    va_end(ap);
}

void ledger_out_of_scope(ledger *l, size_t file)
{
    l->files[file].rows_out_of_scope++;
}

void ledger_unuse_row(ledger *l, size_t file, long line, long column, const char *field,
                      const char *value, size_t value_len, const char *fmt, ...)
{
    l->files[file].rows_used--;
    l->files[file].rows_rejected++;
    va_list ap;
    va_start(ap, fmt);
    record(l, file, line, column, field, value, value_len, true, fmt, ap);
    va_end(ap);
}

size_t ledger_entry_count(const ledger *l)
{
    return l->n_entries;
}

long ledger_problem_count(const ledger *l)
{
    return l->problems;
}

const ledger_entry *ledger_entry_at(const ledger *l, size_t i)
{
    return &l->entries[i];
}

void ledger_totals(ledger *l, long *rows_rejected, long *values_left_out)
{
    *rows_rejected = 0;
    *values_left_out = 0;
    for (size_t i = 0; i < l->n_files; i++) {
        *rows_rejected += l->files[i].rows_rejected;
        *values_left_out += l->files[i].cells_rejected;
    }
}

bool ledger_balanced(const ledger *l)
{
    for (size_t i = 0; i < l->n_files; i++) {
        const ledger_file *f = &l->files[i];
        if (f->rows_read != f->rows_used + f->rows_rejected)
            return false;
    }
    return true;
}
