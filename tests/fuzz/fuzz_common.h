/* Helpers shared by the libFuzzer harnesses of tests/fuzz/: a sink that keeps the compiler
 * from dropping reads, checks that abort with a message, and temporary files under /tmp. */
#ifndef CBKPI_TESTS_FUZZ_COMMON_H
#define CBKPI_TESTS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Every byte the harness touches is folded in here; the volatile store keeps the reads. */
static volatile unsigned long fuzz_sink_value;

static inline void fuzz_touch(const void *p, size_t len)
{
    const unsigned char *b = p;
    unsigned long h = fuzz_sink_value;
    for (size_t i = 0; i < len; i++)
        h = h * 31u + b[i];
    fuzz_sink_value = h;
}

static inline void fuzz_touch_string(const char *s)
{
    if (s != NULL)
        fuzz_touch(s, strlen(s) + 1);
}

static inline void fuzz_touch_double(double x)
{
    fuzz_touch(&x, sizeof x);
}

/* A broken invariant: say which, then abort so that libFuzzer keeps the input. */
#define FUZZ_CHECK(cond, ...)                                                                 \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            fprintf(stderr, "%s:%d: fuzz check failed: %s: ", __FILE__, __LINE__, #cond);    \
            fprintf(stderr, __VA_ARGS__);                                                     \
            fputc('\n', stderr);                                                              \
            abort();                                                                          \
        }                                                                                     \
    } while (0)

/* Writes len bytes to a new file /tmp/cbkpi-fuzz-<tag>-XXXXXX; its path goes to path (at
 * least 64 bytes). Aborts when /tmp is unusable: the harness cannot test anything then. */
static inline void fuzz_temp_file(const char *tag, const void *data, size_t len, char *path,
                                  size_t cap)
{
    snprintf(path, cap, "/tmp/cbkpi-fuzz-%s-XXXXXX", tag);
    int fd = mkstemp(path);
    FUZZ_CHECK(fd >= 0, "cannot create a temporary file %s", path);
    const unsigned char *p = data;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);
        FUZZ_CHECK(n > 0, "cannot write %s", path);
        done += (size_t)n;
    }
    FUZZ_CHECK(close(fd) == 0, "cannot close %s", path);
}

#endif
