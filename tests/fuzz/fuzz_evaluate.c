/* Fuzz target `evaluate`: the bytes are evaluations.csv, read with read_evaluation next to a
 * fixed workshops.csv and a fixed Member registry (temporary files under /tmp, removed again),
 * with a comment spool; then every statistic of the evaluation is computed and checked for
 * range, and every spooled comment read back. Dates: plan 2024-07-01..2026-06-30, as of
 * 2026-03-31. */
#include "tests/fuzz/fuzz_common.h"

#include <math.h>

#include "cli/readers.h"
#include "util/date.h"

static const char workshops_csv[] =
    "workshop_id,title,start_date,end_date,host_member,action,modality,participants_female,"
    "participants_male,participants_other\n"
    "WS-2024-01,Regional Workshop on Risk Management,2024-07-22,2024-07-26,KR,1.a,in-person,12,"
    "26,0\n"
    "WS-2024-02,Virtual Workshop on HS 2022 Implementation,2024-08-13,2024-08-15,JP,1.i,virtual,"
    "18,26,1\n"
    "WS-2024-03,\"Regional Workshop on AEO and MRA, Singapore\",2024-08-26,2024-08-30,SG,1.d,"
    "hybrid,,,\n"
    "WS-2025-01,Sub-regional Workshop on Post-Clearance Audit,2025-03-10,2025-03-14,FJ,1.q,"
    "online,0,0,0\n"
    "WS-2023-09,Workshop before the plan window,2023-09-04,2023-09-08,TH,1.a,in-person,5,9,0\n"
    "WS-2026-05,Workshop after the as-of date,2026-05-04,2026-05-08,LK,3.f,virtual,4,4,0\n";

static const char members_csv[] =
    "member_code,member_name,subregion,sie\n"
    "AF,Afghanistan,Sub-Continent,no\n"
    "FJ,Fiji,Pacific,yes\n"
    "JP,Japan,North East Asia,no\n"
    "KR,\"Korea, Republic of\",North East Asia,no\n"
    "LK,Sri Lanka,Sub-Continent,no\n"
    "SB,Solomon Islands,Pacific,yes\n"
    "SG,Singapore,South East Asia,no\n"
    "TH,Thailand,South East Asia,no\n";

static member_registry *registry;
static plan_options plan;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    plan = (plan_options){date_from_civil(2026, 3, 31), date_from_civil(2024, 7, 1),
                          date_from_civil(2026, 6, 30)};
    char path[64];
    fuzz_temp_file("members", members_csv, sizeof members_csv - 1, path, sizeof path);
    ingest_options options = ingest_default_options();
    ledger *l = ledger_new();
    cb_error err;
    int rc = registry_load(path, &options, l, &registry, &err);
    unlink(path);
    ledger_free(l);
    FUZZ_CHECK(rc == 0, "the fixed members.csv does not load: %s", err.message);
    return 0;
}

static void check_estimate(const estimate *e, double lo, double hi, const char *what)
{
    fuzz_touch(e, sizeof *e);
    FUZZ_CHECK(e->n >= 0, "%s: n = %lld", what, e->n);
    if (!e->has_value)
        return;
    FUZZ_CHECK(e->value >= lo - 1e-9 && e->value <= hi + 1e-9, "%s = %g outside [%g, %g]", what,
               e->value, lo, hi);
    if (e->has_interval)
        FUZZ_CHECK(!(e->low > e->value + 1e-9) && !(e->high < e->value - 1e-9),
                   "%s = %g outside its interval [%g, %g]", what, e->value, e->low, e->high);
}

static void check_share(double x, const char *what)
{
    fuzz_touch_double(x);
    FUZZ_CHECK(isnan(x) || (x >= 0 && x <= 1 + 1e-12), "%s = %g", what, x);
}

static void compute_everything(const evaluation *e, size_t n_members)
{
    int lo = evaluation_scale_min(e), hi = evaluation_scale_max(e);
    FUZZ_CHECK(lo == 1 && hi == 5, "scale %d-%d", lo, hi);
    size_t n_workshops = evaluation_workshop_count(e), n_items = evaluation_item_count(e);
    FUZZ_CHECK(n_workshops == 4, "%zu workshops in the window (4 expected)", n_workshops);
    for (size_t w = 0; w < n_workshops; w++) {
        workshop_result r = evaluation_workshop(e, w);
        fuzz_touch_string(r.workshop->id);
        fuzz_touch_string(r.workshop->title);
        fuzz_touch_string(r.workshop->action);
        fuzz_touch_string(r.workshop->modality);
        check_estimate(&r.score, lo, hi, "workshop score");
        check_estimate(&r.female_share, 0, 1, "workshop female share");
        fuzz_touch_double(r.sd);
        FUZZ_CHECK(isnan(r.sd) || r.sd >= 0, "sd %g", r.sd);
        check_share(r.top2, "workshop top-2 share");
        fuzz_touch(&r.score_verdict, sizeof r.score_verdict);
        fuzz_touch(&r.female_verdict, sizeof r.female_verdict);
    }
    for (size_t i = 0; i < n_items; i++) {
        item_result r = evaluation_item(e, i);
        fuzz_touch_string(r.label);
        long long total = 0;
        for (int p = 0; p <= hi - lo; p++) {
            FUZZ_CHECK(r.counts[p] >= 0, "count %lld", r.counts[p]);
            total += r.counts[p];
        }
        FUZZ_CHECK(total == r.n, "item %zu: n = %lld, counts add up to %lld", i, r.n, total);
        if (r.n > 0) {
            FUZZ_CHECK(r.mean >= lo - 1e-9 && r.mean <= hi + 1e-9, "item mean %g", r.mean);
            FUZZ_CHECK(r.median >= lo && r.median <= hi, "item median %g", r.median);
        }
        check_share(r.top2, "item top-2 share");
        for (size_t w = 0; w < n_workshops; w++) {
            double mean = evaluation_item_workshop_mean(e, w, i);
            fuzz_touch_double(mean);
            FUZZ_CHECK(isnan(mean) || (mean >= lo - 1e-9 && mean <= hi + 1e-9),
                       "item x workshop mean %g", mean);
        }
    }
    estimate programme = evaluation_programme_score(e);
    check_estimate(&programme, lo, hi, "programme score");
    FUZZ_CHECK(programme.n == evaluation_respondents(e), "programme n %lld, respondents %lld",
               programme.n, evaluation_respondents(e));
    estimate female = evaluation_female_share(e);
    check_estimate(&female, 0, 1, "female share");
    for (int g = 0; g < EVAL_GENDER_GROUPS; g++) {
        estimate m = estimate_mean(evaluation_gender_scores(e, g));
        check_estimate(&m, lo, hi, "gender score");
    }
    for (size_t m = 0; m <= n_members; m++) {
        estimate s = estimate_mean(evaluation_member_scores(e, m));
        check_estimate(&s, lo, hi, "member score");
    }
    size_t group_of[64];
    stats_moments merged[3];
    for (size_t m = 0; m < n_members && m < 64; m++)
        group_of[m] = m % 4; /* group 3 is "none" */
    evaluation_merge_members(e, group_of, 3, merged);
    for (size_t g = 0; g < 3; g++) {
        estimate s = estimate_mean(&merged[g]);
        check_estimate(&s, lo, hi, "merged member score");
    }
    long long female_count[2], participants[2];
    for (size_t w = 0; w < n_workshops && w < 64; w++)
        group_of[w] = w % 3; /* group 2 is "none" */
    evaluation_merge_workshops(e, group_of, 2, merged, female_count, participants);
    for (size_t g = 0; g < 2; g++) {
        estimate s = estimate_mean(&merged[g]);
        check_estimate(&s, lo, hi, "merged workshop score");
        FUZZ_CHECK(female_count[g] >= 0 && female_count[g] <= participants[g],
                   "%lld women of %lld participants", female_count[g], participants[g]);
        verdict v = estimate_judge(&s, EVAL_SCORE_TARGET);
        fuzz_touch_string(estimate_status_name(v.status));
    }
    long long n_alpha;
    double alpha = evaluation_alpha(e, &n_alpha);
    fuzz_touch_double(alpha);
    FUZZ_CHECK(isnan(alpha) || alpha <= 1 + 1e-9, "alpha %g", alpha);
    FUZZ_CHECK(n_alpha >= 0 && n_alpha <= evaluation_respondents(e), "alpha over %lld of %lld",
               n_alpha, evaluation_respondents(e));
    fuzz_touch(&(long long){evaluation_unrated(e)}, sizeof(long long));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char workshops_path[64], evaluations_path[64];
    fuzz_temp_file("workshops", workshops_csv, sizeof workshops_csv - 1, workshops_path,
                   sizeof workshops_path);
    fuzz_temp_file("evaluations", data, size, evaluations_path, sizeof evaluations_path);

    ingest_options options = ingest_default_options();
    options.members = registry->codes;
    ledger *l = ledger_new();
    comment_spool comments;
    cb_error err;
    memset(&err, 0, sizeof err);
    FUZZ_CHECK(comment_spool_open(&comments, &err) == 0, "no spool: %s", err.message);
    evaluation_input input = {0};
    int rc = read_evaluation(workshops_path, evaluations_path, &options, &plan, registry,
                             &comments, l, &input, &err);
    unlink(workshops_path);
    unlink(evaluations_path);
    if (rc == 0) {
        FUZZ_CHECK(input.evaluation != NULL, "no evaluation after a successful read");
        FUZZ_CHECK(input.workshops_left_out == 2, "%ld workshops left out (2 expected)",
                   input.workshops_left_out);
        FUZZ_CHECK(ledger_balanced(l), "ledger not balanced");
        compute_everything(input.evaluation, registry->count);
        FUZZ_CHECK(comment_spool_rewind(&comments, &err) == 0, "spool: %s", err.message);
        spooled_comment c;
        char *buffer = NULL;
        size_t cap = 0;
        long n = 0;
        while (comment_spool_next(&comments, &c, &buffer, &cap)) {
            fuzz_touch_string(c.text);
            FUZZ_CHECK(c.workshop < evaluation_workshop_count(input.evaluation),
                       "comment of workshop %zu", c.workshop);
            FUZZ_CHECK(c.member >= -1 && c.member < (long)registry->count, "comment of member %ld",
                       c.member);
            n++;
        }
        free(buffer);
        FUZZ_CHECK(n == comments.count, "%ld comments read back of %ld", n, comments.count);
    } else {
        FUZZ_CHECK(err.message[0] != '\0', "failure without a message");
    }
    comment_spool_close(&comments);
    evaluation_input_free(&input);
    ledger_free(l);
    return 0;
}
