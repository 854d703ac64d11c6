#include "ingest/mapfile.h"

#include <string.h>

#include "ingest/fields.h"
#include "ingest/schema.h"

typedef struct mapfile_state {
    const char *path;
    const char *const *columns;
    int n_required;
    int at[3];        /* file column of each named column, -1 when absent */
    bool have_header;
    mapfile_fn fn;
    void *user;
} mapfile_state;

static int read_mapping_header(mapfile_state *st, const csv_record *rec, cb_error *err)
{
    st->have_header = true;
    for (int c = 0; c < 3; c++) {
        st->at[c] = -1;
        if (st->columns[c] == NULL)
            continue;
        char want[64];
        schema_normalize_header(st->columns[c], strlen(st->columns[c]), want, sizeof want);
        for (size_t i = 0; i < rec->count; i++) {
            char have[64];
            schema_normalize_header(rec->fields[i].text, rec->fields[i].len, have, sizeof have);
            if (strcmp(have, want) == 0)
                st->at[c] = (int)i;
        }
        if (c < st->n_required && st->at[c] < 0)
            return error_set(err, st->path, rec->line, 1, "the header line must name the "
                             "columns %s,%s%s%s", st->columns[0], st->columns[1],
                             st->columns[2] ? " (and optionally " : "",
                             st->columns[2] ? st->columns[2] : "");
    }
    return 0;
}

static int on_mapping(const csv_record *rec, void *user, cb_error *err)
{
    mapfile_state *st = user;
    if (!st->have_header)
        return read_mapping_header(st, rec, err);
    mapfile_row row = {{NULL, NULL, NULL}, st->path, rec->line};
    for (int c = 0; c < 3; c++)
        if (st->at[c] >= 0 && (size_t)st->at[c] < rec->count)
            row.fields[c] = &rec->fields[st->at[c]];
    for (int c = 0; c < st->n_required; c++)
        if (row.fields[c] == NULL || field_is_no_answer(row.fields[c]->text, row.fields[c]->len))
            return error_set(err, st->path, rec->line, 1, "%s is missing on this line",
                             st->columns[c]);
    return st->fn(&row, st->user, err);
}

int mapfile_read(const char *path, const reader_options *options, const char *const columns[3],
                 int n_required, mapfile_fn fn, void *user, cb_error *err)
{
    mapfile_state st = {path, columns, n_required, {-1, -1, -1}, false, fn, user};
    if (reader_read_file(path, options, on_mapping, &st, NULL, err) != 0)
        return -1;
    if (!st.have_header)
        return error_set(err, path, 1, 1, "the file is empty: the first line must name the "
                         "columns %s,%s", columns[0], columns[1]);
    return 0;
}
