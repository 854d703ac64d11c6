#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/keyset.h"

/* Small deterministic generator, so a failure can be replayed. */
static uint64_t next_random(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return *state >> 33;
}

/* Ids the way the program builds them: workshop, unit separator, respondent. */
static size_t id_key(char *out, size_t cap, size_t i)
{
    int n = snprintf(out, cap, "W%04zu\x1fR%zu", i % 10000, i);
    cr_assert(n > 0 && (size_t)n < cap);
    return (size_t)n;
}

static size_t add(keyset *set, const char *key, size_t len, bool want_new)
{
    size_t index = SIZE_MAX;
    cr_assert_eq(keyset_add(set, key, len, &index), want_new, "add of a %zu-byte key", len);
    return index;
}

static void expect_key(const keyset *set, const char *key, size_t len, size_t want)
{
    size_t index = SIZE_MAX;
    cr_assert(keyset_find(set, key, len, &index), "key %zu (%zu bytes) not found", want, len);
    cr_assert_eq(index, want);
    const char *stored = keyset_key(set, index);
    cr_assert(memcmp(stored, key, len) == 0, "key %zu: other bytes", want);
    cr_assert_eq(stored[len], '\0', "key %zu: no NUL after it", want);
}

Test(keyset, empty_set)
{
    keyset *set = keyset_new();
    cr_assert_eq(keyset_count(set), 0);
    size_t index = 7;
    cr_assert(!keyset_find(set, "a", 1, &index));
    cr_assert(!keyset_find(set, "", 0, &index));
    cr_assert_eq(index, 7, "a miss leaves the index alone");
    keyset_free(set);
    keyset_free(NULL);
}

Test(keyset, add_then_find)
{
    keyset *set = keyset_new();
    cr_assert_eq(add(set, "alpha", 5, true), 0);
    cr_assert_eq(add(set, "beta", 4, true), 1);
    expect_key(set, "alpha", 5, 0);
    expect_key(set, "beta", 4, 1);
    cr_assert(!keyset_find(set, "alph", 4, NULL), "a prefix is another key");
    cr_assert(!keyset_find(set, "alphab", 6, NULL));
    cr_assert(keyset_find(set, "beta", 4, NULL), "index may be NULL");
    cr_assert(keyset_add(set, "gamma", 5, NULL), "index may be NULL");
    cr_assert(!keyset_add(set, "gamma", 5, NULL));
    cr_assert_eq(keyset_count(set), 3);
    /* The set keeps its own copy: the caller's buffer may change afterwards. */
    char buf[] = "delta";
    cr_assert_eq(add(set, buf, 5, true), 3);
    buf[0] = 'D';
    cr_assert_str_eq(keyset_key(set, 3), "delta");
    cr_assert(!keyset_find(set, buf, 5, NULL));
    keyset_free(set);
}

Test(keyset, indexes_are_dense_in_insertion_order)
{
    keyset *set = keyset_new();
    char key[32];
    for (size_t i = 0; i < 1000; i++) {
        size_t len = id_key(key, sizeof key, i);
        cr_assert_eq(add(set, key, len, true), i);
        cr_assert_eq(keyset_count(set), i + 1);
    }
    for (size_t i = 0; i < 1000; i++) {
        id_key(key, sizeof key, i);
        cr_assert_str_eq(keyset_key(set, i), key);
    }
    keyset_free(set);
}

Test(keyset, duplicate_gives_first_index)
{
    keyset *set = keyset_new();
    add(set, "x", 1, true);
    add(set, "y", 1, true);
    add(set, "z", 1, true);
    for (int round = 0; round < 3; round++) {
        cr_assert_eq(add(set, "y", 1, false), 1);
        cr_assert_eq(add(set, "x", 1, false), 0);
    }
    cr_assert_eq(keyset_count(set), 3, "duplicates are not counted");
    cr_assert_eq(add(set, "w", 1, true), 3, "the next new key takes the next index");
    keyset_free(set);
}

Test(keyset, binary_bytes_and_unit_separator)
{
    keyset *set = keyset_new();
    /* Every byte value but NUL, one key each, then all of them in one key. */
    char all[255];
    for (int b = 1; b < 256; b++) {
        char c = (char)b;
        cr_assert_eq(add(set, &c, 1, true), (size_t)b - 1);
        all[b - 1] = c;
    }
    cr_assert_eq(add(set, all, sizeof all, true), 255);
    cr_assert_eq(add(set, "W1\x1fR2", 5, true), 256);
    cr_assert_eq(add(set, "W1\x1f" "R", 4, true), 257);
    cr_assert_eq(add(set, "W1R2", 4, true), 258, "the separator is a byte like any other");
    cr_assert_eq(add(set, "\xff\xfe\x80", 3, true), 259);
    for (int b = 1; b < 256; b++) {
        char c = (char)b;
        expect_key(set, &c, 1, (size_t)b - 1);
    }
    expect_key(set, all, sizeof all, 255);
    expect_key(set, "W1\x1fR2", 5, 256);
    expect_key(set, "\xff\xfe\x80", 3, 259);
    /* Keys are compared by length and bytes, so an embedded NUL is allowed too. */
    cr_assert_eq(add(set, "a\0b", 3, true), 260);
    cr_assert_eq(add(set, "a\0c", 3, true), 261);
    cr_assert_eq(add(set, "a", 1, false), 'a' - 1);
    expect_key(set, "a\0b", 3, 260);
    keyset_free(set);
}

Test(keyset, empty_key)
{
    keyset *set = keyset_new();
    cr_assert_eq(add(set, "a", 1, true), 0);
    cr_assert_eq(add(set, "", 0, true), 1);
    cr_assert_eq(add(set, "", 0, false), 1);
    cr_assert_eq(add(set, NULL, 0, false), 1, "no byte is read from an empty key");
    expect_key(set, "", 0, 1);
    cr_assert_str_eq(keyset_key(set, 1), "");
    cr_assert_eq(keyset_count(set), 2);
    keyset_free(set);
}

/* Lengths around the one-byte length header (255), the first arena block (4 KiB) and the
 * largest (1 MiB; with its 10 bytes of header and NUL, a key over 256 KiB - 10 gets a block
 * of its own), filled with a pattern that differs from key to key. */
Test(keyset, long_keys)
{
    static const size_t lengths[] = {
        254, 255, 256, 4095, 4096, 4097, (1 << 18) - 10, (1 << 18) - 9,
        (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20,
    };
    enum { N = sizeof lengths / sizeof lengths[0] };
    keyset *set = keyset_new();
    char *keys[N];
    const char *stored[N];
    cr_assert_eq(add(set, "short", 5, true), 0);
    /* Key k has index 1 + 2k, and a short key "s<k>" comes after it. */
    for (size_t k = 0; k < N; k++) {
        keys[k] = malloc(lengths[k]);
        cr_assert_not_null(keys[k]);
        for (size_t i = 0; i < lengths[k]; i++)
            keys[k][i] = (char)('a' + (i * 7 + k) % 26);
        cr_assert_eq(add(set, keys[k], lengths[k], true), 1 + 2 * k);
        stored[k] = keyset_key(set, 1 + 2 * k);
        char tag[16];
        snprintf(tag, sizeof tag, "s%zu", k);
        cr_assert_eq(add(set, tag, strlen(tag), true), 2 + 2 * k);
        cr_assert_eq(add(set, "short", 5, false), 0);
    }
    for (size_t k = 0; k < N; k++) {
        expect_key(set, keys[k], lengths[k], 1 + 2 * k);
        cr_assert_eq(keyset_key(set, 1 + 2 * k), stored[k], "key %zu moved", k);
        cr_assert_eq(strlen(stored[k]), lengths[k]);
        cr_assert(!keyset_find(set, keys[k], lengths[k] - 1, NULL), "one byte less is another key");
        char tag[16];
        snprintf(tag, sizeof tag, "s%zu", k);
        expect_key(set, tag, strlen(tag), 2 + 2 * k);
        free(keys[k]);
    }
    expect_key(set, "short", 5, 0);
    keyset_free(set);
}

/* A cleared set is empty and takes keys again from index 0, long ones included, as many times
 * as it is cleared; a key of before the clear is no longer found. */
Test(keyset, clear_then_reuse)
{
    keyset *set = keyset_new();
    keyset_clear(set); /* a new set: nothing to keep */
    cr_assert_eq(keyset_count(set), 0);
    char key[64], big[300000];
    memset(big, 'x', sizeof big);
    for (size_t round = 0; round < 5; round++) {
        for (size_t i = 0; i < 20000; i++) {
            size_t len = id_key(key, sizeof key, i + 7 * round);
            cr_assert_eq(add(set, key, len, true), i);
        }
        big[0] = (char)('a' + round);
        cr_assert_eq(add(set, big, sizeof big, true), 20000); /* a block of its own */
        for (size_t i = 0; i < 20000; i += 997) {
            size_t len = id_key(key, sizeof key, i + 7 * round);
            expect_key(set, key, len, i);
        }
        expect_key(set, big, sizeof big, 20000);
        keyset_clear(set);
        cr_assert_eq(keyset_count(set), 0);
        size_t len = id_key(key, sizeof key, 7 * round);
        cr_assert(!keyset_find(set, key, len, NULL), "round %zu: a key outlived the clear",
                  round);
        cr_assert(!keyset_find(set, big, sizeof big, NULL));
    }
    keyset_free(set);
}

Test(keyset, key_pointers_stay_valid)
{
    keyset *set = keyset_new();
    enum { FIRST = 1000, MORE = 1000000 };
    const char *pointers[FIRST];
    char key[32];
    for (size_t i = 0; i < FIRST; i++) {
        size_t len = id_key(key, sizeof key, i);
        add(set, key, len, true);
        pointers[i] = keyset_key(set, i);
    }
    for (size_t i = FIRST; i < FIRST + MORE; i++) {
        size_t len = id_key(key, sizeof key, i);
        add(set, key, len, true);
    }
    for (size_t i = 0; i < FIRST; i++) {
        id_key(key, sizeof key, i);
        cr_assert_eq(keyset_key(set, i), pointers[i], "key %zu moved", i);
        cr_assert_str_eq(pointers[i], key);
    }
    keyset_free(set);
}

Test(keyset, two_million_keys)
{
    enum { N = 2000000 };
    keyset *set = keyset_new();
    char key[32];
    for (size_t i = 0; i < N; i++) {
        size_t len = id_key(key, sizeof key, i), index = SIZE_MAX;
        if (!keyset_add(set, key, len, &index) || index != i)
            cr_assert_fail("key %zu: added as %zu", i, index);
    }
    cr_assert_eq(keyset_count(set), N);
    for (size_t i = 0; i < N; i++) {
        size_t len = id_key(key, sizeof key, i);
        size_t index = SIZE_MAX;
        if (!keyset_find(set, key, len, &index) || index != i)
            cr_assert_fail("key %zu: found %zu", i, index);
        if (strcmp(keyset_key(set, i), key) != 0)
            cr_assert_fail("key %zu reads \"%s\"", i, keyset_key(set, i));
    }
    for (size_t i = N; i < N + 100000; i++) {
        size_t len = id_key(key, sizeof key, i);
        if (keyset_find(set, key, len, NULL))
            cr_assert_fail("key %zu was never added", i);
    }
    keyset_free(set);
}

/* ------------------------------------------------------------ against a naive reference */

typedef struct {
    char **keys;
    size_t *lengths;
    size_t count;
} reference;

/* Linear search: slow, but plainly right. */
static bool reference_find(const reference *r, const char *key, size_t len, size_t *index)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->lengths[i] == len && memcmp(r->keys[i], key, len) == 0) {
            *index = i;
            return true;
        }
    return false;
}

static void random_key(uint64_t *state, char *key, size_t *len, size_t max_len, int alphabet)
{
    *len = next_random(state) % (max_len + 1);
    for (size_t i = 0; i < *len; i++)
        key[i] = (char)(alphabet ? 'a' + next_random(state) % (uint64_t)alphabet
                                 : 1 + next_random(state) % 255);
}

/* Random adds and finds, checked one by one against the reference. alphabet 0 means any
 * byte but NUL; a small alphabet and short keys make many duplicates. */
static void cross_check(uint64_t seed, int ops, size_t max_len, int alphabet)
{
    uint64_t state = seed;
    keyset *set = keyset_new();
    reference r = {malloc(ops * sizeof(char *)), malloc(ops * sizeof(size_t)), 0};
    char key[512];
    for (int op = 0; op < ops; op++) {
        size_t len;
        random_key(&state, key, &len, max_len, alphabet);
        size_t want = SIZE_MAX, got = SIZE_MAX;
        bool present = reference_find(&r, key, len, &want);
        if (next_random(&state) % 3 == 0) {
            cr_assert_eq(keyset_find(set, key, len, &got), present, "op %d: find", op);
        } else {
            cr_assert_eq(keyset_add(set, key, len, &got), !present, "op %d: add", op);
            if (!present) {
                want = r.count;
                r.keys[r.count] = malloc(len + 1);
                memcpy(r.keys[r.count], key, len);
                r.lengths[r.count++] = len;
            }
        }
        cr_assert_eq(got, want, "op %d: index", op); /* both SIZE_MAX after a miss */
        cr_assert_eq(keyset_count(set), r.count);
    }
    for (size_t i = 0; i < r.count; i++) {
        cr_assert(memcmp(keyset_key(set, i), r.keys[i], r.lengths[i]) == 0);
        cr_assert_eq(keyset_key(set, i)[r.lengths[i]], '\0');
        free(r.keys[i]);
    }
    free(r.keys);
    free(r.lengths);
    keyset_free(set);
}

Test(keyset, matches_reference_with_many_duplicates)
{
    cross_check(1, 30000, 6, 3);
}

Test(keyset, matches_reference_on_binary_keys)
{
    cross_check(2, 5000, 300, 0);
}

Test(keyset, matches_reference_on_short_binary_keys)
{
    cross_check(3, 10000, 2, 0);
}
