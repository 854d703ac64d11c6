#include "analyze/estimate.h"

estimate estimate_mean(const stats_moments *m)
{
    estimate e = {.n = m->n};
    if (m->n == 0)
        return e;
    e.has_value = true;
    e.value = stats_moments_mean(m);
    e.has_interval = stats_mean_ci(m, ESTIMATE_CONFIDENCE, &e.low, &e.high);
    return e;
}

estimate estimate_share(long long successes, long long n)
{
    estimate e = {.n = n};
    if (n <= 0)
        return e;
    e.has_value = true;
    e.value = (double)successes / (double)n;
    e.has_interval = stats_wilson(successes, n, ESTIMATE_CONFIDENCE, &e.low, &e.high);
    return e;
}

verdict estimate_judge(const estimate *e, double target)
{
    verdict v = {TARGET_NO_DATA, false};
    if (!e->has_value)
        return v;
    v.status = e->value >= target ? TARGET_MET : TARGET_BELOW;
    v.conclusive = e->has_interval && (e->low >= target || e->high < target);
    return v;
}

const char *estimate_status_name(target_status status)
{
    switch (status) {
    case TARGET_MET: return "Met";
    case TARGET_BELOW: return "Below";
    default: return "No data";
    }
}
