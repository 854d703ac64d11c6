/* Test hooks of util/sha256.c: which block-compression code the streaming functions use. The
 * choice is process-wide and does not change any digest; production code never calls these. */
#ifndef CBKPI_UTIL_SHA256_INTERNAL_H
#define CBKPI_UTIL_SHA256_INTERNAL_H

#include <stdbool.h>

/** With true, every context hashes with the portable C code from the next block on; with
 *  false, the code is chosen again from the CPU (the x86 SHA extensions when it has them). */
void sha256_force_portable(bool portable);

/** Whether blocks are currently hashed with the x86 SHA extensions. */
bool sha256_accelerated(void);

#endif
