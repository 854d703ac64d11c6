#include "ingest/parts.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "util/alloc.h"

typedef struct runner {
    pthread_mutex_t lock;
    pthread_cond_t changed;  /* a part's work ended */
    size_t n, next;          /* next part to start */
    bool *done;
    int *result;
    bool stop;
    part_work_fn work;
    void *context;
} runner;

static void *worker(void *arg)
{
    runner *r = arg;
    pthread_mutex_lock(&r->lock);
    while (!r->stop && r->next < r->n) {
        size_t k = r->next++;
        pthread_mutex_unlock(&r->lock);
        int result = r->work(r->context, k);
        pthread_mutex_lock(&r->lock);
        r->result[k] = result;
        r->done[k] = true;
        pthread_cond_broadcast(&r->changed);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

static int run_inline(size_t n, part_work_fn work, part_finish_fn finish, void *context,
                      size_t *finished)
{
    for (size_t k = 0; k < n; k++) {
        int rc = work(context, k);
        if (rc == 0 && finish != NULL)
            rc = finish(context, k);
        if (rc != 0)
            return rc;
        (*finished)++;
    }
    return 0;
}

int parts_run(size_t n, int threads, part_work_fn work, part_finish_fn finish, void *context,
              size_t *finished)
{
    *finished = 0;
    if (threads > (int)n)
        threads = (int)n;
    if (threads <= 1)
        return run_inline(n, work, finish, context, finished);
    runner r = {.n = n, .work = work, .context = context};
    r.done = mem_calloc(n, sizeof *r.done);
    r.result = mem_calloc(n, sizeof *r.result);
    pthread_t *ids = mem_alloc((size_t)threads * sizeof *ids);
    int started = 0;
    int rc = pthread_mutex_init(&r.lock, NULL);
    if (rc == 0 && (rc = pthread_cond_init(&r.changed, NULL)) != 0)
        pthread_mutex_destroy(&r.lock);
    if (rc != 0) {
        free(ids);
        free(r.done);
        free(r.result);
        return run_inline(n, work, finish, context, finished);
    }
    while (started < threads && pthread_create(&ids[started], NULL, worker, &r) == 0)
        started++;
    if (started == 0)
        worker(&r); /* no thread to be had: this one does the work */
    for (size_t k = 0; k < n && rc == 0; k++) {
        pthread_mutex_lock(&r.lock);
        while (!r.done[k])
            pthread_cond_wait(&r.changed, &r.lock);
        rc = r.result[k];
        pthread_mutex_unlock(&r.lock);
        if (rc == 0 && finish != NULL)
            rc = finish(context, k);
        if (rc == 0)
            (*finished)++;
    }
    pthread_mutex_lock(&r.lock);
    r.stop = true;
    pthread_mutex_unlock(&r.lock);
    for (int t = 0; t < started; t++)
        pthread_join(ids[t], NULL);
    pthread_cond_destroy(&r.changed);
    pthread_mutex_destroy(&r.lock);
    free(ids);
    free(r.done);
    free(r.result);
    return rc;
}
