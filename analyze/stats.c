#include "analyze/stats.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* Strict C11 has no STATS_PI. */
#define STATS_PI 3.14159265358979323846

/* Degrees of freedom above which the t quantile uses its asymptotic expansion. */
#define STATS_T_EXPANSION_DF 1e5

/* ---------------------------------------------------------------- moments */

void stats_moments_init(stats_moments *m)
{
    m->n = 0;
    m->mean = 0.0;
    m->m2 = 0.0;
}

void stats_moments_add(stats_moments *m, double x)
{
    if (!isfinite(x))
        return;
    m->n++;
    double delta = x - m->mean;
    m->mean += delta / (double)m->n;
    /* Uses the deviation from both the old and the new mean; this is what keeps m2 exact
     * to rounding without a second pass. */
    m->m2 += delta * (x - m->mean);
}

void stats_moments_merge(stats_moments *dst, const stats_moments *src)
{
    /* Copy first so that dst == src works. */
    stats_moments s = *src;
    if (s.n == 0)
        return;
    if (dst->n == 0) {
        *dst = s;
        return;
    }
    double na = (double)dst->n;
    double nb = (double)s.n;
    double n = na + nb;
    double delta = s.mean - dst->mean;
    dst->mean += delta * (nb / n);
    dst->m2 += s.m2 + delta * delta * (na * nb / n);
    dst->n += s.n;
}

double stats_moments_mean(const stats_moments *m)
{
    return m->n > 0 ? m->mean : NAN;
}

static double moments_var(const stats_moments *m)
{
    if (m->n < 2)
        return NAN;
    /* Rounding can leave m2 a hair below zero when all values are equal. */
    double v = m->m2 / (double)(m->n - 1);
    return v > 0.0 ? v : 0.0;
}

double stats_moments_sd(const stats_moments *m)
{
    return sqrt(moments_var(m));
}

/* ------------------------------------------------------- normal quantile */

double stats_normal_quantile(double p)
{
    if (isnan(p) || p < 0.0 || p > 1.0)
        return NAN;
    if (p == 0.0)
        return -INFINITY;
    if (p == 1.0)
        return INFINITY;

    /* Work in the lower tail: 1-p is exact for p >= 0.5 (Sterbenz), and the refinement
     * below needs a small target to keep its relative accuracy. */
    bool upper = p > 0.5;
    double q = upper ? 1.0 - p : p;

    /* Rational approximations of P. J. Acklam (relative error about 1.2e-9). */
    static const double a[6] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                -2.759285104469687e+02, 1.383577518672690e+02,
                                -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[5] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                -1.556989798598866e+02, 6.680131188771972e+01,
                                -1.328068155288572e+01};
    static const double c[6] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                -2.400758277161838e+00, -2.549732539343734e+00,
                                4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[4] = {7.784695709041462e-03, 3.224671290700398e-01,
                                2.445134137142996e+00, 3.754408661907416e+00};
    double x;
    if (q < 0.02425) {
        double r = sqrt(-2.0 * log(q));
        x = (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) /
            ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1.0);
    } else {
        double u = q - 0.5;
        double r = u * u;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * u /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    }

    /* One Halley step against the exact CDF takes the 1e-9 starting error to the limit of
     * double precision. The residual is formed so that it does not cancel: erfc keeps full
     * relative accuracy in the tail, and near the centre q - 0.5 is exact and erf(x) is
     * accurate for tiny x, where 0.5*erfc(...) - q would lose the digits of a tiny x. */
    double e;
    if (q >= 0.25)
        e = 0.5 * erf(x / sqrt(2.0)) - (q - 0.5);
    else
        e = 0.5 * erfc(-x / sqrt(2.0)) - q;
    double u = e * sqrt(2.0 * STATS_PI) * exp(0.5 * x * x);
    if (isfinite(u))
        x = x - u / (1.0 + 0.5 * x * u);

    return upper ? -x : x;
}

/* ------------------------------------------------- incomplete beta and t */

/* Stirling remainder lgamma(x) - [(x-0.5)ln x - x + ln(2 pi)/2]; for x >= 20 the omitted
 * terms are below 1e-17. */
static double stirling_tail(double x)
{
    double r = 1.0 / x;
    double r2 = r * r;
    return r * (1.0 / 12.0 -
                r2 * (1.0 / 360.0 - r2 * (1.0 / 1260.0 - r2 * (1.0 / 1680.0 - r2 / 1188.0))));
}

/* Own log-gamma for x > 0: glibc's lgamma writes the global signgam, which would make these
 * functions racy when parsing runs in parallel. */
static double log_gamma(double x)
{
    double prod = 1.0;
    while (x < 20.0) {
        prod *= x;
        x += 1.0;
    }
    double shift = log(prod);
    return (x - 0.5) * log(x) - x + 0.5 * log(2.0 * STATS_PI) + stirling_tail(x) - shift;
}

/* ln B(a,b). For a large, lgamma(a+b) - lgamma(a) is taken in a form without the huge
 * cancellation of two lgamma values near a ln a; without this, df of 1e5 already costs
 * four digits in the t quantile. */
static double log_beta(double a, double b)
{
    if (a < b) {
        double t = a;
        a = b;
        b = t;
    }
    if (a < 20.0)
        return log_gamma(a) + log_gamma(b) - log_gamma(a + b);
    double ratio = (a + b - 0.5) * log1p(b / a) + b * log(a) - b + stirling_tail(a + b) -
                   stirling_tail(a);
    return log_gamma(b) - ratio;
}

/* I_x(a,b) by its continued fraction, accurate when x < (a+1)/(a+b+2). y is 1-x and the logs
 * are passed in so that callers can keep full relative accuracy in whichever of x, y is small. */
static double ibeta_cf(double a, double b, double x, double logx, double logy)
{
    double front = exp(a * logx + b * logy - log_beta(a, b)) / a;
    if (front == 0.0)
        return 0.0;

    /* Modified Lentz evaluation of 1 + d1/(1 + d2/(1 + ...)). */
    const double tiny = 1e-300;
    double f = 1.0;
    double cc = 1.0;
    double dd = 0.0;
    for (int j = 1; j <= 200000; j++) {
        int m = j / 2;
        double coef;
        if (j % 2 == 1)
            coef = -((a + m) * (a + b + m) * x) / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        else
            coef = (m * (b - m) * x) / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        dd = 1.0 + coef * dd;
        if (fabs(dd) < tiny)
            dd = tiny;
        cc = 1.0 + coef / cc;
        if (fabs(cc) < tiny)
            cc = tiny;
        dd = 1.0 / dd;
        double delta = cc * dd;
        f *= delta;
        if (fabs(delta - 1.0) <= DBL_EPSILON)
            break;
    }
    return front / f;
}

/* I_x(a,b) and 1 - I_x(a,b); one is computed directly, the other as its complement. The usual
 * rule picks the side where the fraction converges fast, but for large a with x just below the
 * switch point the direct fraction nearly cancels (relative error grows like a * 1e-17);
 * there the other side is short and accurate, hence the extra a * y test. */
static void ibeta_pair(double a, double b, double x, double y, double logx, double logy,
                       double *ix, double *iy)
{
    /* x itself may underflow while a * log(x) is still representable, so test the log. */
    if (logx == -INFINITY) {
        *ix = 0.0;
        *iy = 1.0;
    } else if (logy == -INFINITY) {
        *ix = 1.0;
        *iy = 0.0;
    } else if (x <= (a + 1.0) / (a + b + 2.0) && !(a >= 50.0 && a * y <= 2.5)) {
        *ix = ibeta_cf(a, b, x, logx, logy);
        *iy = 1.0 - *ix;
    } else {
        *iy = ibeta_cf(b, a, y, logy, logx);
        *ix = 1.0 - *iy;
    }
}

/* For t >= 0: P(T > t) and P(|T| < t). With x = df/(df+t^2): P(T > t) = I_x(df/2, 1/2) / 2. */
static void t_tails(double t, double df, double *upper, double *central)
{
    if (t == 0.0) {
        *upper = 0.5;
        *central = 0.0;
        return;
    }
    double x, y, logx, logy;
    double logs = log(t) - 0.5 * log(df);
    if (logs > 300.0) {
        /* (t^2/df) would overflow; here x = 1/(1+s^2) is 1/s^2 to double precision. */
        logx = -2.0 * logs;
        x = exp(logx);
        y = 1.0;
        logy = -x;
    } else {
        double s = exp(logs);
        double r2 = s * s;
        x = 1.0 / (1.0 + r2);
        y = r2 / (1.0 + r2);
        logx = -log1p(r2);
        logy = log(r2) - log1p(r2);
    }
    double ix, iy;
    ibeta_pair(0.5 * df, 0.5, x, y, logx, logy, &ix, &iy);
    *upper = 0.5 * ix;
    *central = iy;
}

/* Four-term Cornish-Fisher expansion of t in powers of 1/df (Abramowitz & Stegun 26.7.5).
 * Above STATS_T_EXPANSION_DF its error (checked against 40-digit arithmetic) is below 1e-15
 * even at p = 1e-100, while the incomplete-beta route slowly loses digits as df grows. */
static double t_quantile_large_df(double z, double df)
{
    double z2 = z * z;
    double g1 = z * (z2 + 1.0) / 4.0;
    double g2 = z * ((5.0 * z2 + 16.0) * z2 + 3.0) / 96.0;
    double g3 = z * (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) / 384.0;
    double g4 = z * ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) / 92160.0;
    double r = 1.0 / df;
    return z + r * (g1 + r * (g2 + r * (g3 + r * g4)));
}

/* Decides on which side of the root t lies. Comparing upper tails for extreme probabilities
 * and central probabilities near the middle keeps both targets exactly representable. */
static bool t_too_small(double t, double df, bool use_upper, double q, double c)
{
    double upper, central;
    t_tails(t, df, &upper, &central);
    return use_upper ? upper > q : central < c;
}

double stats_t_quantile(double p, double df)
{
    if (isnan(p) || isnan(df) || df <= 0.0 || p < 0.0 || p > 1.0)
        return NAN;
    if (p == 0.0)
        return -INFINITY;
    if (p == 1.0)
        return INFINITY;
    if (p == 0.5)
        return 0.0;
    if (isinf(df))
        return stats_normal_quantile(p);

    bool negative = p < 0.5;
    double q = negative ? p : 1.0 - p; /* upper-tail probability of |t|, exact */
    if (df > STATS_T_EXPANSION_DF) {
        double t = t_quantile_large_df(-stats_normal_quantile(q), df);
        return negative ? -t : t;
    }
    bool use_upper = q < 0.25;
    double c = use_upper ? 0.0 : 1.0 - 2.0 * q; /* exact for q in [0.25, 0.5] */

    /* Bracket the root within a factor of two, then bisect down to adjacent doubles: slower
     * than Newton but cannot diverge for tiny df, where the density is extremely flat. */
    double lo, hi;
    if (t_too_small(1.0, df, use_upper, q, c)) {
        lo = 1.0;
        hi = 2.0;
        while (t_too_small(hi, df, use_upper, q, c)) {
            lo = hi;
            hi *= 2.0;
            if (isinf(hi))
                return negative ? -INFINITY : INFINITY;
        }
    } else {
        hi = 1.0;
        lo = 0.5;
        while (!t_too_small(lo, df, use_upper, q, c)) {
            hi = lo;
            lo *= 0.5;
            if (lo == 0.0)
                return 0.0;
        }
    }
    for (int i = 0; i < 200; i++) {
        double mid = lo + 0.5 * (hi - lo);
        if (mid <= lo || mid >= hi)
            break;
        if (t_too_small(mid, df, use_upper, q, c))
            lo = mid;
        else
            hi = mid;
    }
    double t = lo + 0.5 * (hi - lo);
    return negative ? -t : t;
}

/* ------------------------------------------------------------ intervals */

bool stats_mean_ci(const stats_moments *m, double confidence, double *low, double *high)
{
    if (m->n < 2 || !(confidence > 0.0 && confidence < 1.0))
        return false;
    double tq = -stats_t_quantile(0.5 * (1.0 - confidence), (double)(m->n - 1));
    double half = tq * stats_moments_sd(m) / sqrt((double)m->n);
    *low = m->mean - half;
    *high = m->mean + half;
    return true;
}

bool stats_wilson(long long successes, long long n, double confidence, double *low,
                  double *high)
{
    if (n <= 0 || successes < 0 || successes > n || !(confidence > 0.0 && confidence < 1.0))
        return false;
    double z = -stats_normal_quantile(0.5 * (1.0 - confidence));
    double nn = (double)n;
    double p = (double)successes / nn;
    double z2n = z * z / nn;
    double denom = 1.0 + z2n;
    double centre = p + 0.5 * z2n;
    double margin = z * sqrt(p * (1.0 - p) / nn + 0.25 * z2n / nn);
    double lo = (centre - margin) / denom;
    double hi = (centre + margin) / denom;
    /* The bounds are exactly 0 and 1 at the extremes in theory; rounding must not leave
     * -1e-17 or 0.9999999999999999 in a report. */
    if (successes == 0 || lo < 0.0)
        lo = 0.0;
    if (successes == n || hi > 1.0)
        hi = 1.0;
    *low = lo;
    *high = hi;
    return true;
}

/* ------------------------------------------------------- counts per point */

/* Total of the counts, or -1 when the input is not a valid distribution. */
static long long counts_total(const long long *counts, int scale_min, int scale_max)
{
    if (counts == NULL || scale_max < scale_min)
        return -1;
    long long total = 0;
    for (long long i = 0; i <= (long long)scale_max - scale_min; i++) {
        if (counts[i] < 0 || counts[i] > LLONG_MAX - total)
            return -1;
        total += counts[i];
    }
    return total;
}

/* Rating at 0-based position rank in the sorted list of all ratings. */
static double rating_at_rank(const long long *counts, int scale_min, int scale_max,
                             long long rank)
{
    long long seen = 0;
    for (long long i = 0; i <= (long long)scale_max - scale_min; i++) {
        seen += counts[i];
        if (rank < seen)
            return (double)scale_min + (double)i;
    }
    return (double)scale_max;
}

double stats_median_from_counts(const long long *counts, int scale_min, int scale_max)
{
    long long total = counts_total(counts, scale_min, scale_max);
    if (total <= 0)
        return NAN;
    if (total % 2 == 1)
        return rating_at_rank(counts, scale_min, scale_max, total / 2);
    double lo = rating_at_rank(counts, scale_min, scale_max, total / 2 - 1);
    double hi = rating_at_rank(counts, scale_min, scale_max, total / 2);
    return 0.5 * (lo + hi);
}

double stats_top2_share(const long long *counts, int scale_min, int scale_max)
{
    long long total = counts_total(counts, scale_min, scale_max);
    if (total <= 0)
        return NAN;
    long long last = (long long)scale_max - scale_min;
    long long top = counts[last];
    if (last >= 1)
        top += counts[last - 1];
    return (double)top / (double)total;
}

/* --------------------------------------------------------- Cronbach alpha */

struct stats_alpha {
    int k;
    stats_moments total;
    stats_moments item[]; /* k entries */
};

stats_alpha *stats_alpha_new(int k)
{
    if (k < 1 || (size_t)k > (SIZE_MAX - sizeof(stats_alpha)) / sizeof(stats_moments))
        return NULL;
    stats_alpha *a = malloc(sizeof(stats_alpha) + (size_t)k * sizeof(stats_moments));
    if (a == NULL)
        return NULL;
    a->k = k;
    stats_moments_init(&a->total);
    for (int i = 0; i < k; i++)
        stats_moments_init(&a->item[i]);
    return a;
}

void stats_alpha_add(stats_alpha *a, const double *ratings)
{
    if (a == NULL || ratings == NULL)
        return;
    double sum = 0.0;
    for (int i = 0; i < a->k; i++) {
        if (!isfinite(ratings[i]))
            return;
        sum += ratings[i];
    }
    for (int i = 0; i < a->k; i++)
        stats_moments_add(&a->item[i], ratings[i]);
    stats_moments_add(&a->total, sum);
}

void stats_alpha_merge(stats_alpha *dst, const stats_alpha *src)
{
    if (dst == NULL || src == NULL || dst->k != src->k)
        return;
    for (int i = 0; i < dst->k; i++)
        stats_moments_merge(&dst->item[i], &src->item[i]);
    stats_moments_merge(&dst->total, &src->total);
}

double stats_alpha_value(const stats_alpha *a)
{
    if (a == NULL || a->k < 2 || a->total.n < 2)
        return NAN;
    double var_total = moments_var(&a->total);
    if (!(var_total > 0.0))
        return NAN;
    double sum_items = 0.0;
    for (int i = 0; i < a->k; i++)
        sum_items += moments_var(&a->item[i]);
    double k = (double)a->k;
    return k / (k - 1.0) * (1.0 - sum_items / var_total);
}

long long stats_alpha_n(const stats_alpha *a)
{
    return a == NULL ? 0 : a->total.n;
}

void stats_alpha_free(stats_alpha *a)
{
    free(a);
}
