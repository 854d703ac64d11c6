/* Pure statistics for the KPI workbook: no I/O, no global state, safe to call from any thread.
 * Accumulators are mergeable so that chunks parsed in parallel can be combined afterwards and
 * give the same answer (to rounding) as one sequential pass. */
#ifndef CBKPI_ANALYZE_STATS_H
#define CBKPI_ANALYZE_STATS_H

#include <stdbool.h>
#include <stddef.h>

/* Welford running moments: mean and sum of squared deviations instead of raw sums, because
 * sum/sum_sq cancels catastrophically when the spread is small relative to the mean.
 * A zero-initialised struct ({0}) is an empty accumulator. */
typedef struct stats_moments {
    long long n; /* values added */
    double mean; /* running mean; 0 while n == 0 */
    double m2;   /* sum of squared deviations from the running mean */
} stats_moments;

/** Makes m an empty accumulator (same as zero-initialising it). */
void stats_moments_init(stats_moments *m);

/** Adds one value. Non-finite x (NaN, +-inf) is treated as a missing answer and ignored,
 *  so callers may pass NaN for "no response". */
void stats_moments_add(stats_moments *m, double x);

/** Adds every value seen by src to dst, as if they had been added one by one (Chan et al.);
 *  src is unchanged. dst and src may be the same object (doubles it). */
void stats_moments_merge(stats_moments *dst, const stats_moments *src);

/** Arithmetic mean; NAN when n == 0. */
double stats_moments_mean(const stats_moments *m);

/** Sample standard deviation (n-1 denominator); NAN when n < 2. */
double stats_moments_sd(const stats_moments *m);

/** Quantile of the standard normal distribution at lower-tail probability p, accurate to about
 *  1e-15 relative. -INFINITY for p == 0, INFINITY for p == 1, NAN outside [0,1] or for NaN. */
double stats_normal_quantile(double p);

/** Exact quantile of Student's t distribution with df > 0 degrees of freedom (df need not be an
 *  integer) at lower-tail probability p, accurate to about 1e-12 relative. Same edge values as
 *  stats_normal_quantile; NAN when df <= 0 or df is NaN; df == INFINITY gives the normal. */
double stats_t_quantile(double p, double df);

/** Two-sided t confidence interval for the mean at the given level (e.g. 0.95):
 *  mean +- t((1+confidence)/2, n-1) * sd / sqrt(n). Returns false, leaving *low and *high
 *  untouched, when n < 2 or confidence is not strictly between 0 and 1. */
bool stats_mean_ci(const stats_moments *m, double confidence, double *low, double *high);

/** Wilson score interval for a proportion successes/n at the given level, clamped to [0,1]
 *  (exactly 0 when successes == 0, exactly 1 when successes == n). Returns false, leaving the
 *  outputs untouched, when n <= 0, successes is outside [0,n] or confidence is not in (0,1). */
bool stats_wilson(long long successes, long long n, double confidence, double *low,
                  double *high);

/** Median of ratings given as counts per scale point (counts[i] counts rating scale_min+i);
 *  with an even total it is the mean of the two middle ratings. NAN when the total is 0, any
 *  count is negative, or scale_max < scale_min. */
double stats_median_from_counts(const long long *counts, int scale_min, int scale_max);

/** Share (0..1) of ratings on the two highest scale points (the single point when the scale
 *  has only one). Same NAN cases as stats_median_from_counts. */
double stats_top2_share(const long long *counts, int scale_min, int scale_max);

/* Streaming Cronbach's alpha over complete respondents: O(k) memory (per-item and total
 * moments), mergeable like stats_moments. */
typedef struct stats_alpha stats_alpha;

/** New empty accumulator for k >= 1 items; NULL when k < 1 or memory is exhausted. */
stats_alpha *stats_alpha_new(int k);

/** Adds one respondent's k ratings. A row with any non-finite rating is not complete and is
 *  ignored as a whole, so that every item variance and the total variance use the same people. */
void stats_alpha_add(stats_alpha *a, const double *ratings);

/** Adds all respondents of src to dst as if added one by one. Does nothing when the two
 *  were created for different k (mixing scales would give a meaningless alpha). */
void stats_alpha_merge(stats_alpha *dst, const stats_alpha *src);

/** alpha = k/(k-1) * (1 - sum of item variances / variance of the row totals), sample
 *  variances. NAN when k < 2, n < 2 or the totals have zero variance. May be negative. */
double stats_alpha_value(const stats_alpha *a);

/** Number of complete respondents added (0 for NULL). */
long long stats_alpha_n(const stats_alpha *a);

/** Releases a; NULL is allowed. */
void stats_alpha_free(stats_alpha *a);

#endif
