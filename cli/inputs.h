/* Finding the input files of a run: a data folder's known files, or files named one by one. */
#ifndef CBKPI_CLI_INPUTS_H
#define CBKPI_CLI_INPUTS_H

#include <stddef.h>

#include "ingest/schema.h"

typedef struct input_file {
    char *path;
    input_kind kind;
} input_file;

typedef struct input_list {
    input_file *items;
    size_t count, cap;
} input_list;

/** Adds the known input files of folder dir (members.csv, workshops.csv, ...), noting on
 *  stderr any other .csv file it leaves alone. Returns 0, or -1 after printing why. */
int inputs_add_folder(input_list *list, const char *dir);
/** Adds one file of a known kind. */
void inputs_add(input_list *list, const char *path, input_kind kind);
/** Orders the files so that the ones others refer to come first (members, workshops, ...). */
void inputs_sort(input_list *list);
/** The first file of a kind, or NULL. */
const char *inputs_find(const input_list *list, input_kind kind);
/** Frees the list's contents. */
void inputs_free(input_list *list);

#endif
