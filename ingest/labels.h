/* Answers given as words instead of scale points: the built-in label sets of survey platforms
 * (agreement, satisfaction, quality), "5 - Excellent" forms, and a user's own set (--labels),
 * which may reverse a scale. */
#ifndef CBKPI_INGEST_LABELS_H
#define CBKPI_INGEST_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest/reader.h"
#include "util/error.h"

typedef struct label_set label_set;

/** An empty set of labels. */
label_set *labels_new(void);
/** Frees the set; NULL is allowed. */
void labels_free(label_set *set);
/** Adds a label for a scale point; false when the label (compared as labels_value compares)
 *  is already there. */
bool labels_add(label_set *set, const char *label, size_t len, long long value);
/** Reads a CSV file with the columns label,value into *out. Returns 0, or -1 with err set
 *  (a value that is not a whole number, or a label given twice, is fatal). */
int labels_load(const char *path, const reader_options *options, label_set **out, cb_error *err);
/** The scale point an answer label stands for: the user's set first (may be NULL; its labels
 *  may be numbers, to turn a scale round), then a number followed by a label ("5 - Excellent",
 *  "5 – Excellent", "5. Excellent": the number counts), then, when `words`, the built-in sets of
 *  a 1-5 scale (case, spaces and '_' do not matter). False when the text is none of these. */
bool labels_value(const label_set *user, const char *text, size_t len, bool words,
                  long long *value);

#endif
