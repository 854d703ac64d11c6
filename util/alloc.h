/* Allocation that never returns NULL: a batch tool has nothing sensible to do without memory,
 * so running out is reported once, clearly, and ends the run with exit status 2. */
#ifndef CBKPI_UTIL_ALLOC_H
#define CBKPI_UTIL_ALLOC_H

#include <stddef.h>

/** Returns n bytes (n may be 0), or ends the program with a message when memory is exhausted. */
void *mem_alloc(size_t n);
/** Returns n zeroed elements of the given size; ends the program on overflow or exhaustion. */
void *mem_calloc(size_t count, size_t size);
/** Resizes p to n bytes; ends the program when memory is exhausted. */
void *mem_realloc(void *p, size_t n);
/** Returns a NUL-terminated copy of the first len bytes of s. */
char *mem_strndup(const char *s, size_t len);
/** Returns a copy of the NUL-terminated string s. */
char *mem_strdup(const char *s);

#endif
