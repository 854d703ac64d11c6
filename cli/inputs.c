#include "cli/inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/fields.h"
#include "util/alloc.h"

void inputs_add(input_list *list, const char *path, input_kind kind)
{
    if (list->count == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 16;
        list->items = mem_realloc(list->items, list->cap * sizeof *list->items);
    }
    list->items[list->count++] = (input_file){mem_strdup(path), kind};
}

static int by_kind_then_path(const void *a, const void *b)
{
    const input_file *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return strcmp(x->path, y->path);
}

void inputs_sort(input_list *list)
{
    if (list->count > 1)
        qsort(list->items, list->count, sizeof *list->items, by_kind_then_path);
}

int inputs_add_folder(input_list *list, const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "%s: cannot open the folder: %s\n", dir, strerror(errno));
        return -1;
    }
    size_t before = list->count;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        const char *name = entry->d_name;
        size_t len = strlen(name);
        if (len < 5 || !field_equals(name + len - 4, 4, ".csv"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
        input_kind kind;
        if (schema_kind_from_path(name, &kind))
            inputs_add(list, path, kind);
        else
            fprintf(stderr, "%s: not a known input name, left alone\n", path);
    }
    if (closedir(d) != 0) {
        fprintf(stderr, "%s: cannot read the folder: %s\n", dir, strerror(errno));
        return -1;
    }
    if (list->count == before) {
        fprintf(stderr, "%s: no input files here (expected members.csv, workshops.csv, "
                        "evaluations.csv, needs.csv, delegations.csv, activities.csv, status.csv, "
                        "kpi_values.csv or kpis.csv)\n", dir);
        return -1;
    }
    return 0;
}

const char *inputs_find(const input_list *list, input_kind kind)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].kind == kind)
            return list->items[i].path;
    return NULL;
}

void inputs_free(input_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].path);
    free(list->items);
    memset(list, 0, sizeof *list);
}
