/* Comparisons of doubles shared by the unit tests: equal to 1e-12, or NaN. */
#ifndef CBKPI_TESTS_NEAR_H
#define CBKPI_TESTS_NEAR_H

#include <criterion/criterion.h>
#include <math.h>

#define TOL 1e-12

#define assert_near(actual, expected)                                                          \
    do {                                                                                       \
        double a_ = (actual);                                                                  \
        double e_ = (expected);                                                                \
        cr_assert(fabs(a_ - e_) <= TOL, "%s = %.17g, expected %.17g", #actual, a_, e_);        \
    } while (0)

#define assert_nan(actual)                                                                     \
    do {                                                                                       \
        double a_ = (actual);                                                                  \
        cr_assert(isnan(a_), "%s = %.17g, expected NaN", #actual, a_);                         \
    } while (0)

#endif
