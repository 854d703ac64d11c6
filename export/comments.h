/* Participants' comments are kept on disk, not in memory, between reading and the workbook:
 * their number grows with questionnaires. */
#ifndef CBKPI_EXPORT_COMMENTS_H
#define CBKPI_EXPORT_COMMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

typedef struct comment_spool {
    FILE *file;
    long count;
    bool failed;
} comment_spool;

typedef struct spooled_comment {
    size_t workshop;  /* evaluation workshop index */
    long member;      /* registry index or -1 */
    long line;        /* line of the questionnaire in its file */
    char *text;       /* owned by the reader of the spool, valid until the next read */
} spooled_comment;

/** Opens an anonymous temporary spool. */
int comment_spool_open(comment_spool *spool, cb_error *err);
/** Appends one comment; a write failure is remembered and reported by comment_spool_rewind. */
void comment_spool_add(comment_spool *spool, size_t workshop, long member, long line,
                       const char *text, size_t len);
/** Prepares for reading from the first comment; -1 with err set if writing had failed. */
int comment_spool_rewind(comment_spool *spool, cb_error *err);
/** Reads the next comment into *out (text reallocated in *buffer); false at the end. */
bool comment_spool_next(comment_spool *spool, spooled_comment *out, char **buffer, size_t *cap);
/** Closes and deletes the spool. */
void comment_spool_close(comment_spool *spool);

#endif
