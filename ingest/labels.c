#include "ingest/labels.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/fields.h"
#include "ingest/mapfile.h"
#include "util/alloc.h"
#include "util/keyset.h"

struct label_set {
    keyset *keys;       /* labels in comparable form */
    long long *values;  /* per key */
    size_t cap;
};

/* Points 1-5 of the answer scales survey platforms offer by default. */
static const struct {
    const char *label;
    int value;
} builtin[] = {
    {"strongly disagree", 1}, {"disagree", 2}, {"neutral", 3},
    {"neither agree nor disagree", 3}, {"agree", 4}, {"strongly agree", 5},
    {"very dissatisfied", 1}, {"dissatisfied", 2}, {"neither satisfied nor dissatisfied", 3},
    {"satisfied", 4}, {"very satisfied", 5},
    {"poor", 1}, {"fair", 2}, {"good", 3}, {"very good", 4}, {"excellent", 5},
};

/* The comparable form of a label: trimmed, ASCII lower case, runs of spaces and '_' as one
 * space ("Strongly_Agree" and "strongly  agree" are one label). */
static size_t comparable(const char *text, size_t len, char *out, size_t cap)
{
    field_trim(&text, &len);
    size_t n = 0;
    bool space = false;
    for (size_t i = 0; i < len && n + 2 < cap; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '_' || c == '\t') {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        out[n++] = (char)tolower(c);
    }
    out[n] = '\0';
    return n;
}

label_set *labels_new(void)
{
    label_set *set = mem_calloc(1, sizeof *set);
    set->keys = keyset_new();
    return set;
}

void labels_free(label_set *set)
{
    if (set == NULL)
        return;
    keyset_free(set->keys);
    free(set->values);
    free(set);
}

bool labels_add(label_set *set, const char *label, size_t len, long long value)
{
    char key[256];
    size_t n = comparable(label, len, key, sizeof key), index;
    if (!keyset_add(set->keys, key, n, &index))
        return false;
    if (index >= set->cap) {
        set->cap = set->cap ? set->cap * 2 : 16;
        set->values = mem_realloc(set->values, set->cap * sizeof *set->values);
    }
    set->values[index] = value;
    return true;
}

static int add_label_row(const mapfile_row *row, void *user, cb_error *err)
{
    const csv_field *label = row->fields[0], *value = row->fields[1];
    long long point;
    if (!field_parse_integer(value->text, value->len, -1000000, 1000000, &point))
        return error_set(err, row->path, value->line, value->column,
                         "value \"%s\" of label \"%s\" is not a whole number", value->text,
                         label->text);
    if (!labels_add(user, label->text, label->len, point))
        return error_set(err, row->path, label->line, label->column,
                         "label \"%s\" is given twice (case, spaces and '_' do not matter)",
                         label->text);
    return 0;
}

int labels_load(const char *path, const reader_options *options, label_set **out, cb_error *err)
{
    static const char *const columns[3] = {"label", "value", NULL};
    label_set *set = labels_new();
    if (mapfile_read(path, options, columns, 2, add_label_row, set, err) != 0) {
        labels_free(set);
        *out = NULL;
        return -1;
    }
    *out = set;
    return 0;
}

/* "5 - Excellent": a whole number, a separator (- – — . ) : =) and words. */
static bool numbered_label(const char *text, size_t len, long long *value)
{
    size_t i = 0;
    while (i < len && i < 4 && isdigit((unsigned char)text[i]))
        i++;
    if (i == 0 || i == len)
        return false;
    size_t digits_end = i;
    while (i < len && text[i] == ' ')
        i++;
    static const char *const separators[] = {"-", "\xe2\x80\x93", "\xe2\x80\x94", ".", ")", ":",
                                              "="};
    size_t sep = 0;
    for (size_t k = 0; k < sizeof separators / sizeof *separators && sep == 0; k++) {
        size_t n = strlen(separators[k]);
        if (len - i >= n && memcmp(text + i, separators[k], n) == 0)
            sep = n;
    }
    if (sep == 0)
        return false;
    i += sep;
    while (i < len && text[i] == ' ')
        i++;
    /* Words must follow: "4.5" and "4-5" are not labels. */
    if (i == len || isdigit((unsigned char)text[i]))
        return false;
    return field_parse_integer(text, digits_end, -1000000, 1000000, value);
}

bool labels_value(const label_set *user, const char *text, size_t len, bool words,
                  long long *value)
{
    char key[256];
    size_t n = comparable(text, len, key, sizeof key), index;
    if (user != NULL && keyset_find(user->keys, key, n, &index)) {
        *value = user->values[index];
        return true;
    }
    if (numbered_label(key, n, value))
        return true;
    for (size_t i = 0; words && i < sizeof builtin / sizeof *builtin; i++)
        if (strcmp(builtin[i].label, key) == 0) {
            *value = builtin[i].value;
            return true;
        }
    return false;
}
