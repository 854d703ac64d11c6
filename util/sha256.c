#include "util/sha256.h"
#include "util/sha256_internal.h"

#include <stdatomic.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define SHA256_X86 1
#include <cpuid.h>
#include <immintrin.h>
#else
#define SHA256_X86 0
#endif

/* FIPS 180-4 section 4.2.2: first 32 bits of the fractional parts of the cube roots of the
 * first 64 primes. */
static const uint32_t sha256_k[64] = {
    0x428a2f98U, 0x71374491U, 0xb5c0fbcfU, 0xe9b5dba5U, 0x3956c25bU, 0x59f111f1U, 0x923f82a4U,
    0xab1c5ed5U, 0xd807aa98U, 0x12835b01U, 0x243185beU, 0x550c7dc3U, 0x72be5d74U, 0x80deb1feU,
    0x9bdc06a7U, 0xc19bf174U, 0xe49b69c1U, 0xefbe4786U, 0x0fc19dc6U, 0x240ca1ccU, 0x2de92c6fU,
    0x4a7484aaU, 0x5cb0a9dcU, 0x76f988daU, 0x983e5152U, 0xa831c66dU, 0xb00327c8U, 0xbf597fc7U,
    0xc6e00bf3U, 0xd5a79147U, 0x06ca6351U, 0x14292967U, 0x27b70a85U, 0x2e1b2138U, 0x4d2c6dfcU,
    0x53380d13U, 0x650a7354U, 0x766a0abbU, 0x81c2c92eU, 0x92722c85U, 0xa2bfe8a1U, 0xa81a664bU,
    0xc24b8b70U, 0xc76c51a3U, 0xd192e819U, 0xd6990624U, 0xf40e3585U, 0x106aa070U, 0x19a4c116U,
    0x1e376c08U, 0x2748774cU, 0x34b0bcb5U, 0x391c0cb3U, 0x4ed8aa4aU, 0x5b9cca4fU, 0x682e6ff3U,
    0x748f82eeU, 0x78a5636fU, 0x84c87814U, 0x8cc70208U, 0x90befffaU, 0xa4506cebU, 0xbef9a3f7U,
    0xc67178f2U,
};

static uint32_t rotr(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32U - n));
}

/* Bytes are assembled explicitly so the result does not depend on host byte order or on the
 * alignment of the caller's buffer. */
static uint32_t load_be32(const unsigned char *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) |
           (uint32_t)p[3];
}

static void store_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* One application of the compression function (FIPS 180-4 section 6.2.2), in plain C. */
static void compress_portable(uint32_t state[8], const unsigned char block[64])
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = load_be32(block + 4 * t);
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }

    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; t++) {
        uint32_t big_s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        uint32_t ch = (e & f) ^ (~e & g);
        uint32_t t1 = h + big_s1 + ch + sha256_k[t] + w[t];
        uint32_t big_s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = big_s0 + maj;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

#if SHA256_X86
/* The same function on n consecutive blocks with the x86 SHA extensions (Intel, "New
 * Instructions Supporting the Secure Hash Algorithm on Intel Architecture Processors").
 * SHA256RNDS2 does two rounds on the state held as {A,B,E,F} and {C,D,G,H} (A and C in the top
 * lane, F and H in lane 0) with W+K of the two rounds in lanes 0 and 1 of its third operand;
 * SHA256MSG1 and SHA256MSG2 extend the message schedule four words at a time. The state stays
 * in registers from block to block. Only this function is compiled for the extensions, and it
 * is only called when the CPU has them. */
__attribute__((target("sha,sse4.1,ssse3"))) static void
compress_shani(uint32_t state[8], const unsigned char *block, size_t n)
{
    /* state[0..3] is A..D and state[4..7] is E..H, lane 0 first. */
    __m128i abcd = _mm_loadu_si128((const __m128i *)state);
    __m128i efgh = _mm_loadu_si128((const __m128i *)(state + 4));
    __m128i abef = _mm_shuffle_epi32(_mm_unpacklo_epi64(efgh, abcd), 0xb1); /* F,E,B,A */
    __m128i cdgh = _mm_shuffle_epi32(_mm_unpackhi_epi64(efgh, abcd), 0xb1); /* H,G,D,C */
    /* The message words are big-endian in the block. */
    const __m128i byteswap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);

    for (; n > 0; n--, block += 64) {
        const __m128i abef_in = abef, cdgh_in = cdgh;
        /* w0..w3 hold W[4i..4i+15] in round group i. */
        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)block), byteswap);
        __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 16)), byteswap);
        __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 32)), byteswap);
        __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 48)), byteswap);

        for (int i = 0; i < 16; i++) {
            /* Rounds 4i..4i+3. Two rounds on, C,D,G,H are the A,B,E,F of two rounds before. */
            __m128i wk = _mm_add_epi32(w0, _mm_loadu_si128((const __m128i *)(sha256_k + 4 * i)));
            __m128i abef2 = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            abef = _mm_sha256rnds2_epu32(abef, abef2, _mm_srli_si128(wk, 8));
            cdgh = abef2;

            /* W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16] for t = 4i+16..4i+19: MSG1
             * adds s0(W[t-15]) to W[t-16], ALIGNR picks W[t-7], MSG2 adds s1(W[t-2]) (for the
             * last two words from the first two it produces). The last four groups compute
             * words past W[63] that are never used. */
            __m128i w4 = _mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), _mm_alignr_epi8(w3, w2, 4));
            w4 = _mm_sha256msg2_epu32(w4, w3);
            w0 = w1;
            w1 = w2;
            w2 = w3;
            w3 = w4;
        }
        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
    }

    abef = _mm_shuffle_epi32(abef, 0xb1); /* E,F,A,B */
    cdgh = _mm_shuffle_epi32(cdgh, 0xb1); /* G,H,C,D */
    _mm_storeu_si128((__m128i *)state, _mm_unpackhi_epi64(abef, cdgh));
    _mm_storeu_si128((__m128i *)(state + 4), _mm_unpacklo_epi64(abef, cdgh));
}
#endif

static bool cpu_has_sha(void)
{
#if SHA256_X86
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_SSSE3) || !(ecx & bit_SSE4_1))
        return false;
    return __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) && (ebx & bit_SHA);
#else
    return false;
#endif
}

/* The compression code in use, looked up on the first block. Threads that race to look it up
 * store the same value; the atomic makes that race well defined. Zero is "not looked up". */
enum { CHOICE_UNKNOWN, CHOICE_PORTABLE, CHOICE_SHANI };
static atomic_int compress_choice;

void sha256_force_portable(bool portable)
{
    atomic_store_explicit(&compress_choice, portable ? CHOICE_PORTABLE : CHOICE_UNKNOWN,
                          memory_order_relaxed);
}

bool sha256_accelerated(void)
{
    int choice = atomic_load_explicit(&compress_choice, memory_order_relaxed);
    if (choice == CHOICE_UNKNOWN) {
        choice = cpu_has_sha() ? CHOICE_SHANI : CHOICE_PORTABLE;
        atomic_store_explicit(&compress_choice, choice, memory_order_relaxed);
    }
    return choice == CHOICE_SHANI;
}

/* Compresses n consecutive 64-byte blocks into state with the code chosen for this CPU. */
static void sha256_compress(uint32_t state[8], const unsigned char *blocks, size_t n)
{
#if SHA256_X86
    if (sha256_accelerated()) {
        compress_shani(state, blocks, n);
        return;
    }
#endif
    for (; n > 0; n--, blocks += 64)
        compress_portable(state, blocks);
}

void sha256_init(sha256_ctx *ctx)
{
    /* Section 5.3.3: fractional parts of the square roots of the first 8 primes. */
    static const uint32_t initial[8] = {0x6a09e667U, 0xbb67ae85U, 0x3c6ef372U, 0xa54ff53aU,
                                        0x510e527fU, 0x9b05688cU, 0x1f83d9abU, 0x5be0cd19U};
    memcpy(ctx->state, initial, sizeof initial);
    ctx->length = 0;
    ctx->used = 0;
}

void sha256_update(sha256_ctx *ctx, const void *data, size_t len)
{
    /* memcpy with a NULL source is undefined even for zero bytes. */
    if (len == 0)
        return;
    const unsigned char *p = data;
    ctx->length += (uint64_t)len;

    if (ctx->used > 0) {
        size_t take = 64 - ctx->used;
        if (take > len)
            take = len;
        memcpy(ctx->block + ctx->used, p, take);
        ctx->used += take;
        p += take;
        len -= take;
        if (ctx->used < 64)
            return;
        sha256_compress(ctx->state, ctx->block, 1);
        ctx->used = 0;
    }
    /* Whole blocks straight from the caller's buffer, in one call: no copy for the bulk of a
     * file, and the accelerated code keeps the state in registers across them. */
    size_t whole = len / 64;
    sha256_compress(ctx->state, p, whole);
    p += 64 * whole;
    len -= 64 * whole;
    if (len > 0) {
        memcpy(ctx->block, p, len);
        ctx->used = len;
    }
}

void sha256_final(sha256_ctx *ctx, unsigned char digest[SHA256_DIGEST_SIZE])
{
    /* Section 5.1.1: a 1 bit, zeros up to 56 mod 64 bytes, then the length in bits as a
     * 64-bit big-endian number (lengths are taken mod 2^64 bits as the standard allows). */
    uint64_t bits = ctx->length << 3;
    ctx->block[ctx->used++] = 0x80;
    if (ctx->used > 56) {
        memset(ctx->block + ctx->used, 0, 64 - ctx->used);
        sha256_compress(ctx->state, ctx->block, 1);
        ctx->used = 0;
    }
    memset(ctx->block + ctx->used, 0, 56 - ctx->used);
    store_be32(ctx->block + 56, (uint32_t)(bits >> 32));
    store_be32(ctx->block + 60, (uint32_t)bits);
    sha256_compress(ctx->state, ctx->block, 1);

    for (int i = 0; i < 8; i++)
        store_be32(digest + 4 * i, ctx->state[i]);

    /* Leave nothing of the message behind in the caller's memory. */
    memset(ctx, 0, sizeof *ctx);
}

void sha256_hex(const unsigned char digest[SHA256_DIGEST_SIZE], char out[SHA256_HEX_SIZE])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0x0f];
    }
    out[2 * SHA256_DIGEST_SIZE] = '\0';
}
