/* test_gen.c — `nivaran gen` (include/nivaran/gen/gen.h): determinism, manifest
 * counts against an independent count of the files, volumes, nightly files
 * against the snapshot, planted codes, the TIME_ANOMALY truth re-derived from
 * the rows, dirt present, option errors. Runs on a few days at scale 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nivaran/gen/gen.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/core/outfile.h"

/* ---- helpers: files, a minimal quoted-CSV reader ---- */

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)len + 1);
    if (b && fread(b, 1, (size_t)len, f) != (size_t)len) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b) b[len] = 0;
    if (n) *n = (size_t)len;
    return b;
}

#define MAXF 32
typedef struct {
    int n;
    char *f[MAXF];
} row_t;

/* Parses the CSV record at *p (RFC 4180; CR before LF dropped); fields are
 * malloc'd. Returns 0 at end of text. */
static int next_row(const char **p, row_t *r)
{
    const char *s = *p;
    r->n = 0;
    if (!*s) return 0;
    char buf[8192];
    size_t k = 0;
    int q = 0;
    for (;;) {
        char ch = *s;
        if (q) {
            if (!ch) break;
            if (ch == '"' && s[1] == '"') {
                buf[k++] = '"';
                s += 2;
                continue;
            }
            if (ch == '"') {
                q = 0;
                s++;
                continue;
            }
            buf[k++] = ch;
            s++;
            continue;
        }
        if (ch == '"') {
            q = 1;
            s++;
            continue;
        }
        if (ch == ',' || ch == '\n' || ch == 0 || (ch == '\r' && s[1] == '\n')) {
            buf[k] = 0;
            if (r->n < MAXF) r->f[r->n++] = strdup(buf);
            k = 0;
            if (ch == ',') {
                s++;
                continue;
            }
            if (ch == '\r') s++;
            if (*s == '\n') s++;
            break;
        }
        buf[k++] = ch;
        s++;
    }
    *p = s;
    return 1;
}

static void row_free(row_t *r)
{
    for (int i = 0; i < r->n; i++)
        free(r->f[i]);
    r->n = 0;
}

/* Text of a file after its BOM. */
static const char *body(const char *b)
{
    return strncmp(b, "\xEF\xBB\xBF", 3) ? b : b + 3;
}

static long count_rows(const char *path)
{
    char *b = slurp(path, NULL);
    if (!b) return -1;
    const char *p = body(b);
    row_t r;
    long n = -1; /* header */
    while (next_row(&p, &r)) {
        n++;
        row_free(&r);
    }
    free(b);
    return n;
}

static void gen_into(const char *dir, int days, const char *end, uint64_t seed, int nightly,
                     int plant)
{
    int y, m, d;
    assert_int_equal(nvt_parse_ymd(end, &y, &m, &d), 0);
    nv_gen_opts o = {days, nvt_days_from_civil(y, m, d), seed, dir, nightly, 1.0, plant};
    nv_errbuf eb;
    nv_err e = gen_run(&o, &eb);
    if (e) fprintf(stderr, "gen_run: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
}

static char *tmpdir(void)
{
    char t[] = "/tmp/nv_test_gen_XXXXXX";
    char *d = mkdtemp(t);
    assert_non_null(d);
    return strdup(d);
}

static void rmdir_all(char *d)
{
    outfile_rmtree(d);
    free(d);
}

static int list_csv(const char *dir, char names[][128], int max)
{
    DIR *dp = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (dp && (e = readdir(dp)) && n < max)
        if (strstr(e->d_name, ".csv") && strlen(e->d_name) < 128) strcpy(names[n++], e->d_name);
    if (dp) closedir(dp);
    return n;
}

static char *path2(const char *dir, const char *name)
{
    static char p[2][8192];
    static int i;
    i ^= 1;
    assert_true(strlen(dir) + strlen(name) + 2 < sizeof p[i]);
    strcpy(p[i], dir);
    strcat(p[i], "/");
    strcat(p[i], name);
    return p[i];
}

/* ---- tests ---- */

static void test_same_seed_same_bytes(void **st)
{
    (void)st;
    char *a = tmpdir(), *b = tmpdir();
    gen_into(a, 3, "2025-01-08", 11, 0, 1);
    gen_into(b, 3, "2025-01-08", 11, 0, 1);
    char names[16][128];
    int n = list_csv(a, names, 16);
    assert_int_equal(n, 5);
    for (int i = 0; i < n; i++) {
        size_t la, lb;
        char *x = slurp(path2(a, names[i]), &la), *y = slurp(path2(b, names[i]), &lb);
        assert_non_null(x);
        assert_non_null(y);
        assert_int_equal(la, lb);
        assert_memory_equal(x, y, la);
        free(x);
        free(y);
    }
    rmdir_all(a);
    rmdir_all(b);
}

static void test_other_seed_other_bytes(void **st)
{
    (void)st;
    char *a = tmpdir(), *b = tmpdir();
    gen_into(a, 2, "2025-01-08", 11, 0, 1);
    gen_into(b, 2, "2025-01-08", 12, 0, 1);
    size_t la, lb;
    char *x = slurp(path2(a, "kesco_1912_complaints_2025-01-08.csv"), &la);
    char *y = slurp(path2(b, "kesco_1912_complaints_2025-01-08.csv"), &lb);
    assert_true(la != lb || memcmp(x, y, la) != 0);
    free(x);
    free(y);
    rmdir_all(a);
    rmdir_all(b);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Manifest rows and distinct ids equal what the files hold (counted here
 * with an independent parser), in both modes. */
static void check_manifest(const char *dir)
{
    char *m = slurp(path2(dir, "gen_manifest.csv"), NULL);
    assert_non_null(m);
    const char *p = m;
    row_t r;
    int files = 0;
    long rec[3] = {-1, -1, -1}, sum[3] = {0, 0, 0};
    static const char *const src[3] = {"1912", "JHATPAT", "NIVESH_MITRA"};
    assert_true(next_row(&p, &r));
    assert_string_equal(r.f[0], "kind");
    row_free(&r);
    while (next_row(&p, &r)) {
        assert_int_equal(r.n, 4);
        if (!strcmp(r.f[0], "file")) {
            assert_int_equal(count_rows(path2(dir, r.f[1])), atol(r.f[3]));
            for (int s = 0; s < 3; s++)
                if (!strcmp(r.f[2], src[s])) sum[s] += atol(r.f[3]);
            files++;
        } else if (!strcmp(r.f[0], "records")) {
            for (int s = 0; s < 3; s++)
                if (!strcmp(r.f[2], src[s])) rec[s] = atol(r.f[3]);
        } else if (!strcmp(r.f[0], "ground_truth")) {
            assert_int_equal(count_rows(path2(dir, "ground_truth.csv")), atol(r.f[3]));
        }
        row_free(&r);
    }
    free(m);
    assert_true(files >= 3);
    /* Distinct ids, counted from the files. */
    char names[64][128];
    int n = list_csv(dir, names, 64);
    for (int s = 0; s < 3; s++) {
        size_t cap = 1024, k = 0;
        char **ids = malloc(cap * sizeof *ids);
        static const char *const pre[3] = {"kesco_1912", "jhatpat", "niveshmitra"};
        for (int i = 0; i < n; i++) {
            if (strncmp(names[i], pre[s], strlen(pre[s]))) continue;
            char *b = slurp(path2(dir, names[i]), NULL);
            const char *q = body(b);
            row_t h;
            next_row(&q, &h);
            row_free(&h);
            while (next_row(&q, &r)) {
                if (k == cap) ids = realloc(ids, (cap *= 2) * sizeof *ids);
                ids[k++] = strdup(r.f[0]);
                row_free(&r);
            }
            free(b);
        }
        qsort(ids, k, sizeof *ids, cmp_str);
        long distinct = 0;
        for (size_t i = 0; i < k; i++) {
            if (i == 0 || strcmp(ids[i], ids[i - 1])) distinct++;
        }
        for (size_t i = 0; i < k; i++)
            free(ids[i]);
        free(ids);
        assert_int_equal(distinct, rec[s]);
        assert_int_equal((long)k, sum[s]);
    }
}

static void test_manifest_counts(void **st)
{
    (void)st;
    char *a = tmpdir(), *b = tmpdir();
    gen_into(a, 3, "2025-01-08", 21, 0, 1);
    gen_into(b, 3, "2025-01-08", 21, 1, 1);
    check_manifest(a);
    check_manifest(b);
    rmdir_all(a);
    rmdir_all(b);
}

/* 12-hour time to seconds of the day. */
static int hour_of(const char *t)
{
    int d, m, y, h, mi, s;
    char ap[3];
    if (sscanf(t, "%d/%d/%d %d:%d:%d %2s", &d, &m, &y, &h, &mi, &s, ap) != 7) return -1;
    return (h % 12) + (ap[0] == 'P' ? 12 : 0);
}

static long secs_of(const char *t)
{
    int d, m, y, h, mi, s;
    char ap[3];
    if (sscanf(t, "%d/%d/%d %d:%d:%d %2s", &d, &m, &y, &h, &mi, &s, ap) != 7) return -1;
    h = (h % 12) + (ap[0] == 'P' ? 12 : 0);
    return (long)nvt_days_from_civil(y, m, d) * 86400 + h * 3600 + mi * 60 + s;
}

/* Volumes (DOMAIN.md, scale 1; 6-8 Jan 2025 is Monday to Wednesday, winter),
 * the day rhythm and the category mix. */
static void test_volumes(void **st)
{
    (void)st;
    char *a = tmpdir();
    gen_into(a, 3, "2025-01-08", 31, 0, 0);
    long n1 = count_rows(path2(a, "kesco_1912_complaints_2025-01-08.csv"));
    long nj = count_rows(path2(a, "jhatpat_applications_2025-01-08.csv"));
    long nn = count_rows(path2(a, "niveshmitra_applications_2025-01-08.csv"));
    assert_in_range(n1, 3 * 500, 3 * 900);
    assert_in_range(nj, 3 * 35, 3 * 80);
    assert_in_range(nn, 2, 30);
    char *b = slurp(path2(a, "kesco_1912_complaints_2025-01-08.csv"), NULL);
    const char *p = body(b);
    row_t r;
    long night = 0, day = 0, nosupply = 0, cat[8] = {0};
    next_row(&p, &r);
    row_free(&r);
    while (next_row(&p, &r)) {
        int h = hour_of(r.f[1]);
        if (h >= 1 && h < 5) night++;
        if (h >= 9 && h < 13) day++;
        if (!strcmp(r.f[4], "NO SUPPLY") || !strcmp(r.f[4], "FUSE OFF"))
            nosupply++;
        else if (!strcmp(r.f[3], "BILL RELATED"))
            cat[0]++;
        else if (!strcmp(r.f[3], "METER RELATED"))
            cat[1]++;
        else if (!strcmp(r.f[4], "LINE BREAKDOWN") || !strcmp(r.f[4], "WIRE SNAPPED"))
            cat[2]++;
        row_free(&r);
    }
    free(b);
    assert_true(day > 5 * night); /* day peak, night low (same 4-hour spans) */
    for (int i = 0; i < 3; i++)
        assert_true(nosupply > cat[i]);
    assert_true(nosupply > n1 / 4);
    rmdir_all(a);
}

/* The nightly files: a record's rows have increasing LAST_UPDATED and its
 * last row equals its snapshot row (compared field by field). */
static void test_nightly_matches_snapshot(void **st)
{
    (void)st;
    char *a = tmpdir(), *b = tmpdir();
    gen_into(a, 4, "2025-02-12", 41, 0, 1);
    gen_into(b, 4, "2025-02-12", 41, 1, 1);
    char *s = slurp(path2(a, "kesco_1912_complaints_2025-02-12.csv"), NULL);
    const char *p = body(s);
    row_t r, h;
    next_row(&p, &h);
    row_free(&h);
    int checked = 0, multi = 0;
    long i = 0;
    static const char *const days[4] = {"2025-02-09", "2025-02-10", "2025-02-11", "2025-02-12"};
    while (next_row(&p, &r)) {
        if (i++ % 113 == 0) {
            row_t last = {0};
            long prev_lu = -1;
            int seen = 0;
            for (int d = 0; d < 4; d++) {
                char name[128];
                snprintf(name, sizeof name, "kesco_1912_complaints_%s.csv", days[d]);
                char *nb = slurp(path2(b, name), NULL);
                assert_non_null(nb);
                const char *q = body(nb);
                row_t x;
                next_row(&q, &x);
                row_free(&x);
                while (next_row(&q, &x)) {
                    if (!strcmp(x.f[0], r.f[0])) {
                        long lu = secs_of(x.f[22]);
                        assert_true(lu > prev_lu);
                        prev_lu = lu;
                        seen++;
                        row_free(&last);
                        last = x;
                    } else {
                        row_free(&x);
                    }
                }
                free(nb);
            }
            assert_true(seen >= 1);
            if (seen > 1) multi++;
            assert_int_equal(last.n, r.n);
            for (int k = 0; k < r.n; k++)
                assert_string_equal(last.f[k], r.f[k]);
            row_free(&last);
            checked++;
        }
        row_free(&r);
    }
    free(s);
    assert_true(checked >= 10);
    assert_true(multi >= 3);
    rmdir_all(a);
    rmdir_all(b);
}

/* Every code of FLAGS.md in the ground truth; TIME_ANOMALY rows equal the
 * closed complaints whose CLOSINGDATE is before ENTRYDATE. With plant = 0 no
 * planted code and no officer flag. */
static void test_ground_truth(void **st)
{
    (void)st;
    static const char *const codes[12] = {"TIME_ANOMALY", "FAST_CLOSE",      "BULK_CLOSE",
                                          "TOUT_PHONE",   "QUEUE_JUMP",      "REPEAT_AFTER_CLOSE",
                                          "DEADLINE_HUG", "HIGH_REJECTION",  "UNVERIFIED_CLOSE",
                                          "DISSATISFIED", "FAST_CLOSE_RATE", "REPEAT_RATE"};
    char *a = tmpdir(), *z = tmpdir();
    gen_into(a, 6, "2025-04-20", 51, 0, 1);
    gen_into(z, 6, "2025-04-20", 51, 0, 0);
    char *g = slurp(path2(a, "ground_truth.csv"), NULL);
    assert_non_null(g);
    for (int i = 0; i < 12; i++) {
        char k[64];
        snprintf(k, sizeof k, "\n%s,", codes[i]);
        assert_non_null(strstr(g, k));
    }
    /* TIME_ANOMALY, re-derived. */
    char *s = slurp(path2(a, "kesco_1912_complaints_2025-04-20.csv"), NULL);
    const char *p = body(s);
    row_t r;
    int anomalies = 0;
    next_row(&p, &r);
    row_free(&r);
    while (next_row(&p, &r)) {
        if (r.f[16][0] && strstr("CLOSED CLOSE Closed", r.f[15]) &&
            secs_of(r.f[16]) < secs_of(r.f[1])) {
            char k[96];
            snprintf(k, sizeof k, "\nTIME_ANOMALY,%s,1912,", r.f[0]);
            assert_non_null(strstr(g, k));
            anomalies++;
        }
        row_free(&r);
    }
    free(s);
    int listed = 0;
    for (const char *q = g; (q = strstr(q, "\nTIME_ANOMALY,")); q++)
        listed++;
    assert_int_equal(anomalies, listed);
    assert_int_equal(anomalies, 3);
    free(g);
    g = slurp(path2(z, "ground_truth.csv"), NULL);
    for (int i = 0; i < 12; i++) {
        if (i == 1 || i == 5) continue; /* background fast closes and repeats */
        char k[64];
        snprintf(k, sizeof k, "\n%s,", codes[i]);
        assert_null(strstr(g, k));
    }
    free(g);
    rmdir_all(a);
    rmdir_all(z);
}

/* The dirt of EXPORTS.md is there. */
static void test_dirt(void **st)
{
    (void)st;
    char *a = tmpdir();
    gen_into(a, 5, "2025-05-30", 61, 0, 1);
    char *s = slurp(path2(a, "kesco_1912_complaints_2025-05-30.csv"), NULL);
    assert_memory_equal(s,
                        "\xEF\xBB\xBF"
                        "COMPLAINT_NO,",
                        16);
    assert_non_null(strstr(s, "\r\n"));
    static const char *const want[] = {"\"\"",
                                       "+91 ",
                                       ",00",
                                       ",+91",
                                       "SHRI XEN-",
                                       " Er. XEN-",
                                       " (XEN,",
                                       ",CLOSE,",
                                       ",Closed,",
                                       ",CLOSED,",
                                       ",RE-OPENED,",
                                       "लाइन ठीक कर दी गई",
                                       ",NOT SATISFIED,",
                                       ",N,",
                                       "\nConsumer informed\"",
                                       "UPPCL App",
                                       " Kanpur\"",
                                       ",REJECTED,"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        if (!strstr(s, want[i])) fprintf(stderr, "missing: %s\n", want[i]);
        assert_non_null(strstr(s, want[i]));
    }
    free(s);
    s = slurp(path2(a, "jhatpat_applications_2025-05-30.csv"), NULL);
    assert_non_null(strstr(s, "+05:30"));
    assert_non_null(strstr(s, ",CONNECTED,"));
    free(s);
    s = slurp(path2(a, "niveshmitra_applications_2025-05-30.csv"), NULL);
    assert_non_null(strstr(s, "Electricity Connection (HT/LT Industrial)"));
    free(s);
    rmdir_all(a);
}

static void test_bad_options(void **st)
{
    (void)st;
    nv_errbuf eb;
    nv_gen_opts o = {0, 20000, 1, "/tmp/nv_never", 0, 1.0, 1};
    assert_int_equal(gen_run(&o, &eb), NV_ERR_USAGE);
    o.days = 2;
    o.scale = 0;
    assert_int_equal(gen_run(&o, &eb), NV_ERR_USAGE);
    o.scale = 1;
    o.out_dir = "/proc/nv_cannot_write_here";
    nv_err e = gen_run(&o, &eb);
    assert_int_not_equal(e, NV_OK);
    assert_non_null(strstr(eb.msg, "/proc/nv_cannot_write_here"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_other_seed_other_bytes),
        cmocka_unit_test(test_manifest_counts),
        cmocka_unit_test(test_volumes),
        cmocka_unit_test(test_nightly_matches_snapshot),
        cmocka_unit_test(test_ground_truth),
        cmocka_unit_test(test_dirt),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
