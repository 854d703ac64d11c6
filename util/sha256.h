/* Streaming SHA-256 (FIPS 180-4), so that input files can be fingerprinted while they are read
 * instead of being loaded twice. No global state: one context per stream, any thread. */
#ifndef CBKPI_UTIL_SHA256_H
#define CBKPI_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_HEX_SIZE 65 /* 64 hex digits and the terminating NUL */

typedef struct sha256_ctx {
    uint32_t state[8];       /* running hash value H0..H7 */
    uint64_t length;         /* message bytes hashed so far (the standard counts bits) */
    unsigned char block[64]; /* bytes waiting for a complete 64-byte block */
    size_t used;             /* how many bytes of block are filled, 0..63 */
} sha256_ctx;

/** Starts a new message; a context may be re-initialised after sha256_final. */
void sha256_init(sha256_ctx *ctx);

/** Appends len bytes; any split of a message into calls gives the same digest.
 *  data may be NULL when len is 0. */
void sha256_update(sha256_ctx *ctx, const void *data, size_t len);

/** Writes the 32-byte digest of everything appended since sha256_init. The context is
 *  wiped afterwards and must be re-initialised before further use. */
void sha256_final(sha256_ctx *ctx, unsigned char digest[SHA256_DIGEST_SIZE]);

/** Formats a digest as 64 lowercase hex digits plus NUL. */
void sha256_hex(const unsigned char digest[SHA256_DIGEST_SIZE], char out[SHA256_HEX_SIZE]);

#endif
