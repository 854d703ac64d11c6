#include "export/comments.h"

#include <errno.h>
#include <string.h>

#include "util/alloc.h"

typedef struct record_head {
    size_t workshop;
    long member;
    long line;
    size_t len;
} record_head;

int comment_spool_open(comment_spool *spool, cb_error *err)
{
    memset(spool, 0, sizeof *spool);
    spool->file = tmpfile();
    if (spool->file == NULL)
        return error_set(err, NULL, 0, 0, "cannot create a temporary file for comments: %s",
                         strerror(errno));
    return 0;
}

void comment_spool_add(comment_spool *spool, size_t workshop, long member, long line,
                       const char *text, size_t len)
{
    record_head head = {workshop, member, line, len};
    if (spool->failed || fwrite(&head, sizeof head, 1, spool->file) != 1 ||
        (len > 0 && fwrite(text, 1, len, spool->file) != len))
        spool->failed = true;
    spool->count++;
}

int comment_spool_rewind(comment_spool *spool, cb_error *err)
{
    if (spool->failed || fflush(spool->file) != 0 || fseek(spool->file, 0, SEEK_SET) != 0)
        return error_set(err, NULL, 0, 0, "cannot keep the comments in a temporary file (is the "
                         "disk full?)");
    return 0;
}

bool comment_spool_next(comment_spool *spool, spooled_comment *out, char **buffer, size_t *cap)
{
    record_head head;
    if (fread(&head, sizeof head, 1, spool->file) != 1)
        return false;
    if (head.len + 1 > *cap) {
        *cap = head.len + 1;
        *buffer = mem_realloc(*buffer, *cap);
    }
    if (head.len > 0 && fread(*buffer, 1, head.len, spool->file) != head.len)
        return false;
    (*buffer)[head.len] = '\0';
    *out = (spooled_comment){head.workshop, head.member, head.line, *buffer};
    return true;
}

void comment_spool_close(comment_spool *spool)
{
    if (spool->file != NULL)
        fclose(spool->file); /* a temporary file: nothing of value is lost if closing fails */
    spool->file = NULL;
}
