#include "util/hasher.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/sha256.h"

struct hasher {
    sha256_ctx ctx;
    bool threaded;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    const void *data;     /* the block waiting to be hashed, NULL when idle */
    size_t len;
    bool quit;
};

static void *hash_blocks(void *arg)
{
    hasher *h = arg;
    pthread_mutex_lock(&h->lock);
    for (;;) {
        while (h->data == NULL && !h->quit)
            pthread_cond_wait(&h->changed, &h->lock);
        if (h->data == NULL)
            break;
        const void *data = h->data;
        size_t len = h->len;
        pthread_mutex_unlock(&h->lock);
        sha256_update(&h->ctx, data, len);
        pthread_mutex_lock(&h->lock);
        h->data = NULL;
        pthread_cond_broadcast(&h->changed);
    }
    pthread_mutex_unlock(&h->lock);
    return NULL;
}

hasher *hasher_start(void)
{
    hasher *h = mem_calloc(1, sizeof *h);
    sha256_init(&h->ctx);
    h->threaded = pthread_mutex_init(&h->lock, NULL) == 0;
    if (h->threaded && pthread_cond_init(&h->changed, NULL) != 0) {
        pthread_mutex_destroy(&h->lock);
        h->threaded = false;
    }
    if (h->threaded && pthread_create(&h->thread, NULL, hash_blocks, h) != 0) {
        /* No thread: hash inline, same result, one core. */
        pthread_cond_destroy(&h->changed);
        pthread_mutex_destroy(&h->lock);
        h->threaded = false;
    }
    return h;
}

static void wait_idle(hasher *h)
{
    while (h->data != NULL)
        pthread_cond_wait(&h->changed, &h->lock);
}

void hasher_submit(hasher *h, const void *data, size_t len)
{
    if (!h->threaded) {
        sha256_update(&h->ctx, data, len);
        return;
    }
    if (len == 0)
        return;
    pthread_mutex_lock(&h->lock);
    wait_idle(h);
    h->data = data;
    h->len = len;
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->lock);
}

void hasher_finish(hasher *h, char hex[65])
{
    if (h->threaded) {
        pthread_mutex_lock(&h->lock);
        wait_idle(h);
        h->quit = true;
        pthread_cond_broadcast(&h->changed);
        pthread_mutex_unlock(&h->lock);
        pthread_join(h->thread, NULL);
        pthread_cond_destroy(&h->changed);
        pthread_mutex_destroy(&h->lock);
    }
    unsigned char digest[32];
    sha256_final(&h->ctx, digest);
    sha256_hex(digest, hex);
    free(h);
}

#define FILE_BLOCK ((size_t)1 << 20)

struct file_hasher {
    char *path;
    bool threaded;
    pthread_t thread;
    unsigned long long bytes;
    int error;            /* errno of a failed open or read, 0 when none */
    char hex[65];
};

static void *hash_file(void *arg)
{
    file_hasher *h = arg;
    FILE *in = fopen(h->path, "rb");
    if (in == NULL) {
        h->error = errno;
        return NULL;
    }
    unsigned char *block = mem_alloc(FILE_BLOCK);
    sha256_ctx ctx;
    sha256_init(&ctx);
    size_t n;
    while ((n = fread(block, 1, FILE_BLOCK, in)) > 0) {
        sha256_update(&ctx, block, n);
        h->bytes += n;
    }
    if (ferror(in))
        h->error = errno ? errno : EIO;
    if (fclose(in) != 0 && h->error == 0)
        h->error = errno;
    unsigned char digest[32];
    sha256_final(&ctx, digest);
    sha256_hex(digest, h->hex);
    free(block);
    return NULL;
}

file_hasher *file_hasher_start(const char *path)
{
    file_hasher *h = mem_calloc(1, sizeof *h);
    h->path = mem_strdup(path);
    h->threaded = pthread_create(&h->thread, NULL, hash_file, h) == 0;
    return h;
}

int file_hasher_finish(file_hasher *h, char hex[65], unsigned long long *bytes, cb_error *err)
{
    if (h->threaded)
        pthread_join(h->thread, NULL);
    else
        hash_file(h); /* no thread to be had: same result, later */
    int rc = 0;
    if (h->error != 0)
        rc = error_set(err, h->path, 0, 0, "cannot read: %s", strerror(h->error));
    memcpy(hex, h->hex, 65);
    *bytes = h->bytes;
    free(h->path);
    free(h);
    return rc;
}
