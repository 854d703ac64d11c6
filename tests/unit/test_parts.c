/* Unit tests of ingest/parts.h: work on any thread, finishes on the caller in part order, and
 * the first failure in part order stops everything after it. Work takes random short times so
 * that parts end out of order; what the callbacks observe is recorded under a lock and checked
 * on the test's own thread once parts_run has returned. */
#include <criterion/criterion.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ingest/parts.h"

#define MAX_N 40
#define NONE SIZE_MAX

typedef struct observed {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    pthread_t caller;
    uint64_t seed;
    size_t fail_work_at[2];       /* parts whose work fails (NONE: not used) */
    size_t fail_finish_at;        /* the part whose finish fails */
    int work_value, finish_value; /* what they return then */
    size_t slow_part;             /* this part's work takes 30 ms (NONE: none) */
    bool wait_for_company;        /* works 0 and 1 wait (1 s at most) until both run at once */

    int work_calls[MAX_N], finish_calls[MAX_N];
    bool work_done[MAX_N];
    size_t order[MAX_N * 2];      /* the parts finished, in call order */
    size_t n_order;
    int in_flight, most_in_flight;
    bool finish_off_caller;       /* a finish ran on another thread than parts_run's caller */
    bool finish_before_work;      /* a finish ran before its part's work had returned */
    bool had_company;
    bool context_lost;            /* a callback got another context than parts_run's */
} observed;

static observed obs;

static void reset(size_t slow_part)
{
    pthread_mutex_destroy(&obs.lock);
    pthread_cond_destroy(&obs.changed);
    memset(&obs, 0, sizeof obs);
    pthread_mutex_init(&obs.lock, NULL);
    pthread_cond_init(&obs.changed, NULL);
    obs.caller = pthread_self();
    obs.fail_work_at[0] = obs.fail_work_at[1] = obs.fail_finish_at = NONE;
    obs.slow_part = slow_part;
}

static void setup(void)
{
    pthread_mutex_init(&obs.lock, NULL);
    pthread_cond_init(&obs.changed, NULL);
    reset(NONE);
}

TestSuite(parts, .init = setup);

static void sleep_us(long us)
{
    struct timespec t = {us / 1000000, (us % 1000000) * 1000};
    nanosleep(&t, NULL);
}

/* A pseudo-random number of microseconds for part k (0..2000), from the seed. */
static long random_us(size_t k)
{
    uint64_t x = obs.seed + 0x9E3779B97F4A7C15ULL * (k + 1);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 29;
    return (long)(x % 2001);
}

static int work(void *context, size_t k)
{
    pthread_mutex_lock(&obs.lock);
    obs.context_lost |= context != &obs;
    obs.work_calls[k]++;
    obs.in_flight++;
    if (obs.in_flight > obs.most_in_flight)
        obs.most_in_flight = obs.in_flight;
    pthread_cond_broadcast(&obs.changed);
    if (obs.wait_for_company && k < 2) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        while (obs.most_in_flight < 2 &&
               pthread_cond_timedwait(&obs.changed, &obs.lock, &until) == 0)
            ;
        obs.had_company |= obs.most_in_flight >= 2;
    }
    pthread_mutex_unlock(&obs.lock);
    sleep_us(k == obs.slow_part ? 30000 : random_us(k));
    pthread_mutex_lock(&obs.lock);
    obs.work_done[k] = true;
    obs.in_flight--;
    pthread_mutex_unlock(&obs.lock);
    return k == obs.fail_work_at[0] || k == obs.fail_work_at[1] ? obs.work_value : 0;
}

static int finish(void *context, size_t k)
{
    pthread_mutex_lock(&obs.lock);
    obs.context_lost |= context != &obs;
    obs.finish_off_caller |= !pthread_equal(pthread_self(), obs.caller);
    obs.finish_before_work |= !obs.work_done[k];
    obs.finish_calls[k]++;
    obs.order[obs.n_order++] = k;
    pthread_mutex_unlock(&obs.lock);
    return k == obs.fail_finish_at ? obs.finish_value : 0;
}

/* After parts_run returned: finishes of exactly parts 0..last_finish (in order, once each, on the
 * caller, each after its work), works of at least parts 0..last_work (each at most once), and no
 * work still running. */
static void expect_calls(size_t n, long last_finish, long last_work, int threads, const char *what)
{
    pthread_mutex_lock(&obs.lock); /* every worker has been joined: just to read consistently */
    observed o = obs;
    pthread_mutex_unlock(&obs.lock);
    cr_assert_eq(o.n_order, (size_t)(last_finish + 1), "%s: %zu finishes, want %ld", what,
                 o.n_order, last_finish + 1);
    for (size_t i = 0; i < o.n_order; i++)
        cr_assert_eq(o.order[i], i, "%s: finish number %zu was for part %zu", what, i, o.order[i]);
    for (size_t k = 0; k < n; k++) {
        cr_assert_leq(o.work_calls[k], 1, "%s: work(%zu) ran %d times", what, k, o.work_calls[k]);
        if ((long)k <= last_work)
            cr_assert_eq(o.work_calls[k], 1, "%s: work(%zu) never ran", what, k);
    }
    cr_assert_not(o.context_lost, "%s: a callback got another context", what);
    cr_assert_not(o.finish_off_caller, "%s: a finish ran on another thread", what);
    cr_assert_not(o.finish_before_work, "%s: a finish ran before its part's work ended", what);
    cr_assert_eq(o.in_flight, 0, "%s: %d works still running after parts_run returned", what,
                 o.in_flight);
    int most = threads < 1 ? 1 : threads;
    cr_assert_leq(o.most_in_flight, most, "%s: %d works at once with %d threads", what,
                  o.most_in_flight, threads);
}

static const int thread_counts[] = {1, 2, 4};

Test(parts, finishes_in_part_order_for_any_thread_count)
{
    static const size_t sizes[] = {1, 2, 3, 8, 17, MAX_N};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (size_t t = 0; t < 3; t++)
            for (uint64_t seed = 1; seed <= 3; seed++) {
                size_t n = sizes[s];
                reset(seed == 3 ? 0 : NONE); /* seed 3: part 0 is the slowest by far */
                obs.seed = seed * 7919 + n;
                size_t finished = 1234;
                int rc = parts_run(n, thread_counts[t], work, finish, &obs, &finished);
                char what[64];
                snprintf(what, sizeof what, "%zu parts, %d threads, seed %llu", n, thread_counts[t],
                         (unsigned long long)seed);
                cr_assert_eq(rc, 0, "%s: returned %d", what, rc);
                cr_assert_eq(finished, n, "%s: finished %zu", what, finished);
                expect_calls(n, (long)n - 1, (long)n - 1, thread_counts[t], what);
            }
}

Test(parts, nothing_to_do)
{
    size_t finished = 99;
    cr_assert_eq(parts_run(0, 4, work, finish, &obs, &finished), 0);
    cr_assert_eq(finished, 0);
    expect_calls(0, -1, -1, 4, "no parts");
}

Test(parts, thread_counts_below_one_work_inline)
{
    for (int threads = -1; threads <= 0; threads++) {
        reset(NONE);
        size_t finished = 0;
        cr_assert_eq(parts_run(5, threads, work, finish, &obs, &finished), 0);
        cr_assert_eq(finished, 5);
        expect_calls(5, 4, 4, 1, "threads below 1");
    }
}

Test(parts, more_threads_than_parts)
{
    size_t finished = 0;
    cr_assert_eq(parts_run(3, 8, work, finish, &obs, &finished), 0);
    cr_assert_eq(finished, 3);
    expect_calls(3, 2, 2, 3, "8 threads, 3 parts");
}

Test(parts, several_threads_work_at_the_same_time)
{
    obs.wait_for_company = true;
    size_t finished = 0;
    cr_assert_eq(parts_run(6, 2, work, finish, &obs, &finished), 0);
    cr_assert_eq(finished, 6);
    cr_assert(obs.had_company, "with 2 threads, works 0 and 1 never ran at the same time");
    expect_calls(6, 5, 5, 2, "company");
}

Test(parts, failed_work_stops_at_that_part)
{
    static const size_t n = 12;
    static const size_t at[] = {0, 1, 5, 11};
    for (size_t t = 0; t < 3; t++)
        for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
            for (int slow = 0; slow < 2; slow++) {
                /* slow: part 0 takes 30 ms, so a later failing part ends long before it. */
                reset(slow ? 0 : NONE);
                obs.seed = 77 + at[i];
                obs.fail_work_at[0] = at[i];
                obs.work_value = 7;
                size_t finished = 1234;
                int rc = parts_run(n, thread_counts[t], work, finish, &obs, &finished);
                char what[80];
                snprintf(what, sizeof what, "work(%zu) fails, %d threads%s", at[i],
                         thread_counts[t], slow ? ", part 0 slow" : "");
                cr_assert_eq(rc, 7, "%s: returned %d", what, rc);
                cr_assert_eq(finished, at[i], "%s: finished %zu", what, finished);
                expect_calls(n, (long)at[i] - 1, (long)at[i], thread_counts[t], what);
            }
}

Test(parts, failed_finish_stops_at_that_part)
{
    static const size_t n = 12;
    static const size_t at[] = {0, 4, 11};
    for (size_t t = 0; t < 3; t++)
        for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
            reset(NONE);
            obs.seed = 5 + at[i];
            obs.fail_finish_at = at[i];
            obs.finish_value = -3;
            size_t finished = 1234;
            int rc = parts_run(n, thread_counts[t], work, finish, &obs, &finished);
            char what[64];
            snprintf(what, sizeof what, "finish(%zu) fails, %d threads", at[i], thread_counts[t]);
            cr_assert_eq(rc, -3, "%s: returned %d", what, rc);
            cr_assert_eq(finished, at[i], "%s: finished %zu", what, finished);
            /* finish(k) itself ran (and failed); none after it. */
            expect_calls(n, (long)at[i], (long)at[i], thread_counts[t], what);
        }
}

Test(parts, first_failure_in_part_order_wins)
{
    for (size_t t = 0; t < 3; t++) {
        /* Works of parts 3 and 8 fail: part 8's, quick, fails before part 3's in time. */
        reset(3);
        obs.fail_work_at[0] = 3;
        obs.fail_work_at[1] = 8;
        obs.work_value = 5;
        size_t finished = 0;
        cr_assert_eq(parts_run(10, thread_counts[t], work, finish, &obs, &finished), 5);
        cr_assert_eq(finished, 3);
        expect_calls(10, 2, 3, thread_counts[t], "works 3 and 8 fail");

        /* finish(2) fails, work(6) fails too: finish(2)'s value. */
        reset(NONE);
        obs.fail_finish_at = 2;
        obs.finish_value = 11;
        obs.fail_work_at[0] = 6;
        obs.work_value = 12;
        cr_assert_eq(parts_run(10, thread_counts[t], work, finish, &obs, &finished), 11);
        cr_assert_eq(finished, 2);
        expect_calls(10, 2, 2, thread_counts[t], "finish 2 and work 6 fail");

        /* work(4) fails, finish(6) would fail: work(4)'s value, no finish from 4 on. */
        reset(NONE);
        obs.fail_finish_at = 6;
        obs.finish_value = 13;
        obs.fail_work_at[0] = 4;
        obs.work_value = 14;
        cr_assert_eq(parts_run(10, thread_counts[t], work, finish, &obs, &finished), 14);
        cr_assert_eq(finished, 4);
        expect_calls(10, 3, 4, thread_counts[t], "work 4 and finish 6 fail");
    }
}
