#include "util/sort.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

void sort_u64(uint64_t *values, size_t n)
{
    if (n < 2)
        return;
    uint64_t *from = values, *to = mem_alloc(n * sizeof *to), *spare = to;
    for (int shift = 0; shift < 64; shift += 8) {
        size_t start[256] = {0};
        for (size_t i = 0; i < n; i++)
            start[(from[i] >> shift) & 0xFF]++;
        if (start[(from[0] >> shift) & 0xFF] == n)
            continue; /* one bucket: this byte does not change the order */
        size_t at = 0;
        for (int b = 0; b < 256; b++) {
            size_t count = start[b];
            start[b] = at;
            at += count;
        }
        for (size_t i = 0; i < n; i++)
            to[start[(from[i] >> shift) & 0xFF]++] = from[i];
        uint64_t *swap = from;
        from = to;
        to = swap;
    }
    if (from != values)
        memcpy(values, from, n * sizeof *values);
    free(spare);
}
