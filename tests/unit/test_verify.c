/* test_verify.c — the call-back draw of VERIFY.md on hand-written fixtures:
 * who is a candidate, the priorities, the hash order (computed here
 * independently with OpenSSL's SHA256, and one hash worked out with Python's
 * hashlib), the per-XEN cut, fewer candidates than per_xen, the empty salt,
 * the stored list not redrawn, NOT REACHABLE listed once more with priority
 * 0, a period drawing nothing; the template's keys; the CSV formula guard;
 * reading a filled list back (the rules of "Reading them back"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "nivaran/store/queries.h"
#include "nivaran/core/report.h"
#include "nivaran/compute/verify.h"

#define H 3600

static nv_report day_report(sqlite3 *db, const char *day)
{
    nv_report r;
    int y, m, d;
    memset(&r, 0, sizeof r);
    assert_int_equal(nvt_parse_ymd(day, &y, &m, &d), 0);
    nv_tz tz = nvt_ist();
    report_set_window(&r, &tz, nvt_days_from_civil(y, m, d), nvt_days_from_civil(y, m, d));
    r.db = db;
    r.templates_dir = "templates";
    return r;
}

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) fprintf(stderr, "%s\n", msg);
    assert_null(msg);
}

/* A resolved 1912 complaint of xen disposed at IST 2024-12-31 hh:00. */
static void add(sqlite3 *db, const char *id, const char *xen, int hh, int otp)
{
    fx_rec r = {.record_id = id,
                .category = "VOLTAGE",
                .wing = "TECHNICAL",
                .xen_id = xen,
                .status = "RESOLVED",
                .registered = fx_ist(2024, 12, 30, 10, 0),
                .disposed = fx_ist(2024, 12, 31, hh, 0),
                .has_disposed = 1,
                .mobile = "9876543210",
                .otp = otp};
    assert_int_equal(fx_add(db, &r), 0);
}

static void sha_hex(const char *s, char hex[65])
{
    unsigned char d[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)s, strlen(s), d);
    for (int i = 0; i < 32; i++)
        sprintf(hex + 2 * i, "%02x", d[i]);
}

typedef struct {
    const char *id;
    int priority;
    char hex[65];
} exp_row;

static int exp_cmp(const void *a, const void *b)
{
    const exp_row *x = a, *y = b;
    if (x->priority != y->priority) return x->priority - y->priority;
    return strcmp(x->hex, y->hex);
}

/* The stored list of day for xen as "ID:P,ID:P,..." in draw order. */
static void listed(sqlite3 *db, const char *day, const char *xen, char *out, size_t n)
{
    sqlite3_stmt *st;
    out[0] = 0;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT r.record_id, c.priority FROM callback c JOIN "
                                        "record r ON r.rec = c.rec WHERE c.report_day = ?1 AND "
                                        "c.xen_id = ?2 ORDER BY c.draw_order",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, xen, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW)
        snprintf(out + strlen(out), n - strlen(out), "%s%s:%d", out[0] ? "," : "",
                 (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1));
    sqlite3_finalize(st);
}

static void draw(sqlite3 *db, const char *day, const char *salt, int per_xen, nv_verify_day *vd)
{
    nv_verify_cfg cfg;
    nv_errbuf eb;
    verify_cfg_defaults(&cfg);
    cfg.per_xen = per_xen;
    nv_report r = day_report(db, day);
    nv_err e = verify_draw(db, &cfg, &r, salt, vd, &eb);
    if (e) fprintf(stderr, "verify_draw: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
}

/* XEN-A: R1 flagged, R2 OTP N (priority 1), R3..R8 plain (priority 2); and
 * records that are no candidates. XEN-B: two candidates. */
static sqlite3 *fixture(void)
{
    sqlite3 *db = fx_db();
    assert_non_null(db);
    add(db, "R1", "XEN-A", 9, 1);
    add(db, "R2", "XEN-A", 10, 2);
    for (int i = 3; i <= 8; i++) {
        char id[16];
        snprintf(id, sizeof id, "R%d", i);
        add(db, id, "XEN-A", 10 + i, 1);
    }
    add(db, "B1", "XEN-B", 9, 0);
    add(db, "B2", "XEN-B", 12, 0);
    /* no candidates: disposed the day before, open, rejected, an
     * application, a time anomaly, no XEN, no wing, an application layout */
    add(db, "X1", "XEN-A", 9, 2);
    exec(db, "UPDATE record SET disposed = disposed - 86400 WHERE record_id = 'X1'");
    add(db, "X2", "XEN-A", 9, 2);
    exec(db, "UPDATE record SET status = 'OPEN', disposed = NULL WHERE record_id = 'X2'");
    add(db, "X3", "XEN-A", 9, 2);
    exec(db, "UPDATE record SET status = 'REJECTED' WHERE record_id = 'X3'");
    add(db, "X4", "XEN-A", 9, 2);
    exec(db, "UPDATE record SET is_application = 1 WHERE record_id = 'X4'");
    add(db, "X5", "XEN-A", 9, 2);
    exec(db, "UPDATE record SET time_anomaly = 1 WHERE record_id = 'X5'");
    add(db, "X6", "UNASSIGNED", 9, 2);
    add(db, "X7", "XEN-A", 9, 2);
    exec(db, "UPDATE record SET wing = 'UNMAPPED' WHERE record_id = 'X7'");
    exec(db, "UPDATE record SET layout = 'kesco_1912'");
    add(db, "X8", "XEN-A", 9, 2);
    exec(db, "UPDATE record SET layout = 'jhatpat' WHERE record_id = 'X8'");
    add(db, "X9", "XEN-A", 9, 2); /* no mobile to call */
    exec(db, "UPDATE record SET mobile = NULL, layout = 'kesco_1912' WHERE record_id = 'X9'");
    /* R1's record-level flag */
    exec(db, "INSERT INTO flag(flag_code, severity, rec, wing, xen_id, evidence) SELECT "
             "'FAST_CLOSE', 'MEDIUM', rec, wing, xen_id, 'e' FROM record WHERE record_id = 'R1'");
    return db;
}

/* The expected list of XEN-A, computed here: priorities by hand, order by
 * SHA256 of salt|day|id, cut at per_xen. */
static void expected_a(const char *salt, const char *day, int per_xen, char *out, size_t n)
{
    exp_row v[8];
    for (int i = 0; i < 8; i++) {
        static const char *ids[] = {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8"};
        char s[128];
        v[i].id = ids[i];
        v[i].priority = i < 2 ? 1 : 2;
        snprintf(s, sizeof s, "%s|%s|%s", salt, day, ids[i]);
        sha_hex(s, v[i].hex);
    }
    qsort(v, 8, sizeof v[0], exp_cmp);
    out[0] = 0;
    for (int i = 0; i < 8 && i < per_xen; i++)
        snprintf(out + strlen(out), n - strlen(out), "%s%s:%d", out[0] ? "," : "", v[i].id,
                 v[i].priority);
}

static void test_hash(void **state)
{
    (void)state;
    char hex[65];
    /* python3: hashlib.sha256(b"|2024-12-31|R1").hexdigest() */
    assert_int_equal(verify_hash(NULL, NULL, "2024-12-31", "R1", hex), 0);
    assert_string_equal(hex, "d0a8a861f127682a21966d7734d62b87216cce3a8affbd67f86e5772eec9fdad");
    assert_int_equal(verify_hash(NULL, "", "2024-12-31", "R1", hex), 0);
    assert_string_equal(hex, "d0a8a861f127682a21966d7734d62b87216cce3a8affbd67f86e5772eec9fdad");
    /* hashlib.sha256(b"pepper|2024-12-31|R1").hexdigest() */
    assert_int_equal(verify_hash(NULL, "pepper", "2024-12-31", "R1", hex), 0);
    assert_string_equal(hex, "db61a011d5eb0f1a616c2939f0c1ea5e7c122f06acfe5ac32701100c23af4075");
    /* one hasher for many (the draw's): each digest starts over */
    nv_sha256 *h = outfile_sha_new();
    assert_non_null(h);
    assert_int_equal(verify_hash(h, "pepper", "2024-12-31", "R1", hex), 0);
    assert_string_equal(hex, "db61a011d5eb0f1a616c2939f0c1ea5e7c122f06acfe5ac32701100c23af4075");
    assert_int_equal(verify_hash(h, NULL, "2024-12-31", "R1", hex), 0);
    assert_string_equal(hex, "d0a8a861f127682a21966d7734d62b87216cce3a8affbd67f86e5772eec9fdad");
    outfile_sha_free(h);
}

static void test_draw_salted(void **state)
{
    (void)state;
    sqlite3 *db = fixture();
    nv_verify_day vd;
    char got[512], want[512];
    draw(db, "2024-12-31", "pepper", 5, &vd);
    assert_int_equal(vd.drawn, 1);
    assert_int_equal(vd.salted, 1);
    assert_int_equal(vd.newly_drawn, 1);
    listed(db, "2024-12-31", "XEN-A", got, sizeof got);
    expected_a("pepper", "2024-12-31", 5, want, sizeof want);
    assert_string_equal(got, want);
    /* the two priority-1 records come first whatever their hashes */
    assert_true(strstr(got, "R1:1") && strstr(got, "R2:1"));
    assert_true(got[3] == '1' && got[8] == '1');
    /* fewer candidates than per_xen: both of XEN-B, by hash */
    listed(db, "2024-12-31", "XEN-B", got, sizeof got);
    char h1[65], h2[65];
    sha_hex("pepper|2024-12-31|B1", h1);
    sha_hex("pepper|2024-12-31|B2", h2);
    assert_string_equal(got, strcmp(h1, h2) < 0 ? "B1:2,B2:2" : "B2:2,B1:2");
    /* no other XEN got a list (UNASSIGNED), 7 rows in all */
    assert_int_equal(vd.n_listed, 7);
    db_close(db);
}

static void test_draw_cut_and_no_salt(void **state)
{
    (void)state;
    sqlite3 *db = fixture();
    nv_verify_day vd;
    char got[512], want[512];
    draw(db, "2024-12-31", NULL, 3, &vd);
    assert_int_equal(vd.salted, 0);
    listed(db, "2024-12-31", "XEN-A", got, sizeof got);
    expected_a("", "2024-12-31", 3, want, sizeof want);
    assert_string_equal(got, want);
    /* per_xen 3: the two of priority 1 and the lowest hash of priority 2 */
    assert_int_equal(strncmp(got, "R", 1), 0);
    assert_int_equal(vd.n_listed, 5);
    /* stored: a later report of the day shows the stored list, whatever
     * the salt or the flags then */
    exec(db, "DELETE FROM flag");
    draw(db, "2024-12-31", "pepper", 5, &vd);
    assert_int_equal(vd.newly_drawn, 0);
    assert_int_equal(vd.salted, 0);
    listed(db, "2024-12-31", "XEN-A", got, sizeof got);
    assert_string_equal(got, want);
    db_close(db);
}

static void test_not_reachable_once_more(void **state)
{
    (void)state;
    sqlite3 *db = fixture();
    nv_verify_day vd;
    char got[512], want[512];
    draw(db, "2024-12-31", "pepper", 2, &vd);
    listed(db, "2024-12-31", "XEN-A", got, sizeof got);
    assert_string_equal(got, strstr(got, "R1:1,") == got ? "R1:1,R2:1" : "R2:1,R1:1");
    exec(db, "INSERT INTO callback_outcome(callback_key, list_day, rec, wing, outcome, "
             "file_sha256, file_day, read_at) SELECT '2024-12-31|R1', '2024-12-31', rec, "
             "'TECHNICAL', 'NOT REACHABLE', 'x', '2024-12-31', 't' FROM record WHERE record_id = "
             "'R1'");
    /* the next day's draw has no candidates of its own (all disposed on the
     * 31st): R1 alone, priority 0 */
    draw(db, "2025-01-01", "pepper", 2, &vd);
    listed(db, "2025-01-01", "XEN-A", got, sizeof got);
    assert_string_equal(got, "R1:0");
    assert_int_equal(vd.n_carried, 1);
    /* after the draw's rows: a day with candidates */
    exec(db, "UPDATE callback_outcome SET carried_to = NULL");
    exec(db, "DELETE FROM callback WHERE report_day = '2025-01-01'");
    exec(db, "DELETE FROM callback_day WHERE report_day = '2025-01-01'");
    exec(db, "UPDATE record SET disposed = disposed + 86400 WHERE record_id IN ('B1', 'R5')");
    draw(db, "2025-01-01", "pepper", 2, &vd);
    listed(db, "2025-01-01", "XEN-A", got, sizeof got);
    assert_string_equal(got, "R5:2,R1:0");
    /* once only */
    exec(db, "UPDATE record SET disposed = disposed + 86400 WHERE record_id = 'R5'");
    draw(db, "2025-01-02", "pepper", 2, &vd);
    listed(db, "2025-01-02", "XEN-A", got, sizeof got);
    assert_string_equal(got, "R5:2");
    (void)want;
    db_close(db);
}

static void test_period_draws_nothing(void **state)
{
    (void)state;
    sqlite3 *db = fixture();
    nv_verify_cfg cfg;
    nv_verify_day vd;
    nv_errbuf eb;
    nv_report r = day_report(db, "2024-12-31");
    nv_tz tz = nvt_ist();
    report_set_window(&r, &tz, r.first_day - 6, r.last_day);
    verify_cfg_defaults(&cfg);
    assert_int_equal(verify_draw(db, &cfg, &r, "pepper", &vd, &eb), NV_OK);
    assert_int_equal(vd.drawn, 0);
    assert_int_equal(db_record_count(db) > 0, 1);
    char got[64];
    listed(db, "2024-12-31", "XEN-A", got, sizeof got);
    assert_string_equal(got, "");
    db_close(db);
}

/* An organisation none of whose layouts maps a mobile (a US city's 311
 * export) has no one to call: no list, no stored day, nothing predictable. */
static void test_no_mobile_layout_no_list(void **state)
{
    (void)state;
    sqlite3 *db = fixture();
    nv_verify_cfg cfg;
    nv_verify_day vd;
    nv_errbuf eb;
    nv_report r = day_report(db, "2024-12-31");
    r.org_name = "City of Boston";
    verify_cfg_defaults(&cfg);
    assert_int_equal(verify_draw(db, &cfg, &r, NULL, &vd, &eb), NV_OK);
    assert_int_equal(vd.drawn, 0);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT (SELECT count(*) FROM callback) + (SELECT "
                                        "count(*) FROM callback_day)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    /* KESCO's 1912 layout maps a mobile: a list */
    r.org_name = "KESCO";
    assert_int_equal(verify_draw(db, &cfg, &r, NULL, &vd, &eb), NV_OK);
    assert_int_equal(vd.drawn, 1);
    assert_int_equal(vd.n_listed, 7);
    db_close(db);
}

static void test_cfg(void **state)
{
    (void)state;
    nv_verify_cfg c;
    nv_errbuf eb;
    assert_int_equal(verify_load_cfg("templates", &c, &eb), NV_OK);
    assert_int_equal(c.per_xen, 5);
    assert_true(c.max_record_pct == 5.0 && c.max_xen_pct == 25.0);
    assert_int_equal(strlen(c.sha256), 64);
    char dir[] = "/tmp/nv_verify_cfgXXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/verify.ini", dir);
    FILE *f = fopen(path, "w");
    fputs("[verify]\nper_xen = 7\nmax_xen_pct = 30\n", f);
    fclose(f);
    assert_int_equal(verify_load_cfg(dir, &c, &eb), NV_OK);
    assert_int_equal(c.per_xen, 7);
    assert_true(c.max_xen_pct == 30.0 && c.max_record_pct == 5.0);
    f = fopen(path, "w");
    fputs("[verify]\nper_xen = many\n", f);
    fclose(f);
    assert_int_equal(verify_load_cfg(dir, &c, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "per_xen"));
    f = fopen(path, "w");
    fputs("[verify]\ncolour = red\n", f);
    fclose(f);
    assert_int_equal(verify_load_cfg(dir, &c, &eb), NV_ERR_CONFIG);
    assert_non_null(strstr(eb.msg, "colour"));
    unlink(path);
    rmdir(dir);
}

static void test_csv_guard(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    verify_csv_cell(f, "=HYPERLINK(1)", 0);
    verify_csv_cell(f, "-12.5", 0);
    verify_csv_cell(f, "+1e5", 0);
    verify_csv_cell(f, "@x", 0);
    verify_csv_cell(f, "-", 0);
    verify_csv_cell(f, "plain", 1);
    fclose(f);
    assert_string_equal(buf, "'=HYPERLINK(1),-12.5,+1e5,'@x,'-,plain\n");
    free(buf);
}

/* Reads the CSV text into db through a temporary file; returns stats. */
static nv_review_stats read_csv(sqlite3 *db, const char *text, char *rej, size_t rn)
{
    char path[] = "/tmp/nv_verify_listXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    nv_review_stats st = {0};
    nv_errbuf eb;
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    const char *paths[] = {path};
    nv_err e = verify_read_files(db, "KESCO", paths, 1, "2025-01-01T09:00:00+05:30", f, &st, &eb);
    if (e) fprintf(stderr, "verify_read_files: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    fclose(f);
    /* the file name varies: keep sheet,row,reason */
    rej[0] = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
        snprintf(rej + strlen(rej), rn - strlen(rej), "%s\n", strchr(line, ',') + 1);
    free(buf);
    unlink(path);
    return st;
}

static void outcome_of(sqlite3 *db, const char *key, char *out, size_t n)
{
    sqlite3_stmt *st;
    snprintf(out, n, "(none)");
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT coalesce(outcome, 'NULL') || '/' || "
                                        "coalesce(note, '') || '/' || file_day FROM "
                                        "callback_outcome WHERE callback_key = ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(out, n, "%s", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static void test_read_list(void **state)
{
    (void)state;
    sqlite3 *db = fixture();
    nv_verify_day vd;
    char rej[2048], got[256];
    draw(db, "2024-12-31", "pepper", 5, &vd);
    const char *hdr = "\xEF\xBB\xBF"
                      "callback_key,wing,xen_id,record_id,source,priority,mobile,account,"
                      "category,registered,disposed,closedby,otp_verified,outcome,note\n";
    char text[2048];
    snprintf(text, sizeof text,
             "%s"
             "2024-12-31|R1,TECHNICAL,XEN-A,R1,1912,1,9876543210,,,,,,,NOT FIXED,still dark\n"
             "2024-12-31|B1,TECHNICAL,XEN-B,B1,1912,2,9876543210,,,,,,,fixed,\n"
             "2024-12-31|R2,TECHNICAL,XEN-A,R2,1912,1,9876543210,,,,,,,,\n"
             "2024-12-31|X6,TECHNICAL,UNASSIGNED,X6,1912,2,,,,,,,,FIXED,\n"
             "2024-12-31|B2,TECHNICAL,XEN-B,B2,1912,2,,,,,,,,MAYBE,\n"
             "garbage,,,,,,,,,,,,,FIXED,\n"
             "#,,,,,,,,,,,,,,note row\n",
             hdr);
    nv_review_stats st = read_csv(db, text, rej, sizeof rej);
    assert_int_equal(st.files, 1);
    assert_int_equal(st.stored, 2);
    assert_int_equal(st.refused, 3);
    assert_non_null(strstr(rej, ",5,unknown call-back key '2024-12-31|X6'"));
    assert_non_null(strstr(rej, ",6,\"outcome 'MAYBE' is not one of"));
    assert_non_null(strstr(rej, ",7,call-back key 'garbage' is not DAY|RECORD_ID"));
    outcome_of(db, "2024-12-31|R1", got, sizeof got);
    assert_string_equal(got, "NOT FIXED/still dark/2024-12-31");
    outcome_of(db, "2024-12-31|B1", got, sizeof got);
    assert_string_equal(got, "FIXED//2024-12-31");
    outcome_of(db, "2024-12-31|R2", got, sizeof got);
    assert_string_equal(got, "(none)");
    /* the same file twice changes nothing */
    exec(db, "CREATE TEMP TABLE snap AS SELECT * FROM callback_outcome");
    st = read_csv(db, text, rej, sizeof rej);
    assert_int_equal(st.stored, 0);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM (SELECT * FROM callback_outcome "
                                        "EXCEPT SELECT * FROM snap)",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    /* a file that is no list: refused whole on row 0 */
    st = read_csv(db, "a,b\n1,2\n", rej, sizeof rej);
    assert_int_equal(st.files_refused, 1);
    assert_non_null(strstr(rej, ",0,\"not a call-back list"));
    db_close(db);
}

/* ---- NOT_FIXED_RATE and CALLBACK_NOT_FIXED ---- */

typedef struct {
    const char *xen;
    int reached, not_fixed;
} nfr_case_xen;

/* Lists n calls of xen on day with outcome (records created here). */
static void calls(sqlite3 *db, const char *xen, const char *day, int n, const char *outcome,
                  int *seq)
{
    for (int i = 0; i < n; i++) {
        char id[32], sql[1024];
        snprintf(id, sizeof id, "C%d", ++*seq);
        add(db, id, xen, 9, 1);
        snprintf(sql, sizeof sql,
                 "INSERT INTO callback SELECT '%s', rec, 'TECHNICAL', xen_id, 2, %d, '' FROM "
                 "record WHERE record_id = '%s';"
                 "INSERT INTO callback_outcome(callback_key, list_day, rec, wing, outcome, note, "
                 "file_sha256, file_day, read_at) SELECT '%s|%s', '%s', rec, 'TECHNICAL', '%s', "
                 "'n%d', 'x', '%s', 't' FROM record WHERE record_id = '%s'",
                 day, *seq, id, day, id, day, outcome, *seq, day, id);
        exec(db, sql);
    }
}

/* The NOT_FIXED_RATE flags of 2024-12-31 as "XEN,XEN" in xen order. */
static void nfr_run(const nfr_case_xen *v, size_t n, char *out, size_t on)
{
    sqlite3 *db = fx_db();
    int seq = 0;
    assert_non_null(db);
    for (size_t i = 0; i < n; i++) {
        calls(db, v[i].xen, "2024-12-20", v[i].not_fixed, "NOT FIXED", &seq);
        calls(db, v[i].xen, "2024-12-02", v[i].reached - v[i].not_fixed, "FIXED", &seq);
        /* neither reached nor in the window: counted nowhere */
        calls(db, v[i].xen, "2024-12-20", 2, "WRONG NUMBER", &seq);
        calls(db, v[i].xen, "2024-12-21", 1, "NOT REACHABLE", &seq);
        calls(db, v[i].xen, "2024-12-01", 5, "NOT FIXED", &seq);
    }
    nv_verify_cfg cfg;
    nv_errbuf eb;
    verify_cfg_defaults(&cfg);
    nv_report r = day_report(db, "2024-12-31");
    nv_err e = verify_flags(db, &cfg, 1.5, &r, &eb);
    if (e) fprintf(stderr, "verify_flags: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    sqlite3_stmt *st;
    out[0] = 0;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT xen_id FROM flag WHERE flag_code = "
                                        "'NOT_FIXED_RATE' AND report_day = '2024-12-31' AND "
                                        "severity = 'MEDIUM' ORDER BY xen_id",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        snprintf(out + strlen(out), on - strlen(out), "%s%s", out[0] ? "," : "",
                 sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    /* every NOT FIXED call raised CALLBACK_NOT_FIXED on its record (the
     * ones outside the 30 days too: a record-level flag is about the record) */
    int want = 0;
    for (size_t i = 0; i < n; i++)
        want += v[i].not_fixed + 5;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*), sum(severity = 'HIGH') FROM flag "
                                        "WHERE flag_code = 'CALLBACK_NOT_FIXED'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), want);
    assert_int_equal(sqlite3_column_int(st, 1), want);
    sqlite3_finalize(st);
    db_close(db);
}

static void test_not_fixed_rate_fence(void **state)
{
    (void)state;
    char got[256];
    /* 1. Rates of the five XENs with 10 or more reached (F has 9: out):
     *    .1 .1 .2 .1 .8 -> sorted .1 .1 .1 .2 .8; type 7, n = 5: Q1 at
     *    h = 1 -> .1, Q3 at h = 3 -> .2; fence .2 + 1.5 * .1 = .35. E (.8,
     *    8 NOT FIXED) is above; F (9 of 9) takes no part. */
    const nfr_case_xen c1[] = {{"XEN-A", 10, 1}, {"XEN-B", 10, 1}, {"XEN-C", 10, 2},
                               {"XEN-D", 10, 1}, {"XEN-E", 10, 8}, {"XEN-F", 9, 9}};
    nfr_run(c1, 6, got, sizeof got);
    assert_string_equal(got, "XEN-E");
    /* 2. A fence of 0 flags no one: four XENs at 0, E at 2 of 40 (.05);
     *    Q1 = Q3 = 0. */
    const nfr_case_xen c2[] = {
        {"XEN-A", 40, 0}, {"XEN-B", 40, 0}, {"XEN-C", 40, 0}, {"XEN-D", 40, 0}, {"XEN-E", 40, 2}};
    nfr_run(c2, 5, got, sizeof got);
    assert_string_equal(got, "");
    /* 3. Above the fence with too few NOT FIXED: A..D at 1 of 20 (.05),
     *    fence .05; E at 2 of 10 (.2) has only 2 behind its rate; G at 3 of
     *    12 (.25) has 3: flagged. Sorted .05 .05 .05 .05 .2 .25, n = 6: Q1 at
     *    h = 1.25 -> .05, Q3 at h = 3.75 -> .05 + .75 * .15 = .1625; fence
     *    .1625 + 1.5 * .1125 = .33125: nobody. */
    const nfr_case_xen c3[] = {{"XEN-A", 20, 1}, {"XEN-B", 20, 1}, {"XEN-C", 20, 1},
                               {"XEN-D", 20, 1}, {"XEN-E", 10, 2}, {"XEN-G", 12, 3}};
    nfr_run(c3, 6, got, sizeof got);
    assert_string_equal(got, "");
    /* 4. As 3 without G: sorted .05 x4, .2; Q1 = Q3 = .05, fence .05; E at
     *    .2 is above it but has 2 NOT FIXED (< 3): not flagged; with 3 of 10
     *    (.3) it is. */
    nfr_run(c3, 5, got, sizeof got);
    assert_string_equal(got, "");
    const nfr_case_xen c4[] = {
        {"XEN-A", 20, 1}, {"XEN-B", 20, 1}, {"XEN-C", 20, 1}, {"XEN-D", 20, 1}, {"XEN-E", 10, 3}};
    nfr_run(c4, 5, got, sizeof got);
    assert_string_equal(got, "XEN-E");
}

/* Schema version 3 migrates a version-2 database: its rows are kept and the
 * new tables are there, empty. */
static void test_migrate_v2(void **state)
{
    (void)state;
    char path[] = "/tmp/nv_verify_v2XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    exec(db, queries_get("migrate_001"));
    exec(db, queries_get("migrate_002"));
    exec(db, "PRAGMA user_version = 2; INSERT INTO meta VALUES ('organisation', 'KESCO');"
             "INSERT INTO record(source, record_id, layout, category, wing, xen_id, raw_status, "
             "status, registered, last_updated, raw, load_id, line) VALUES ('1912', 'K1', "
             "'kesco_1912', 'VOLTAGE', 'TECHNICAL', 'XEN-T01', 'Open', 'OPEN', 1, 1, 'raw', 1, 2)");
    sqlite3_close(db);
    nv_errbuf eb;
    assert_int_equal(db_open(path, &db, &eb), NV_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT (SELECT user_version FROM pragma_user_version), "
                                        "(SELECT count(*) FROM record WHERE record_id = 'K1'), "
                                        "(SELECT count(*) FROM callback) + (SELECT count(*) FROM "
                                        "callback_day) + (SELECT count(*) FROM callback_outcome) "
                                        "+ (SELECT count(*) FROM flag_review)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), DB_SCHEMA_VERSION); /* every migration since 2 */
    assert_int_equal(sqlite3_column_int(st, 1), 1);
    assert_int_equal(sqlite3_column_int(st, 2), 0);
    sqlite3_finalize(st);
    db_close(db);
    unlink(path);
}

/* The self-check on a hand-worked fixture: who each rule examined, who it
 * flagged, the marks. */
static void rec2(sqlite3 *db, const char *id, const char *xen, const char *cat, const char *status,
                 int app, const char *closer, const char *mobile, int day)
{
    fx_rec r = {.record_id = id,
                .category = cat,
                .wing = "TECHNICAL",
                .xen_id = xen,
                .status = status,
                .is_application = app,
                .closed_by = closer,
                .mobile = mobile,
                .registered = fx_ist(2024, 12, day, 9, 0),
                .disposed = fx_ist(2024, 12, day, 12, 0),
                .has_disposed = strcmp(status, "OPEN") != 0};
    assert_int_equal(fx_add(db, &r), 0);
}

static void test_self_check(void **state)
{
    (void)state;
    sqlite3 *db = fx_db();
    assert_non_null(db);
    rec2(db, "R1", "XEN-A", "TRANSFORMER", "RESOLVED", 0, "A", "9876543210", 20);
    rec2(db, "R2", "XEN-A", "VOLTAGE", "RESOLVED", 0, NULL, "9876543211", 20);
    rec2(db, "R3", "XEN-B", "NEW_CONNECTION", "RESOLVED", 1, "B", NULL, 21);
    rec2(db, "R4", "XEN-B", "VOLTAGE", "OPEN", 0, NULL, "9876543212", 22);
    rec2(db, "R5", "XEN-B", "TRANSFORMER", "RESOLVED", 0, "C", "9876543213", 22);
    exec(db, "UPDATE record SET time_anomaly = 1 WHERE record_id = 'R5'");
    rec2(db, "R6", "XEN-A", "TRANSFORMER", "RESOLVED", 0, "D", "9876543214", 1);
    exec(db, "UPDATE record SET registered = registered - 40 * 86400, disposed = disposed - 40 * "
             "86400 WHERE record_id = 'R6'");
    exec(db, "INSERT INTO flag_seen SELECT rec, registered, disposed, is_application, category, "
             "subdivision_key, mobile, account, closed_by FROM record");
    /* a record-level flag carries its record's id, source and times, as
     * the flag pass fills them (flag_fill_record.sql) */
    exec(db,
         "INSERT INTO flag(flag_code, severity, rec, wing, xen_id, evidence, record_id, source, "
         "registered, disposed) SELECT 'FAST_CLOSE', 'MEDIUM', rec, wing, xen_id, 'e', "
         "record_id, source, registered, disposed FROM record WHERE record_id IN ('R1', 'R6');"
         "INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence) VALUES "
         "('DEADLINE_HUG', 'MEDIUM', NULL, '2024-12-31', 'TECHNICAL', 'XEN-A', 'e')");
    nv_flag_cfg fc;
    nv_verify_cfg vc;
    nv_verify_fig f;
    nv_errbuf eb;
    flags_cfg_defaults(&fc);
    fc.officer_min_resolved = 2; /* XEN-A: R1, R2 resolved in the window; XEN-B: R3 only */
    verify_cfg_defaults(&vc);
    nv_report r = day_report(db, "2024-12-31");
    nv_err e = verify_figures(db, &r, &fc, &vc, &f, &eb);
    if (e) fprintf(stderr, "verify_figures: %s\n", eb.msg);
    assert_int_equal(e, NV_OK);
    /* rule, flagged, examined, marked: worked out by hand from the rows
     * above (R5 a time anomaly, R6 outside the 30 days) */
    static const struct {
        const char *rule;
        int64_t flagged, examined;
        int check;
    } want[] = {
        {"FAST_CLOSE", 1, 2, 1},         /* R1, R3 examined; R1 flagged: 50% > 5% */
        {"BULK_CLOSE", 0, 2, 0},         /* R1, R3 have a closing login */
        {"TOUT_PHONE", 0, 3, 0},         /* R1, R2, R4 have a mobile */
        {"QUEUE_JUMP", 0, 1, 0},         /* R3 */
        {"REPEAT_AFTER_CLOSE", 0, 2, 0}, /* R1, R2 */
        {"CALLBACK_NOT_FIXED", 0, 0, 0}, /* no call reached */
        {"DEADLINE_HUG", 1, 1, 1},       /* XEN-A of the one XEN rated: 100% > 25% */
        {"HIGH_REJECTION", 0, 1, 0},
    };
    assert_true(f.n_checks >= 8);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_string_equal(f.checks[i].rule, want[i].rule);
        assert_int_equal(f.checks[i].flagged, want[i].flagged);
        assert_int_equal(f.checks[i].examined, want[i].examined);
        assert_int_equal(f.checks[i].check, want[i].check);
    }
    /* the review counts of the register: R1's FAST_CLOSE and the officer
     * flag open; R6's is outside the 30 days */
    exec(db, "INSERT INTO flag_review(flag_key, flag_code, wing, rec, review, file_sha256, "
             "file_day, read_at) SELECT 'FAST_CLOSE|1912|R1', 'FAST_CLOSE', 'TECHNICAL', rec, "
             "'EXPLAINED', 'x', '2024-12-31', 't' FROM record WHERE record_id = 'R1'");
    verify_figures_free(&f);
    assert_int_equal(verify_figures(db, &r, &fc, &vc, &f, &eb), NV_OK);
    assert_int_equal(f.n_wings, 1);
    assert_int_equal(f.wings[0].open, 1);
    assert_int_equal(f.wings[0].explained, 1);
    assert_int_equal(f.wings[0].inquiry + f.wings[0].confirmed, 0);
    verify_figures_free(&f);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_draw_salted),
        cmocka_unit_test(test_draw_cut_and_no_salt),
        cmocka_unit_test(test_not_reachable_once_more),
        cmocka_unit_test(test_period_draws_nothing),
        cmocka_unit_test(test_no_mobile_layout_no_list),
        cmocka_unit_test(test_cfg),
        cmocka_unit_test(test_csv_guard),
        cmocka_unit_test(test_read_list),
        cmocka_unit_test(test_not_fixed_rate_fence),
        cmocka_unit_test(test_migrate_v2),
        cmocka_unit_test(test_self_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
