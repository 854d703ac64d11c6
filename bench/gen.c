/* gen ROWS SEED OUTDIR: writes OUTDIR/workshops.csv (400 workshops) and OUTDIR/evaluations.csv
 * (ROWS questionnaires, six rating items) for the benchmark. Deterministic for a given ROWS and
 * SEED; streams through one large buffer, so any size is written in constant memory.
 *
 * What the evaluations hold, per row (rates are approximate):
 *   5%      of the ratings blank (no answer); 0.02% of rows with no rating at all
 *   0.1%    bad rows, in three kinds of equal share: a rating of 7 (outside the scale, that cell is
 *           left out), workshop_id W9999 (not in workshops.csv, the row is rejected), a rating of
 *           "4.5" (not a whole number, that cell is left out)
 *   3%      a quoted comment with commas and doubled quotes; a third of them span two lines
 * respondent_id is "R" followed by the row number, so no (workshop_id, respondent_id) repeats. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define N_WORKSHOPS 400
#define N_ITEMS 6
#define N_MEMBERS 35
#define BUFFER_SIZE ((size_t)4 << 20)
#define FIRST_START "2024-07-01"
#define START_SPAN 638 /* days from 2024-07-01 to 2026-03-31 */

static const char *const members[N_MEMBERS] = {
    "AF", "BD", "BT", "IN", "IR", "MV", "NP", "PK", "LK", "CN", "HK", "MO",
    "MN", "JP", "KR", "BN", "KH", "ID", "MY", "MM", "LA", "PH", "SG", "TH",
    "VN", "AU", "FJ", "NZ", "PG", "PW", "WS", "SB", "TL", "TO", "VU"};

static const char *const topics[] = {
    "Risk Management", "Post-Clearance Audit", "AEO and MRA", "HS 2022 Implementation",
    "Customs Valuation", "Rules of Origin", "Data Analytics", "Single Window",
    "Intellectual Property Rights Enforcement", "Leadership and Management Development",
    "E-Commerce", "Integrity", "Revised Kyoto Convention", "Time Release Study",
    "Environmental Crime", "Passenger Controls", "Gender Equality and Diversity",
    "Coordinated Border Management", "Strategic Trade Controls", "Advance Ruling"};
#define N_TOPICS (sizeof topics / sizeof topics[0])

static const char *const actions[] = {"1.a", "1.d", "1.i", "1.q", "1.gg", "1.jj", "2.b", "2.e",
                                      "3.c", "3.g", "3.j", "4.a"};
#define N_ACTIONS (sizeof actions / sizeof actions[0])

static const char *const modalities[] = {"in-person", "virtual", "hybrid"};

/* Comments as they appear in the file: quoted, with commas, doubled quotes, some with a line
 * break inside the quotes. */
static const char *const comments[] = {
    "\"More time for practical exercises, please; the case studies were too short.\"",
    "\"The \"\"hands-on\"\" sessions were the best part, but the room was cold.\"",
    "\"Excellent facilitators, well organised, useful materials.\nWould attend again.\"",
    "\"Please share the slides, the templates and the \"\"risk matrix\"\" spreadsheet.\"",
    "\"Interpretation was difficult at times, and the schedule, frankly, too tight.\"",
    "\"Good mix of theory and practice.\nSuggest a follow-up, maybe online, in six months.\"",
    "\"The \"\"AEO self-assessment\"\" exercise, in particular, was very useful.\"",
    "\"Day 3 was too long,\nday 4 too short; otherwise \"\"excellent\"\".\"",
    "\"Materials arrived late, but the trainers, to their credit, adapted well.\"",
};
#define N_COMMENTS (sizeof comments / sizeof comments[0])

typedef struct rng {
    uint64_t s;
} rng;

/* xorshift64* */
static uint64_t next(rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ULL;
}

/* Uniform in [0, n). */
static uint32_t below(rng *r, uint32_t n)
{
    return (uint32_t)(((next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [0, 1). */
static double unit(rng *r)
{
    return (double)(next(r) >> 11) * (1.0 / 9007199254740992.0);
}

typedef struct out {
    FILE *file;
    const char *path;
    char *buf;
    size_t len;
} out;

static void flush(out *o)
{
    if (o->len > 0 && fwrite(o->buf, 1, o->len, o->file) != o->len) {
        fprintf(stderr, "gen: cannot write %s: %s\n", o->path, strerror(errno));
        exit(1);
    }
    o->len = 0;
}

static void put(out *o, const char *s, size_t n)
{
    if (o->len + n > BUFFER_SIZE)
        flush(o);
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void puts_(out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void putc_(out *o, char c)
{
    if (o->len == BUFFER_SIZE)
        flush(o);
    o->buf[o->len++] = c;
}

static void put_uint(out *o, unsigned long long v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(o, tmp + sizeof tmp - n, n);
}

static void open_out(out *o, const char *dir, const char *name, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", dir, name);
    o->path = path;
    o->file = fopen(path, "wb");
    if (o->file == NULL) {
        fprintf(stderr, "gen: cannot create %s: %s\n", path, strerror(errno));
        exit(1);
    }
    o->buf = malloc(BUFFER_SIZE);
    if (o->buf == NULL) {
        fprintf(stderr, "gen: out of memory\n");
        exit(1);
    }
    o->len = 0;
}

static void close_out(out *o)
{
    flush(o);
    if (fclose(o->file) != 0) {
        fprintf(stderr, "gen: cannot write %s: %s\n", o->path, strerror(errno));
        exit(1);
    }
    free(o->buf);
}

/* Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm). */
static void format_date(long days, char out[11])
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    int digits[8] = {(int)(y / 1000 % 10), (int)(y / 100 % 10), (int)(y / 10 % 10), (int)(y % 10),
                     (int)(m / 10), (int)(m % 10), (int)(d / 10), (int)(d % 10)};
    static const int at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; i++)
        out[at[i]] = (char)('0' + digits[i]);
    out[4] = out[7] = '-';
    out[10] = '\0';
}

#define DAY_2024_07_01 19905L /* days since 1970-01-01 */

typedef struct workshop {
    char id[8];
    long start;        /* days since 1970-01-01 */
    double quality;    /* centre of its ratings */
} workshop;

static void write_workshops(const char *dir, rng *r, workshop *ws)
{
    char path[4096];
    out o;
    open_out(&o, dir, "workshops.csv", path, sizeof path);
    puts_(&o, "workshop_id,title,start_date,end_date,host_member,action,modality,"
              "participants_female,participants_male,participants_other\n");
    for (int i = 0; i < N_WORKSHOPS; i++) {
        workshop *w = &ws[i];
        snprintf(w->id, sizeof w->id, "W%04d", i + 1);
        w->start = DAY_2024_07_01 + (long)i * START_SPAN / (N_WORKSHOPS - 1);
        w->quality = 3.3 + 1.4 * unit(r);
        char start[11], end[11], title[200];
        format_date(w->start, start);
        format_date(w->start + 4, end);
        const char *a = topics[below(r, N_TOPICS)], *b = topics[below(r, N_TOPICS)];
        switch (below(r, 8)) {
        case 0: /* a comma: quoted */
            snprintf(title, sizeof title, "\"Regional Workshop on %s, %s\"", a, b);
            break;
        case 1: /* a comma and doubled quotes */
            snprintf(title, sizeof title, "\"Sub-regional Workshop on \"\"%s\"\", Phase %u\"", a,
                     below(r, 3) + 1);
            break;
        case 2:
            snprintf(title, sizeof title, "National Workshop on %s", a);
            break;
        default:
            snprintf(title, sizeof title, "Regional Workshop on %s", a);
        }
        puts_(&o, w->id);
        putc_(&o, ',');
        puts_(&o, title);
        putc_(&o, ',');
        puts_(&o, start);
        putc_(&o, ',');
        puts_(&o, end);
        putc_(&o, ',');
        puts_(&o, members[below(r, N_MEMBERS)]);
        putc_(&o, ',');
        puts_(&o, actions[below(r, N_ACTIONS)]);
        putc_(&o, ',');
        puts_(&o, modalities[below(r, 3)]);
        putc_(&o, ',');
        put_uint(&o, 5 + below(r, 20));
        putc_(&o, ',');
        put_uint(&o, 10 + below(r, 25));
        putc_(&o, ',');
        put_uint(&o, below(r, 4) == 0);
        putc_(&o, '\n');
    }
    close_out(&o);
}

static void write_evaluations(const char *dir, unsigned long long rows, rng *r,
                              const workshop *ws)
{
    static const double item_offset[N_ITEMS] = {0.10, 0.00, 0.15, -0.20, -0.05, 0.05};
    char path[4096];
    char dates[START_SPAN + 8][11];
    for (long d = 0; d < START_SPAN + 8; d++)
        format_date(DAY_2024_07_01 + d, dates[d]);
    out o;
    open_out(&o, dir, "evaluations.csv", path, sizeof path);
    puts_(&o, "workshop_id,respondent_id,member_code,gender,submitted_at,Q1,Q2,Q3,Q4,Q5,Q6,"
              "comments\n");
    for (unsigned long long row = 1; row <= rows; row++) {
        const workshop *w = &ws[below(r, N_WORKSHOPS)];
        /* bad: 0 none, 1 a rating of 7, 2 unknown workshop, 3 a rating of 4.5 */
        uint32_t u = below(r, 100000);
        int bad = u < 100 ? 1 + (int)(u % 3) : 0;
        bool unrated = u >= 100 && u < 120;
        int bad_item = (int)below(r, N_ITEMS);
        puts_(&o, bad == 2 ? "W9999" : w->id);
        put(&o, ",R", 2);
        put_uint(&o, row);
        putc_(&o, ',');
        puts_(&o, members[below(r, N_MEMBERS)]);
        putc_(&o, ',');
        uint32_t g = below(r, 100);
        puts_(&o, g < 34 ? "female" : g < 96 ? "male" : g < 97 ? "other" : "");
        putc_(&o, ',');
        put(&o, dates[w->start - DAY_2024_07_01 + (long)below(r, 5)], 10);
        double lenience = (unit(r) + unit(r) + unit(r) - 1.5) * 0.9;
        for (int i = 0; i < N_ITEMS; i++) {
            putc_(&o, ',');
            double noise = (unit(r) + unit(r) - 1.0) * 1.2;
            bool blank = below(r, 100) < 5;
            if (bad == 1 && i == bad_item) {
                putc_(&o, '7');
                continue;
            }
            if (bad == 3 && i == bad_item) {
                put(&o, "4.5", 3);
                continue;
            }
            if (blank || unrated)
                continue;
            double v = w->quality + item_offset[i] + lenience + noise + 0.5;
            int rating = v < 1.0 ? 1 : v >= 5.0 ? 5 : (int)v;
            putc_(&o, (char)('0' + rating));
        }
        putc_(&o, ',');
        if (below(r, 1000) < 30)
            puts_(&o, comments[below(r, N_COMMENTS)]);
        putc_(&o, '\n');
    }
    close_out(&o);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gen ROWS SEED OUTDIR\n");
        return 2;
    }
    char *end;
    errno = 0;
    unsigned long long rows = strtoull(argv[1], &end, 10);
    if (errno || *end || argv[1][0] == '-') {
        fprintf(stderr, "gen: ROWS must be a whole number, not %s\n", argv[1]);
        return 2;
    }
    unsigned long long seed = strtoull(argv[2], &end, 10);
    if (errno || *end || argv[2][0] == '-') {
        fprintf(stderr, "gen: SEED must be a whole number, not %s\n", argv[2]);
        return 2;
    }
    if (mkdir(argv[3], 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen: cannot create %s: %s\n", argv[3], strerror(errno));
        return 1;
    }
    rng r = {seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL};
    if (r.s == 0)
        r.s = 1;
    for (int i = 0; i < 8; i++)
        next(&r);
    static workshop ws[N_WORKSHOPS];
    write_workshops(argv[3], &r, ws);
    write_evaluations(argv[3], rows, &r, ws);
    return 0;
}
