/* SHA-256 of a file computed on the second core while the first one parses it: blocks are
 * handed over one at a time, and the hash never holds up the reader by more than one block. */
#ifndef CBKPI_UTIL_HASHER_H
#define CBKPI_UTIL_HASHER_H

#include <stddef.h>

#include "util/error.h"

typedef struct hasher hasher;

/** Starts a hasher (on its own thread when one can be started, else inline). */
hasher *hasher_start(void);
/** Hashes the next len bytes at data. The caller must not change those bytes until the next
 *  call of hasher_submit or hasher_finish, which first waits for this block to be hashed. */
void hasher_submit(hasher *h, const void *data, size_t len);
/** Waits for the last block, writes the hex digest (65 bytes) and frees the hasher. */
void hasher_finish(hasher *h, char hex[65]);

typedef struct file_hasher file_hasher;

/** Starts computing the SHA-256 of the file at path on another thread (inline at
 *  file_hasher_finish when no thread can be started). */
file_hasher *file_hasher_start(const char *path);
/** Waits for the hash, writes its hex digest (65 bytes) and the number of bytes hashed, and frees
 *  h. Returns 0, or -1 with err set when the file could not be read. */
int file_hasher_finish(file_hasher *h, char hex[65], unsigned long long *bytes, cb_error *err);

#endif
