/* Sorting of 64-bit values in linear time, for the hashes of millions of keys. */
#ifndef CBKPI_UTIL_SORT_H
#define CBKPI_UTIL_SORT_H

#include <stddef.h>
#include <stdint.h>

/** Sorts values[0..n) in ascending order (a least-significant-byte radix sort: eight passes over
 *  the values, each skipped when every value has the same byte there). */
void sort_u64(uint64_t *values, size_t n);

#endif
