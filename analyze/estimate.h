/* An estimate with its 95% interval, and its verdict against a plan target. Shared by every
 * mean and share the workbooks report, so that "Met", "Below" and "conclusive" mean the same
 * thing everywhere. */
#ifndef CBKPI_ANALYZE_ESTIMATE_H
#define CBKPI_ANALYZE_ESTIMATE_H

#include <stdbool.h>

#include "analyze/stats.h"

#define ESTIMATE_CONFIDENCE 0.95

typedef struct estimate {
    long long n;        /* respondents, or participants for a share */
    bool has_value;     /* false when there is nothing to estimate from */
    double value;
    bool has_interval;  /* false for a mean of fewer than 2 */
    double low, high;
} estimate;

typedef enum target_status { TARGET_NO_DATA, TARGET_MET, TARGET_BELOW } target_status;

typedef struct verdict {
    target_status status;
    bool conclusive;    /* the interval lies wholly on one side of the target */
} verdict;

/** Mean of the accumulated values with its t-based 95% interval. */
estimate estimate_mean(const stats_moments *m);
/** Share successes/n with its 95% Wilson score interval. */
estimate estimate_share(long long successes, long long n);
/** Met when the value reaches the target (value >= target), Below otherwise, No data without a
 *  value; conclusive when the whole interval is at or above the target, or wholly below it. */
verdict estimate_judge(const estimate *e, double target);
/** "Met", "Below" or "No data". */
const char *estimate_status_name(target_status status);

#endif
