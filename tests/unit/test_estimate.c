/* Unit tests of analyze/estimate.c: the mean and share estimates with their 95% intervals and
 * the Met / Below / No data verdict. Expected values are worked by hand (see comments). */
#include <criterion/criterion.h>

#include "tests/unit/near.h"

#include <math.h>
#include <string.h>

#include "analyze/estimate.h"


#define T_DF1 12.706204736174698
#define T_DF2 4.302652729749464
#define T_DF3 3.182446305284263
#define T_DF4 2.7764451051977934
#define Z_975 1.959963984540054

static stats_moments moments_of(const double *x, int n)
{
    stats_moments m = {0};
    for (int i = 0; i < n; i++)
        stats_moments_add(&m, x[i]);
    return m;
}

static estimate interval(double value, double low, double high)
{
    estimate e = {.n = 10, .has_value = true, .value = value, .has_interval = true,
                  .low = low, .high = high};
    return e;
}

/* ------------------------------------------------------------------------ estimate_mean */

Test(estimate, mean_of_nothing)
{
    stats_moments m = {0};
    estimate e = estimate_mean(&m);
    cr_assert_eq(e.n, 0);
    cr_assert(!e.has_value);
    cr_assert(!e.has_interval);
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_NO_DATA);
    cr_assert(!v.conclusive);
}

Test(estimate, mean_of_one)
{
    const double x[] = {4.2};
    stats_moments m = moments_of(x, 1);
    estimate e = estimate_mean(&m);
    cr_assert_eq(e.n, 1);
    cr_assert(e.has_value);
    /* mean of one value is the value: 4.2 */
    assert_near(e.value, 4.2);
    /* no CI for n < 2 */
    cr_assert(!e.has_interval);
    /* 4.2 >= 4 Met, no interval -> not conclusive */
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_MET);
    cr_assert(!v.conclusive);
    /* 4.2 < 4.5 Below, not conclusive */
    v = estimate_judge(&e, 4.5);
    cr_assert_eq(v.status, TARGET_BELOW);
    cr_assert(!v.conclusive);
}

Test(estimate, mean_of_two_uses_t1)
{
    const double x[] = {3.0, 4.0};
    stats_moments m = moments_of(x, 2);
    estimate e = estimate_mean(&m);
    cr_assert_eq(e.n, 2);
    cr_assert(e.has_value);
    /* (3+4)/2 = 3.5 */
    assert_near(e.value, 3.5);
    cr_assert(e.has_interval);
    /* SD = sqrt((0.25+0.25)/1) = sqrt(0.5); half = 12.706204736174698 * sqrt(0.5)/sqrt(2)
     *   = 12.706204736174698/2 = 6.353102368087349;
     *   low = 3.5 - 6.353102368087349 = -2.853102368087349, high = 9.853102368087349 */
    assert_near(e.low, 3.5 - T_DF1 / 2.0);
    assert_near(e.high, 3.5 + T_DF1 / 2.0);
    assert_near(e.low, -2.853102368087349);
    assert_near(e.high, 9.853102368087349);
}

Test(estimate, mean_of_three_uses_t2)
{
    const double x[] = {1.0, 2.0, 6.0};
    stats_moments m = moments_of(x, 3);
    estimate e = estimate_mean(&m);
    cr_assert_eq(e.n, 3);
    /* 9/3 = 3; deviations -2,-1,3 -> 4+1+9 = 14, var 7, SD sqrt(7);
     * half = 4.302652729749464 * sqrt(7)/sqrt(3) = 4.302652729749464 * sqrt(7/3)
     *      = 6.572410607728431; low -3.5724106077284308, high 9.57241060772843 */
    assert_near(e.value, 3.0);
    cr_assert(e.has_interval);
    assert_near(e.low, 3.0 - T_DF2 * sqrt(7.0 / 3.0));
    assert_near(e.high, 3.0 + T_DF2 * sqrt(7.0 / 3.0));
}

Test(estimate, mean_of_four_uses_t3)
{
    const double x[] = {4.5, 4.5, 5.0, 5.0};
    stats_moments m = moments_of(x, 4);
    estimate e = estimate_mean(&m);
    /* 19/4 = 4.75; dev +-0.25 x4 -> 0.25, var 1/12;
     * half = 3.182446305284263 * sqrt(1/12)/2 = 0.45934655775935 -> low 4.29065344224065 */
    assert_near(e.value, 4.75);
    assert_near(e.low, 4.75 - T_DF3 * sqrt(1.0 / 12.0) / 2.0);
    assert_near(e.high, 4.75 + T_DF3 * sqrt(1.0 / 12.0) / 2.0);
    /* low 4.29 >= 4 -> Met, conclusive */
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_MET);
    cr_assert(v.conclusive);
}

Test(estimate, mean_of_five_uses_t4)
{
    const double x[] = {2.0, 2.0, 2.0, 3.0, 3.0};
    stats_moments m = moments_of(x, 5);
    estimate e = estimate_mean(&m);
    /* 12/5 = 2.4; 3*0.16 + 2*0.36 = 1.2, var 0.3;
     * half = 2.7764451051977934 * sqrt(0.3/5) = 2.7764451051977934 * sqrt(0.06)
     *      = 0.6800873806582558; high 3.080087380658256 */
    assert_near(e.value, 2.4);
    assert_near(e.low, 2.4 - T_DF4 * sqrt(0.06));
    assert_near(e.high, 2.4 + T_DF4 * sqrt(0.06));
    /* high 3.08 < 4 -> Below, conclusive */
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_BELOW);
    cr_assert(v.conclusive);
}

Test(estimate, mean_of_equal_values_has_zero_width)
{
    const double x[] = {4.0, 4.0, 4.0};
    stats_moments m = moments_of(x, 3);
    estimate e = estimate_mean(&m);
    /* SD 0 -> interval [4, 4]; 4 >= 4 Met, low 4 >= 4 -> conclusive */
    assert_near(e.value, 4.0);
    cr_assert(e.has_interval);
    assert_near(e.low, 4.0);
    assert_near(e.high, 4.0);
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_MET);
    cr_assert(v.conclusive);
}

/* ----------------------------------------------------------------------- estimate_share */

Test(estimate, share_of_nobody)
{
    estimate e = estimate_share(0, 0);
    cr_assert_eq(e.n, 0);
    cr_assert(!e.has_value);
    cr_assert(!e.has_interval);
    verdict v = estimate_judge(&e, 0.25);
    cr_assert_eq(v.status, TARGET_NO_DATA);
    cr_assert(!v.conclusive);
}

Test(estimate, share_zero)
{
    estimate e = estimate_share(0, 20);
    cr_assert_eq(e.n, 20);
    cr_assert(e.has_value);
    cr_assert(e.value == 0.0);
    cr_assert(e.has_interval);
    /* Wilson at p = 0: low exactly 0, high = z^2/(n + z^2)
     *   = 3.8414588206941254/23.8414588206941254 = 0.16112515805281938 */
    cr_assert(e.low == 0.0, "low = %.17g, expected exactly 0", e.low);
    assert_near(e.high, Z_975 * Z_975 / (20.0 + Z_975 * Z_975));
    /* 0 < 0.25 Below; high 0.161 < 0.25 -> conclusive */
    verdict v = estimate_judge(&e, 0.25);
    cr_assert_eq(v.status, TARGET_BELOW);
    cr_assert(v.conclusive);
}

Test(estimate, share_zero_small_n_not_conclusive)
{
    estimate e = estimate_share(0, 5);
    /* high = z^2/(5 + z^2) = 3.8414588206941254/8.8414588206941254 = 0.4344824647831748
     * > 0.25 -> Below but not conclusive */
    cr_assert(e.low == 0.0);
    assert_near(e.high, Z_975 * Z_975 / (5.0 + Z_975 * Z_975));
    verdict v = estimate_judge(&e, 0.25);
    cr_assert_eq(v.status, TARGET_BELOW);
    cr_assert(!v.conclusive);
}

Test(estimate, share_one)
{
    estimate e = estimate_share(5, 5);
    cr_assert_eq(e.n, 5);
    cr_assert(e.value == 1.0);
    /* Wilson at p = 1: high exactly 1, low = n/(n + z^2) = 5/8.8414588206941254
     *   = 0.5655175352168252 */
    cr_assert(e.high == 1.0, "high = %.17g, expected exactly 1", e.high);
    assert_near(e.low, 5.0 / (5.0 + Z_975 * Z_975));
    verdict v = estimate_judge(&e, 0.25);
    cr_assert_eq(v.status, TARGET_MET);
    cr_assert(v.conclusive);
}

Test(estimate, share_quarter_of_twenty)
{
    estimate e = estimate_share(5, 20);
    cr_assert_eq(e.n, 20);
    /* 5/20 = 0.25 */
    assert_near(e.value, 0.25);
    /* Wilson: z2n = 3.8414588206941254/20 = 0.19207294103470627, denom 1 + z2n,
     *   centre = 0.25 + z2n/2 = 0.3460364705173531,
     *   margin = z*sqrt(0.25*0.75/20 + 0.25*z2n/20) = 1.959963984540054*sqrt(0.0117759117629338)
     *   low = (centre - margin)/denom = 0.11186170140766569
     *   high = (centre + margin)/denom = 0.46870087761874407 */
    double z2n = Z_975 * Z_975 / 20.0;
    double centre = 0.25 + 0.5 * z2n;
    double margin = Z_975 * sqrt(0.25 * 0.75 / 20.0 + 0.25 * z2n / 20.0);
    assert_near(e.low, (centre - margin) / (1.0 + z2n));
    assert_near(e.high, (centre + margin) / (1.0 + z2n));
    assert_near(e.low, 0.11186170140766569);
    assert_near(e.high, 0.46870087761874407);
    /* value exactly at target -> Met; interval straddles -> not conclusive */
    verdict v = estimate_judge(&e, 0.25);
    cr_assert_eq(v.status, TARGET_MET);
    cr_assert(!v.conclusive);
}

/* ------------------------------------------------------------------------ estimate_judge */

Test(estimate, judge_value_equal_to_target_is_met)
{
    estimate e = {.n = 1, .has_value = true, .value = 4.0};
    /* 4 >= 4 -> Met; no interval -> not conclusive */
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_MET);
    cr_assert(!v.conclusive);
}

Test(estimate, judge_just_below_target)
{
    estimate e = {.n = 1, .has_value = true, .value = nextafter(4.0, 0.0)};
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_BELOW);
    cr_assert(!v.conclusive);
}

Test(estimate, judge_straddling_interval_not_conclusive)
{
    /* 3.9 < 4 Below, interval [3.5, 4.3] contains 4 */
    estimate below = interval(3.9, 3.5, 4.3);
    verdict v = estimate_judge(&below, 4.0);
    cr_assert_eq(v.status, TARGET_BELOW);
    cr_assert(!v.conclusive);
    /* 4.1 >= 4 Met, interval [3.7, 4.5] contains 4 */
    estimate met = interval(4.1, 3.7, 4.5);
    v = estimate_judge(&met, 4.0);
    cr_assert_eq(v.status, TARGET_MET);
    cr_assert(!v.conclusive);
}

Test(estimate, judge_interval_wholly_above)
{
    estimate e = interval(4.4, 4.1, 4.7);
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_MET);
    cr_assert(v.conclusive);
}

Test(estimate, judge_interval_low_at_target_is_conclusive)
{
    /* low == target: the interval lies at/above the target */
    estimate e = interval(4.3, 4.0, 4.6);
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_MET);
    cr_assert(v.conclusive);
}

Test(estimate, judge_interval_wholly_below)
{
    estimate e = interval(3.5, 3.2, 3.8);
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_BELOW);
    cr_assert(v.conclusive);
}

Test(estimate, judge_interval_high_at_target_not_conclusive)
{
    /* high == target: the interval touches the Met region, so it is not wholly below */
    estimate e = interval(3.7, 3.4, 4.0);
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_BELOW);
    cr_assert(!v.conclusive);
}

Test(estimate, judge_without_value_is_no_data)
{
    /* has_value false wins over any stale numbers */
    estimate e = {.n = 0, .has_value = false, .value = 5.0, .has_interval = false};
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_NO_DATA);
    cr_assert(!v.conclusive);
}

Test(estimate, judge_value_without_interval_not_conclusive)
{
    estimate e = {.n = 1, .has_value = true, .value = 1.0, .has_interval = false,
                  .low = 0.0, .high = 0.0};
    /* 1 < 4 Below; has_interval false, so the stale low/high do not count */
    verdict v = estimate_judge(&e, 4.0);
    cr_assert_eq(v.status, TARGET_BELOW);
    cr_assert(!v.conclusive);
}

Test(estimate, status_names)
{
    cr_assert_str_eq(estimate_status_name(TARGET_MET), "Met");
    cr_assert_str_eq(estimate_status_name(TARGET_BELOW), "Below");
    cr_assert_str_eq(estimate_status_name(TARGET_NO_DATA), "No data");
}
