#include <criterion/criterion.h>

#include <math.h>
#include <stdint.h>

#include "analyze/stats.h"

/* Tolerance is relative for large expected values and absolute near zero. */
#define assert_close(actual, expected, tol)                                                    \
    do {                                                                                       \
        double a_ = (actual);                                                                  \
        double e_ = (expected);                                                                \
        cr_assert(fabs(a_ - e_) <= (tol) * fmax(1.0, fabs(e_)), "%s = %.17g, expected %.17g", \
                  #actual, a_, e_);                                                            \
    } while (0)

#define T_PI 3.14159265358979323846

/* Small deterministic generator so the merge tests are reproducible without rand(). */
static uint64_t lcg_next(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return *state >> 11;
}

static double lcg_uniform(uint64_t *state)
{
    return (double)lcg_next(state) / 9007199254740992.0; /* 2^53 */
}

/* ------------------------------------------------------------ moments */

Test(stats_moments, empty_is_nan)
{
    stats_moments m = {0};
    cr_assert(isnan(stats_moments_mean(&m)));
    cr_assert(isnan(stats_moments_sd(&m)));
    double lo = -1, hi = -1;
    cr_assert(!stats_mean_ci(&m, 0.95, &lo, &hi));
    cr_assert(lo == -1 && hi == -1, "outputs must be left untouched");
}

Test(stats_moments, missing_values_are_ignored)
{
    /* All answers missing: NaN in, still n == 0 and NaN out. */
    stats_moments m;
    stats_moments_init(&m);
    stats_moments_add(&m, NAN);
    stats_moments_add(&m, NAN);
    cr_assert_eq(m.n, 0);
    cr_assert(isnan(stats_moments_mean(&m)));

    /* 2, NaN, 4 -> the NaN does not count: n = 2, mean 3. */
    stats_moments_add(&m, 2.0);
    stats_moments_add(&m, NAN);
    stats_moments_add(&m, 4.0);
    cr_assert_eq(m.n, 2);
    assert_close(stats_moments_mean(&m), 3.0, 1e-15);
}

Test(stats_moments, single_value)
{
    /* n = 1: the mean is the value; SD needs n-1 > 0, so NaN; no CI. */
    stats_moments m = {0};
    stats_moments_add(&m, 7.0);
    assert_close(stats_moments_mean(&m), 7.0, 1e-15);
    cr_assert(isnan(stats_moments_sd(&m)));
    double lo, hi;
    cr_assert(!stats_mean_ci(&m, 0.95, &lo, &hi));
}

Test(stats_moments, two_values)
{
    /* 2, 4: mean 3; squared deviations 1 + 1 = 2 over n-1 = 1 -> SD sqrt(2).
     * CI half-width t(0.975,1) * sqrt(2)/sqrt(2) = 12.706204736174698. */
    stats_moments m = {0};
    stats_moments_add(&m, 2.0);
    stats_moments_add(&m, 4.0);
    assert_close(stats_moments_mean(&m), 3.0, 1e-15);
    assert_close(stats_moments_sd(&m), sqrt(2.0), 1e-15);
    double lo, hi;
    cr_assert(stats_mean_ci(&m, 0.95, &lo, &hi));
    assert_close(lo, 3.0 - 12.706204736174698, 1e-12);
    assert_close(hi, 3.0 + 12.706204736174698, 1e-12);
}

Test(stats_moments, small_data_set)
{
    /* 3,4,5,4,4: mean 20/5 = 4; deviations -1,0,1,0,0 -> SS 2, variance 2/4 = 0.5,
     * SD sqrt(0.5) = 0.7071067811865476. Half-width of the 95% CI:
     * t(0.975,4) * sqrt(0.5)/sqrt(5) = 2.7764451051977934 * sqrt(0.1)
     *                                = 2.7764451051977934 * 0.31622776601683794
     *                                = 0.8779890330850828. */
    const double v[] = {3, 4, 5, 4, 4};
    stats_moments m = {0};
    for (int i = 0; i < 5; i++)
        stats_moments_add(&m, v[i]);
    assert_close(stats_moments_mean(&m), 4.0, 1e-15);
    assert_close(stats_moments_sd(&m), sqrt(0.5), 1e-15);
    double lo, hi;
    cr_assert(stats_mean_ci(&m, 0.95, &lo, &hi));
    assert_close(lo, 4.0 - 0.8779890330850828, 1e-12);
    assert_close(hi, 4.0 + 0.8779890330850828, 1e-12);
    assert_close(hi - 4.0, 2.7764451051977934 * sqrt(0.5) / sqrt(5.0), 1e-12);
}

Test(stats_moments, constant_data_has_zero_sd)
{
    stats_moments m = {0};
    for (int i = 0; i < 10; i++)
        stats_moments_add(&m, 0.1);
    cr_assert(stats_moments_sd(&m) >= 0.0);
    assert_close(stats_moments_sd(&m), 0.0, 1e-15);
    double lo, hi;
    cr_assert(stats_mean_ci(&m, 0.95, &lo, &hi));
    assert_close(lo, 0.1, 1e-15);
    assert_close(hi, 0.1, 1e-15);
}

Test(stats_moments, ci_rejects_bad_confidence)
{
    stats_moments m = {0};
    stats_moments_add(&m, 1.0);
    stats_moments_add(&m, 2.0);
    double lo, hi;
    cr_assert(!stats_mean_ci(&m, 0.0, &lo, &hi));
    cr_assert(!stats_mean_ci(&m, 1.0, &lo, &hi));
    cr_assert(!stats_mean_ci(&m, NAN, &lo, &hi));
}

/* Reference: plain two-pass mean and SD. */
static void two_pass(const double *v, int n, double *mean, double *sd)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += v[i];
    *mean = s / n;
    double ss = 0.0;
    for (int i = 0; i < n; i++)
        ss += (v[i] - *mean) * (v[i] - *mean);
    *sd = sqrt(ss / (n - 1));
}

Test(stats_moments, merge_equals_sequential_and_two_pass)
{
    enum { N = 1000 };
    static double v[N];
    uint64_t st = 42;
    /* Offset 1e6 with spread ~2: the naive sum/sum_sq formula would lose about half the
     * digits here; the accumulator must not. */
    for (int i = 0; i < N; i++)
        v[i] = 1e6 + 1.0 + 6.0 * lcg_uniform(&st);

    stats_moments seq = {0};
    for (int i = 0; i < N; i++)
        stats_moments_add(&seq, v[i]);

    /* Chunks of uneven size, including an empty one, merged in order. */
    const int cuts[] = {0, 0, 1, 18, 318, 999, N};
    stats_moments merged = {0};
    for (int c = 0; c + 1 < (int)(sizeof cuts / sizeof cuts[0]); c++) {
        stats_moments part = {0};
        for (int i = cuts[c]; i < cuts[c + 1]; i++)
            stats_moments_add(&part, v[i]);
        stats_moments_merge(&merged, &part);
    }

    double mean, sd;
    two_pass(v, N, &mean, &sd);
    cr_assert_eq(merged.n, N);
    assert_close(stats_moments_mean(&seq), mean, 1e-14);
    assert_close(stats_moments_mean(&merged), mean, 1e-14);
    cr_assert(fabs(stats_moments_sd(&seq) / sd - 1.0) < 1e-9, "sd %.17g vs %.17g",
              stats_moments_sd(&seq), sd);
    cr_assert(fabs(stats_moments_sd(&merged) / sd - 1.0) < 1e-9, "sd %.17g vs %.17g",
              stats_moments_sd(&merged), sd);
}

Test(stats_moments, merge_plain_scale_to_1e12)
{
    enum { N = 500 };
    static double v[N];
    uint64_t st = 7;
    for (int i = 0; i < N; i++)
        v[i] = (double)(1 + lcg_next(&st) % 7); /* ratings 1..7 */
    stats_moments a = {0}, b = {0}, all = {0};
    for (int i = 0; i < N; i++) {
        stats_moments_add(i < 123 ? &a : &b, v[i]);
        stats_moments_add(&all, v[i]);
    }
    stats_moments_merge(&a, &b);
    double mean, sd;
    two_pass(v, N, &mean, &sd);
    assert_close(stats_moments_mean(&a), mean, 1e-12);
    assert_close(stats_moments_sd(&a), sd, 1e-12);
    assert_close(stats_moments_mean(&all), mean, 1e-12);
    assert_close(stats_moments_sd(&all), sd, 1e-12);
}

Test(stats_moments, merge_with_empty_and_self)
{
    stats_moments a = {0}, empty = {0};
    stats_moments_add(&a, 1.0);
    stats_moments_add(&a, 3.0);
    stats_moments_merge(&a, &empty);
    cr_assert_eq(a.n, 2);
    stats_moments_merge(&empty, &a);
    cr_assert_eq(empty.n, 2);
    assert_close(stats_moments_mean(&empty), 2.0, 1e-15);

    /* Merging with itself: 1,3,1,3 -> mean 2, SS 4, variance 4/3. */
    stats_moments_merge(&a, &a);
    cr_assert_eq(a.n, 4);
    assert_close(stats_moments_mean(&a), 2.0, 1e-15);
    assert_close(stats_moments_sd(&a), sqrt(4.0 / 3.0), 1e-15);
}

/* ---------------------------------------------------------- quantiles */

Test(stats_quantile, normal_known_values)
{
    assert_close(stats_normal_quantile(0.975), 1.959963984540054, 1e-14);
    assert_close(stats_normal_quantile(0.025), -1.959963984540054, 1e-14);
    assert_close(stats_normal_quantile(0.5), 0.0, 1e-16);
    /* Phi(1) = 0.8413447460685429, Phi(-3) = 0.0013498980316300946 */
    assert_close(stats_normal_quantile(0.8413447460685429), 1.0, 1e-12);
    assert_close(stats_normal_quantile(0.0013498980316300946), -3.0, 1e-12);
    cr_assert(isinf(stats_normal_quantile(0.0)) && stats_normal_quantile(0.0) < 0);
    cr_assert(isinf(stats_normal_quantile(1.0)) && stats_normal_quantile(1.0) > 0);
    cr_assert(isnan(stats_normal_quantile(-0.1)));
    cr_assert(isnan(stats_normal_quantile(1.1)));
    cr_assert(isnan(stats_normal_quantile(NAN)));
}

Test(stats_quantile, normal_round_trips_through_erfc)
{
    for (double p = 1e-300; p < 1.0; p = p < 0.01 ? p * 10.0 : p + 0.01) {
        double x = stats_normal_quantile(p);
        double back = 0.5 * erfc(-x / sqrt(2.0));
        /* A relative error e in x shows up as about x^2 e in the tail probability. */
        cr_assert(fabs(back / p - 1.0) < 4e-15 * (1.0 + x * x), "p=%g x=%.17g back=%.17g", p, x,
                  back);
    }
}

Test(stats_quantile, t_known_values)
{
    const struct {
        double df, t;
    } cases[] = {
        {1, 12.706204736174698},   {2, 4.302652729749464},    {3, 3.182446305284263},
        {4, 2.7764451051977934},   {9, 2.2621571627982053},   {29, 2.045229642132703},
        {120, 1.9799304050824413}, {1000, 1.9623390808264078},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double t = stats_t_quantile(0.975, cases[i].df);
        cr_assert(fabs(t - cases[i].t) <= 1e-9, "df=%g: %.17g, expected %.17g", cases[i].df,
                  t, cases[i].t);
        /* Symmetry: the lower quantile is the negated upper one. */
        assert_close(stats_t_quantile(0.025, cases[i].df), -cases[i].t, 1e-9);
    }
}

Test(stats_quantile, t_closed_forms)
{
    /* df = 1 is the Cauchy distribution: t = tan(pi (p - 1/2)) = -1/tan(pi p); the second
     * form (with 1-p above 1/2) avoids rounding pi (p - 1/2) near the poles.
     * df = 2 has t = (2p - 1) / sqrt(2 p (1 - p)). */
    const double ps[] = {1e-12, 1e-6, 0.001, 0.01, 0.1, 0.3, 0.45, 0.55, 0.7, 0.9, 0.99, 0.999};
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
        double p = ps[i];
        double cauchy = p < 0.5 ? -1.0 / tan(T_PI * p) : 1.0 / tan(T_PI * (1.0 - p));
        double t1 = stats_t_quantile(p, 1.0);
        cr_assert(fabs(t1 / cauchy - 1.0) < 1e-11, "df=1 p=%g: %.17g vs %.17g", p, t1, cauchy);
        double two = (2.0 * p - 1.0) / sqrt(2.0 * p * (1.0 - p));
        double t2 = stats_t_quantile(p, 2.0);
        cr_assert(fabs(t2 / two - 1.0) < 1e-11, "df=2 p=%g: %.17g vs %.17g", p, t2, two);
    }
}

Test(stats_quantile, t_large_and_odd_df)
{
    /* Far beyond the expansion switch the t quantile must approach the normal one. */
    assert_close(stats_t_quantile(0.975, 1e12), 1.959963984540054, 1e-11);
    assert_close(stats_t_quantile(0.975, INFINITY), 1.959963984540054, 1e-14);
    /* Both sides of the switch to the asymptotic expansion agree (t is smooth in df). */
    double below = stats_t_quantile(0.975, 1e5);
    double above = stats_t_quantile(0.975, 1e5 * (1.0 + 1e-9));
    cr_assert(fabs(below - above) < 1e-12, "%.17g vs %.17g", below, above);
    /* Monotone in df and larger than the normal for finite df. */
    double prev = INFINITY;
    for (double df = 0.5; df < 1e7; df *= 1.7) {
        double t = stats_t_quantile(0.975, df);
        cr_assert(t < prev && t > 1.959963984540054, "df=%g t=%.17g", df, t);
        prev = t;
    }
}

Test(stats_quantile, t_edges)
{
    cr_assert(stats_t_quantile(0.5, 3.0) == 0.0);
    cr_assert(isinf(stats_t_quantile(1.0, 3.0)) && stats_t_quantile(1.0, 3.0) > 0);
    cr_assert(isinf(stats_t_quantile(0.0, 3.0)) && stats_t_quantile(0.0, 3.0) < 0);
    cr_assert(isnan(stats_t_quantile(0.975, 0.0)));
    cr_assert(isnan(stats_t_quantile(0.975, -1.0)));
    cr_assert(isnan(stats_t_quantile(0.975, NAN)));
    cr_assert(isnan(stats_t_quantile(1.5, 3.0)));
}

/* ------------------------------------------------------------- Wilson */

/* z = 1.959963984540054, z^2 = 3.8414588206941254. Wilson:
 * (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n). */

Test(stats_wilson, none_of_ten)
{
    /* p = 0, n = 10: z^2/n = 0.38414588206941254, denominator 1.3841458820694126.
     * centre z^2/2n = 0.19207294103470626, margin z sqrt(z^2/400) = z^2/20 = the same,
     * so low = 0 and high = 0.38414588206941254 / 1.3841458820694126 = 0.2775327998628892. */
    double lo, hi;
    cr_assert(stats_wilson(0, 10, 0.95, &lo, &hi));
    cr_assert(lo == 0.0, "low %.17g", lo);
    assert_close(hi, 0.2775327998628892, 1e-12);
}

Test(stats_wilson, all_of_ten)
{
    /* p = 1: centre 1.19207294103470626, margin 0.19207294103470626 as above, so
     * low = 1 / 1.3841458820694126 = 0.7224672001371106 (= 1 - 0.2775327998628892 by
     * symmetry) and high = (centre + margin) / denominator = 1. */
    double lo, hi;
    cr_assert(stats_wilson(10, 10, 0.95, &lo, &hi));
    assert_close(lo, 0.7224672001371106, 1e-12);
    cr_assert(hi == 1.0, "high %.17g", hi);
}

Test(stats_wilson, three_of_ten)
{
    /* p = 0.3: centre 0.3 + 0.19207294103470626 = 0.49207294103470626;
     * inside the root 0.21/10 + 3.8414588206941254/400 = 0.021 + 0.009603647051735314
     *                = 0.030603647051735314, root 0.17493898094..., margin 0.3428741021312318.
     * low  = (0.49207294103470626 - 0.3428741021312318) / 1.3841458820694126 = 0.10779126740630099
     * high = (0.49207294103470626 + 0.3428741021312318) / 1.3841458820694126 = 0.6032218525388546 */
    double lo, hi;
    cr_assert(stats_wilson(3, 10, 0.95, &lo, &hi));
    assert_close(lo, 0.10779126740630099, 1e-12);
    assert_close(hi, 0.6032218525388546, 1e-12);
}

Test(stats_wilson, quarter_of_hundred)
{
    /* p = 0.25, n = 100: z^2/n = 0.038414588206941254, denominator 1.0384145882069413,
     * centre 0.25 + 0.019207294103470627 = 0.2692072941034706;
     * inside 0.1875/100 + 3.8414588206941254/40000 = 0.001875 + 0.0000960364705173531
     *        = 0.001971036470517353, margin z * 0.04439635650... = 0.08701525978573357.
     * low  = 0.18219203431773703 / 1.0384145882069413 = 0.17545211362287674
     * high = 0.35622255388920417 / 1.0384145882069413 = 0.34304463548061603 */
    double lo, hi;
    cr_assert(stats_wilson(25, 100, 0.95, &lo, &hi));
    assert_close(lo, 0.17545211362287674, 1e-12);
    assert_close(hi, 0.34304463548061603, 1e-12);
}

Test(stats_wilson, rejects_bad_input)
{
    double lo = -1, hi = -1;
    cr_assert(!stats_wilson(0, 0, 0.95, &lo, &hi));
    cr_assert(!stats_wilson(-1, 10, 0.95, &lo, &hi));
    cr_assert(!stats_wilson(11, 10, 0.95, &lo, &hi));
    cr_assert(!stats_wilson(5, 10, 1.0, &lo, &hi));
    cr_assert(!stats_wilson(5, 10, 0.0, &lo, &hi));
    cr_assert(lo == -1 && hi == -1, "outputs must be left untouched");
}

Test(stats_wilson, stays_in_unit_interval)
{
    for (long long n = 1; n <= 60; n++)
        for (long long s = 0; s <= n; s++) {
            double lo, hi;
            cr_assert(stats_wilson(s, n, 0.99, &lo, &hi));
            double p = (double)s / (double)n;
            cr_assert(lo >= 0.0 && hi <= 1.0 && lo <= p && p <= hi, "s=%lld n=%lld", s, n);
        }
}

/* ------------------------------------------------ counts per scale point */

Test(stats_counts, median_and_top2_on_1_to_7)
{
    /* counts for ratings 1..7: {1,0,2,3,0,4,2} -> sorted 1,3,3,4,4,4,6,6,6,6,7,7 (12).
     * Middle two are the 6th (4) and 7th (6): median (4+6)/2 = 5.
     * Top-2 box = ratings 6 and 7 = (4+2)/12 = 0.5. */
    const long long c[7] = {1, 0, 2, 3, 0, 4, 2};
    assert_close(stats_median_from_counts(c, 1, 7), 5.0, 1e-15);
    assert_close(stats_top2_share(c, 1, 7), 0.5, 1e-15);
}

Test(stats_counts, odd_total)
{
    /* 3,4,5 -> median 4; nobody in 6-7 -> top-2 = 0. */
    const long long c[7] = {0, 0, 1, 1, 1, 0, 0};
    assert_close(stats_median_from_counts(c, 1, 7), 4.0, 1e-15);
    assert_close(stats_top2_share(c, 1, 7), 0.0, 1e-15);

    /* 0..10 scale, ratings 9 x3 and 10 x2 and 2 x2: sorted 2,2,9,9,9,10,10 -> median 9,
     * top-2 = 5/7. */
    long long d[11] = {0};
    d[2] = 2;
    d[9] = 3;
    d[10] = 2;
    assert_close(stats_median_from_counts(d, 0, 10), 9.0, 1e-15);
    assert_close(stats_top2_share(d, 0, 10), 5.0 / 7.0, 1e-15);
}

Test(stats_counts, empty_and_invalid)
{
    const long long zero[5] = {0};
    cr_assert(isnan(stats_median_from_counts(zero, 1, 5)));
    cr_assert(isnan(stats_top2_share(zero, 1, 5)));
    const long long neg[5] = {1, -1, 2, 0, 0};
    cr_assert(isnan(stats_median_from_counts(neg, 1, 5)));
    cr_assert(isnan(stats_top2_share(neg, 1, 5)));
    cr_assert(isnan(stats_median_from_counts(zero, 5, 1)));
}

Test(stats_counts, single_point_scale)
{
    const long long one[1] = {4};
    assert_close(stats_median_from_counts(one, 3, 3), 3.0, 1e-15);
    assert_close(stats_top2_share(one, 3, 3), 1.0, 1e-15);
}

/* ------------------------------------------------------- Cronbach alpha */

/* 4 respondents x 3 items (row totals on the right):
 *   4 5 4 | 13
 *   2 3 3 |  8
 *   5 5 4 | 14
 *   3 3 2 |  8
 * item 1: mean 3.5,  SS 0.25+2.25+2.25+0.25         = 5     -> var 5/3
 * item 2: mean 4,    SS 1+1+1+1                     = 4     -> var 4/3
 * item 3: mean 3.25, SS 0.5625+0.0625+0.5625+1.5625 = 2.75  -> var 2.75/3
 * totals: mean 10.75, SS 5.0625+7.5625+10.5625+7.5625 = 30.75 -> var 30.75/3
 * alpha = 3/2 * (1 - 11.75/30.75) = 1.5 * 19/30.75 = 28.5/30.75 = 38/41 = 0.926829268292683 */
static const double alpha_rows[4][3] = {{4, 5, 4}, {2, 3, 3}, {5, 5, 4}, {3, 3, 2}};

Test(stats_alpha, worked_matrix)
{
    stats_alpha *a = stats_alpha_new(3);
    cr_assert_not_null(a);
    for (int r = 0; r < 4; r++)
        stats_alpha_add(a, alpha_rows[r]);
    cr_assert_eq(stats_alpha_n(a), 4);
    assert_close(stats_alpha_value(a), 38.0 / 41.0, 1e-14);
    stats_alpha_free(a);
}

Test(stats_alpha, incomplete_rows_are_skipped)
{
    stats_alpha *a = stats_alpha_new(3);
    cr_assert_not_null(a);
    const double partial[3] = {1, NAN, 5};
    for (int r = 0; r < 4; r++) {
        stats_alpha_add(a, alpha_rows[r]);
        stats_alpha_add(a, partial);
    }
    cr_assert_eq(stats_alpha_n(a), 4);
    assert_close(stats_alpha_value(a), 38.0 / 41.0, 1e-14);
    stats_alpha_free(a);
}

Test(stats_alpha, merge_equals_sequential)
{
    enum { K = 5, N = 300 };
    stats_alpha *seq = stats_alpha_new(K);
    stats_alpha *p1 = stats_alpha_new(K);
    stats_alpha *p2 = stats_alpha_new(K);
    stats_alpha *p3 = stats_alpha_new(K);
    cr_assert(seq && p1 && p2 && p3);
    uint64_t st = 99;
    for (int r = 0; r < N; r++) {
        /* Correlated items: a respondent level plus item noise, clipped to 1..7. */
        double level = 1.0 + 6.0 * lcg_uniform(&st);
        double row[K];
        for (int i = 0; i < K; i++) {
            double v = round(level + 2.0 * (lcg_uniform(&st) - 0.5));
            row[i] = v < 1 ? 1 : v > 7 ? 7 : v;
        }
        stats_alpha_add(seq, row);
        stats_alpha_add(r < 10 ? p1 : r < 200 ? p2 : p3, row);
    }
    stats_alpha_merge(p1, p2);
    stats_alpha_merge(p1, p3);
    cr_assert_eq(stats_alpha_n(p1), N);
    double want = stats_alpha_value(seq);
    cr_assert(want > 0.5 && want < 1.0, "alpha %.17g", want);
    assert_close(stats_alpha_value(p1), want, 1e-12);

    /* Merging the worked matrix in halves gives the hand value too. */
    stats_alpha *h1 = stats_alpha_new(3);
    stats_alpha *h2 = stats_alpha_new(3);
    cr_assert(h1 && h2);
    stats_alpha_add(h1, alpha_rows[0]);
    stats_alpha_add(h2, alpha_rows[1]);
    stats_alpha_add(h2, alpha_rows[2]);
    stats_alpha_add(h2, alpha_rows[3]);
    stats_alpha_merge(h1, h2);
    assert_close(stats_alpha_value(h1), 38.0 / 41.0, 1e-14);

    /* Different k: merge must leave dst alone. */
    stats_alpha_merge(h1, seq);
    cr_assert_eq(stats_alpha_n(h1), 4);

    stats_alpha_free(seq);
    stats_alpha_free(p1);
    stats_alpha_free(p2);
    stats_alpha_free(p3);
    stats_alpha_free(h1);
    stats_alpha_free(h2);
}

Test(stats_alpha, undefined_cases)
{
    cr_assert_null(stats_alpha_new(0));
    cr_assert_null(stats_alpha_new(-3));
    cr_assert_eq(stats_alpha_n(NULL), 0);
    stats_alpha_free(NULL);

    /* k = 1: alpha is not defined. */
    stats_alpha *one = stats_alpha_new(1);
    cr_assert_not_null(one);
    const double x[1] = {3}, y[1] = {5};
    stats_alpha_add(one, x);
    stats_alpha_add(one, y);
    cr_assert(isnan(stats_alpha_value(one)));
    stats_alpha_free(one);

    /* n = 1, then zero variance of totals. */
    stats_alpha *a = stats_alpha_new(2);
    cr_assert_not_null(a);
    const double r[2] = {4, 4};
    stats_alpha_add(a, r);
    cr_assert(isnan(stats_alpha_value(a)));
    stats_alpha_add(a, r);
    cr_assert(isnan(stats_alpha_value(a)));
    stats_alpha_free(a);
}

Test(stats_alpha, negative_when_items_disagree)
{
    /* Two items that move in opposite directions: rows (1,3),(3,1) -> item vars 2 and 2,
     * totals 4,4 -> var 0 -> NaN.
     * Rows (1,3),(3,1),(2,3): item1 1,3,2 var 1; item2 3,1,3 var 4/3; totals 4,4,5 var 1/3;
     * alpha = 2 * (1 - (7/3)/(1/3)) = 2 * (1 - 7) = -12. */
    stats_alpha *a = stats_alpha_new(2);
    cr_assert_not_null(a);
    const double r1[2] = {1, 3}, r2[2] = {3, 1}, r3[2] = {2, 3};
    stats_alpha_add(a, r1);
    stats_alpha_add(a, r2);
    cr_assert(isnan(stats_alpha_value(a)));
    stats_alpha_add(a, r3);
    assert_close(stats_alpha_value(a), -12.0, 1e-12);
    stats_alpha_free(a);
}
