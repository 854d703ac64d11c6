/* What several unit tests need alike: a fixed pseudo-random sequence, so that a failure repeats,
 * a growing NUL-terminated text buffer to write inputs into, and removing a temporary folder. */
#ifndef CBKPI_TESTS_UNIT_TESTKIT_H
#define CBKPI_TESTS_UNIT_TESTKIT_H

#include <criterion/criterion.h>

#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* xorshift64; the state must not start at 0. */
typedef struct rng {
    uint64_t state;
} rng;

static inline uint64_t next_random(rng *r)
{
    r->state ^= r->state << 13;
    r->state ^= r->state >> 7;
    r->state ^= r->state << 17;
    return r->state;
}

/* A number from 0 to n - 1. */
static inline size_t below(rng *r, size_t n)
{
    return (size_t)(next_random(r) % n);
}

/* True per_thousand times in a thousand. */
static inline bool chance(rng *r, unsigned per_thousand)
{
    return below(r, 1000) < per_thousand;
}

typedef struct text {
    char *data;
    size_t len, cap;
} text;

static inline void put_bytes(text *t, const char *bytes, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->data = realloc(t->data, t->cap);
        cr_assert_not_null(t->data);
    }
    memcpy(t->data + t->len, bytes, n);
    t->len += n;
    t->data[t->len] = '\0';
}

static inline void put(text *t, const char *s)
{
    put_bytes(t, s, strlen(s));
}

static inline void putf(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void putf(text *t, const char *fmt, ...)
{
    char buffer[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buffer, sizeof buffer, fmt, ap);
    va_end(ap);
    put_bytes(t, buffer, n < (int)sizeof buffer ? (size_t)n : sizeof buffer - 1);
}

static inline void free_text(text *t)
{
    free(t->data);
    *t = (text){0};
}

/* Deletes a folder and everything below it; a folder that is not there is no error. */
static inline void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof path)
            continue; /* no test makes a path this long */
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

#endif
