/* SHA-256 of a file computed on the second core while the first one parses it: blocks are
 * handed over one at a time, and the hash never holds up the reader by more than one block. */
#ifndef CBKPI_UTIL_HASHER_H
#define CBKPI_UTIL_HASHER_H

#include <stddef.h>

typedef struct hasher hasher;

/** Starts a hasher (on its own thread when one can be started, else inline). */
hasher *hasher_start(void);
/** Hashes the next len bytes at data. The caller must not change those bytes until the next
 *  call of hasher_submit or hasher_finish, which first waits for this block to be hashed. */
void hasher_submit(hasher *h, const void *data, size_t len);
/** Waits for the last block, writes the hex digest (65 bytes) and frees the hasher. */
void hasher_finish(hasher *h, char hex[65]);

#endif
