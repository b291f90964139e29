/* test_figures.c — the table-driven cases of tests/figures/ (FILE.test) (records,
 * a window, the expected open-data rows, each worked out by hand; the
 * format is in the files' header), run through the figures engine and the
 * open-data writer, as a night does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "nivaran/compute/figures.h"
#include "nivaran/compute/metrics.h"
#include "nivaran/core/outfile.h"
#include "nivaran/compute/profile.h"
#include "nivaran/core/report.h"

#define SCRATCH "tests/tmp/unit_figures"
#define MAXL 64

typedef struct {
    char name[256], profile[64], org[1024], first[64], last[32];
    char rec[MAXL][256], wing[MAXL][256], xen[MAXL][256];
    int n_rec, n_wing, n_xen, has_xen;
} tcase;

/* "2024-12-10T08:00" in IST; -1 for "-". */
static int64_t ist_time(const char *s)
{
    int y, mo, d, h, mi;
    if (strcmp(s, "-") == 0) return -1;
    if (sscanf(s, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5) fail_msg("bad time '%s'", s);
    return fx_ist(y, mo, d, h, mi);
}

static int64_t ist_day(const char *s)
{
    int y, m, d;
    if (nvt_parse_ymd(s, &y, &m, &d) != 0) fail_msg("bad day '%s'", s);
    return nvt_days_from_civil(y, m, d);
}

static void load_org(sqlite3 *db, char *org)
{
    const char *pair[2];
    int k = 0;
    for (char *save = NULL, *t = strtok_r(org, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        pair[k++] = t;
        if (k == 2) {
            assert_int_equal(fx_org(db, pair, 1), 0);
            k = 0;
        }
    }
    assert_int_equal(k, 0);
}

static void load_record(sqlite3 *db, char *line)
{
    char *f[7], *save = NULL;
    int n = 0;
    for (char *t = strtok_r(line, " ", &save); t && n < 7; t = strtok_r(NULL, " ", &save))
        f[n++] = t;
    if (n != 7) fail_msg("record: 7 fields expected");
    fx_rec r;
    memset(&r, 0, sizeof r);
    r.record_id = f[0];
    r.wing = f[1];
    r.xen_id = f[2];
    r.category = f[3];
    r.status = f[4];
    r.registered = ist_time(f[5]);
    r.disposed = ist_time(f[6]);
    r.has_disposed = r.disposed >= 0;
    assert_int_equal(fx_add(db, &r), 0);
}

/* The file's lines but its header, against the expected rows. */
static void same_rows(const char *path, char (*want)[256], int n, const char *what)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    int k = -1;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (k >= 0) {
            if (k >= n) fail_msg("%s: an extra row '%s'", what, line);
            if (strcmp(line, want[k]) != 0)
                fail_msg("%s: row %d is '%s', worked out by hand '%s'", what, k + 1, line, want[k]);
        }
        k++;
    }
    fclose(f);
    if (k != n) fail_msg("%s: %d rows, worked out by hand %d", what, k, n);
}

static void run_case(tcase *c)
{
    nv_errbuf eb;
    nv_profile p;
    nv_figures fg;
    nv_report r;
    sqlite3 *db = fx_db();
    assert_non_null(db);
    load_org(db, c->org);
    for (int i = 0; i < c->n_rec; i++)
        load_record(db, c->rec[i]);
    assert_int_equal(profile_load("templates", c->profile, &p, &eb), NV_OK);
    if (metrics_judge(db, &p, &eb) != NV_OK) fail_msg("judge: %s", eb.msg);
    nv_tz ist = nvt_ist();
    memset(&r, 0, sizeof r);
    report_set_window(&r, &ist, ist_day(c->first), ist_day(c->last));
    if (figures_build(db, &ist, r.first_day, r.last_day, &fg, &eb) != NV_OK)
        fail_msg("figures: %s", eb.msg);
    outfile_rmtree(SCRATCH);
    assert_int_equal(outfile_mkdirs(SCRATCH, &eb), NV_OK);
    assert_int_equal(
        metrics_write_open_data(figures_table(&fg, NV_FIG_REPORT), SCRATCH, r.report_date, &eb),
        NV_OK);
    char what[300];
    snprintf(what, sizeof what, "%.200s: sla_by_wing.csv", c->name);
    same_rows(SCRATCH "/open-data/sla_by_wing.csv", c->wing, c->n_wing, what);
    if (c->has_xen) {
        snprintf(what, sizeof what, "%.200s: sla_by_xen.csv", c->name);
        same_rows(SCRATCH "/open-data/sla_by_xen.csv", c->xen, c->n_xen, what);
    }
    figures_free(&fg);
    db_close(db);
}

/* Copies the value after "key: " into dst when line starts with it. */
static int take(const char *line, const char *key, char *dst, size_t n)
{
    size_t k = strlen(key);
    if (strncmp(line, key, k) != 0 || line[k] != ':') return 0;
    snprintf(dst, n, "%s", line + k + 1 + (line[k + 1] == ' '));
    return 1;
}

static int run_file(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    int cases = 0;
    tcase *c = calloc(1, sizeof *c);
    assert_non_null(c);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        if (take(line, "case", c->name, sizeof c->name) ||
            take(line, "profile", c->profile, sizeof c->profile) ||
            take(line, "org", c->org, sizeof c->org) ||
            take(line, "window", c->first, sizeof c->first))
            continue;
        if (c->n_rec < MAXL && take(line, "record", c->rec[c->n_rec], sizeof c->rec[0])) {
            c->n_rec++;
            continue;
        }
        if (c->n_wing < MAXL && take(line, "wing", c->wing[c->n_wing], sizeof c->wing[0])) {
            c->n_wing++;
            continue;
        }
        if (c->n_xen < MAXL && take(line, "xen", c->xen[c->n_xen], sizeof c->xen[0])) {
            c->n_xen++;
            c->has_xen = 1;
            continue;
        }
        if (strcmp(line, "end") != 0) fail_msg("%s: cannot read '%s'", path, line);
        char *sp = strchr(c->first, ' ');
        if (!sp) fail_msg("%s: window needs FIRST LAST", c->name);
        *sp = 0;
        snprintf(c->last, sizeof c->last, "%s", sp + 1);
        run_case(c);
        cases++;
        memset(c, 0, sizeof *c);
    }
    fclose(f);
    free(c);
    return cases;
}

static void test_cases(void **state)
{
    (void)state;
    DIR *d = opendir("tests/figures");
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        size_t k = strlen(e->d_name);
        if (k < 6 || strcmp(e->d_name + k - 5, ".test") != 0) continue;
        char path[512];
        snprintf(path, sizeof path, "tests/figures/%s", e->d_name);
        n += run_file(path);
    }
    closedir(d);
    assert_true(n >= 5); /* every case file was read */
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_cases)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
