#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/sha256.h"
#include "util/sha256_internal.h"

static void digest_of(const void *data, size_t len, char hex[SHA256_HEX_SIZE])
{
    sha256_ctx ctx;
    unsigned char d[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, data, len);
    sha256_final(&ctx, d);
    sha256_hex(d, hex);
}

/* Path 0 is the block compression the CPU gets (the x86 SHA extensions when it has them),
 * path 1 the portable C code. Returns the name of the code now in use, for messages. */
static const char *use_path(int path)
{
    sha256_force_portable(path == 1);
    return sha256_accelerated() ? "SHA extensions" : "portable code";
}

/* Checks a known answer on both paths. */
static void expect_digest_of(const void *data, size_t len, const char *want)
{
    for (int path = 0; path < 2; path++) {
        const char *code = use_path(path);
        char hex[SHA256_HEX_SIZE];
        digest_of(data, len, hex);
        cr_assert_str_eq(hex, want, "%zu bytes, %s", len, code);
    }
}

static void expect_digest(const char *msg, const char *want)
{
    expect_digest_of(msg, strlen(msg), want);
}

/* Known answers from the FIPS 180-4 examples (NIST CSRC "SHA256.pdf"). */

Test(sha256, empty)
{
    expect_digest("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

Test(sha256, empty_with_null_pointer)
{
    sha256_ctx ctx;
    unsigned char d[SHA256_DIGEST_SIZE];
    char hex[SHA256_HEX_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, NULL, 0);
    sha256_final(&ctx, d);
    sha256_hex(d, hex);
    cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

Test(sha256, abc)
{
    expect_digest("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

Test(sha256, two_block_448_bits)
{
    /* 56 bytes: the padding no longer fits, so a second block is needed. */
    expect_digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

Test(sha256, message_896_bits)
{
    expect_digest("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                  "klmnopqrlmnopqrsmnopqrstnopqrstu",
                  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

Test(sha256, million_a_in_uneven_pieces)
{
    enum { TOTAL = 1000000 };
    static unsigned char buf[4099];
    memset(buf, 'a', sizeof buf);
    /* Piece sizes cycle through values that straddle block boundaries in every way. */
    static const size_t pieces[] = {1, 63, 64, 65, 127, 3, 4099, 0, 200, 55, 56, 1000};
    for (int path = 0; path < 2; path++) {
        const char *code = use_path(path);
        sha256_ctx ctx;
        sha256_init(&ctx);
        size_t done = 0;
        for (size_t i = 0; done < TOTAL; i++) {
            size_t n = pieces[i % (sizeof pieces / sizeof pieces[0])];
            if (n > TOTAL - done)
                n = TOTAL - done;
            sha256_update(&ctx, buf, n);
            done += n;
        }
        unsigned char d[SHA256_DIGEST_SIZE];
        char hex[SHA256_HEX_SIZE];
        sha256_final(&ctx, d);
        sha256_hex(d, hex);
        cr_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                         "%s", code);
    }
}

static void fill_pattern(unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)((i * 7 + 3) & 0xff);
}

Test(sha256, padding_boundaries)
{
    /* Lengths around 55/56/64 bytes exercise every padding branch. Expected values were
     * produced with an independent implementation (Python's hashlib) for the byte pattern
     * (7i + 3) mod 256. */
    static const struct {
        size_t len;
        const char *hex;
    } cases[] = {
        {55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"},
        {56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"},
        {63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"},
        {64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"},
        {65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"},
        {119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"},
        {120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"},
        {128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"},
    };
    unsigned char msg[128];
    fill_pattern(msg, sizeof msg);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_digest_of(msg, cases[i].len, cases[i].hex);
}

Test(sha256, every_split_of_200_bytes_matches_one_shot)
{
    unsigned char msg[200];
    fill_pattern(msg, sizeof msg);
    char whole[SHA256_HEX_SIZE];
    digest_of(msg, sizeof msg, whole);

    for (size_t cut = 0; cut <= sizeof msg; cut++) {
        sha256_ctx ctx;
        unsigned char d[SHA256_DIGEST_SIZE];
        char hex[SHA256_HEX_SIZE];
        sha256_init(&ctx);
        sha256_update(&ctx, msg, cut);
        sha256_update(&ctx, msg + cut, sizeof msg - cut);
        sha256_final(&ctx, d);
        sha256_hex(d, hex);
        cr_assert_str_eq(hex, whole, "split at %zu", cut);
    }

    /* Byte by byte as well. */
    sha256_ctx ctx;
    unsigned char d[SHA256_DIGEST_SIZE];
    char hex[SHA256_HEX_SIZE];
    sha256_init(&ctx);
    for (size_t i = 0; i < sizeof msg; i++)
        sha256_update(&ctx, msg + i, 1);
    sha256_final(&ctx, d);
    sha256_hex(d, hex);
    cr_assert_str_eq(hex, whole);
}

Test(sha256, context_is_reusable_after_final)
{
    sha256_ctx ctx;
    unsigned char d[SHA256_DIGEST_SIZE];
    char hex[SHA256_HEX_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, "something else", 14);
    sha256_final(&ctx, d);
    sha256_init(&ctx);
    sha256_update(&ctx, "abc", 3);
    sha256_final(&ctx, d);
    sha256_hex(d, hex);
    cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

Test(sha256, hex_formatting)
{
    /* Lowercase, two digits per byte including leading zeros, NUL-terminated. */
    unsigned char d[SHA256_DIGEST_SIZE];
    for (int i = 0; i < 30; i++)
        d[i] = (unsigned char)i;
    d[30] = 0xab;
    d[31] = 0xff;
    char hex[SHA256_HEX_SIZE];
    memset(hex, 'x', sizeof hex);
    sha256_hex(d, hex);
    cr_assert_str_eq(hex, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1dabff");
}

/* splitmix64: a fixed pseudo-random sequence, so that a failure repeats. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void fill_random(unsigned char *p, size_t n, uint64_t *rng)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(next_random(rng) >> 56);
}

/* The hex digest of data fed in updates of random sizes: mostly under two blocks, one in four
 * up to max_piece bytes, some empty. */
static void digest_in_random_pieces(const unsigned char *data, size_t len, size_t max_piece,
                                    uint64_t *rng, char hex[SHA256_HEX_SIZE])
{
    sha256_ctx ctx;
    sha256_init(&ctx);
    for (size_t done = 0; done < len;) {
        uint64_t r = next_random(rng);
        size_t n = (size_t)((r >> 2) % ((r & 3) == 0 ? max_piece + 1 : 130));
        if (n > len - done)
            n = len - done;
        sha256_update(&ctx, data + done, n);
        done += n;
    }
    unsigned char d[SHA256_DIGEST_SIZE];
    sha256_final(&ctx, d);
    sha256_hex(d, hex);
}

/* Both paths give the same digest of the same bytes, each split its own random way. */
static void expect_paths_agree(const unsigned char *data, size_t len, size_t max_piece,
                               uint64_t *rng)
{
    char fast[SHA256_HEX_SIZE], portable[SHA256_HEX_SIZE];
    use_path(0);
    digest_in_random_pieces(data, len, max_piece, rng, fast);
    use_path(1);
    digest_in_random_pieces(data, len, max_piece, rng, portable);
    cr_assert_str_eq(fast, portable, "%zu random bytes", len);
}

Test(sha256, paths_agree_on_every_length_up_to_1000)
{
    use_path(0);
    if (!sha256_accelerated())
        cr_log_warn("this CPU has no SHA extensions: both paths are the portable code");
    uint64_t rng = 1;
    unsigned char data[1000];
    for (size_t len = 0; len <= sizeof data; len++) {
        fill_random(data, len, &rng);
        expect_paths_agree(data, len, len, &rng);
    }
}

Test(sha256, paths_agree_on_a_few_mib)
{
    static const size_t lengths[] = {(1U << 20) - 1, (2U << 20) + 55, (5U << 20) + 13};
    unsigned char *data = malloc(lengths[2]);
    cr_assert_not_null(data);
    uint64_t rng = 2;
    fill_random(data, lengths[2], &rng);
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++)
        expect_paths_agree(data, lengths[i], 256U << 10, &rng);
    free(data);
}
