/* Unit tests of the radix sort (util/sort.h): against the C library's qsort on many shapes. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/testkit.h"
#include "util/sort.h"

static int compare(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Sorts a copy both ways and compares. */
static void check(const uint64_t *values, size_t n, const char *what)
{
    uint64_t *mine = malloc((n ? n : 1) * sizeof *mine);
    uint64_t *want = malloc((n ? n : 1) * sizeof *want);
    cr_assert(mine && want);
    memcpy(mine, values, n * sizeof *mine);
    memcpy(want, values, n * sizeof *want);
    sort_u64(mine, n);
    qsort(want, n, sizeof *want, compare);
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(mine[i], want[i], "%s: position %zu of %zu", what, i, n);
    free(mine);
    free(want);
}

Test(sort, empty_and_single)
{
    uint64_t one = 42;
    sort_u64(NULL, 0);
    sort_u64(&one, 1);
    cr_assert_eq(one, 42);
}

Test(sort, random_values_of_many_lengths)
{
    rng r = {0x9E3779B97F4A7C15ULL};
    for (size_t n = 2; n < 3000; n += 1 + n / 3) {
        uint64_t *v = malloc(n * sizeof *v);
        cr_assert_not_null(v);
        for (size_t i = 0; i < n; i++)
            v[i] = next_random(&r);
        check(v, n, "random");
        free(v);
    }
}

Test(sort, values_that_differ_in_one_byte_only)
{
    /* Seven of the eight passes find a single bucket and are skipped. */
    for (int byte = 0; byte < 8; byte++) {
        uint64_t v[300];
        for (size_t i = 0; i < 300; i++)
            v[i] = 0x0123456789ABCDEFULL ^ ((uint64_t)((i * 37) % 256) << (8 * byte));
        check(v, 300, "one byte");
    }
}

Test(sort, duplicates_sorted_and_reversed_input)
{
    uint64_t v[1000];
    for (size_t i = 0; i < 1000; i++)
        v[i] = (uint64_t)(i % 7) << 60 | (i % 3);
    check(v, 1000, "duplicates");
    for (size_t i = 0; i < 1000; i++)
        v[i] = UINT64_MAX - i;
    check(v, 1000, "reversed");
    for (size_t i = 0; i < 1000; i++)
        v[i] = i * 1000003ULL;
    check(v, 1000, "already sorted");
    for (size_t i = 0; i < 1000; i++)
        v[i] = 5;
    check(v, 1000, "all equal");
}
