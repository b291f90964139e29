/* Unit tests of outfile.c: atomic writes, CSV quoting, sha256, folders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "nivaran/core/outfile.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void test_csv_quoting(void **state)
{
    (void)state;
    char path[] = "/tmp/nv_csvout_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    csvout_field(f, "plain", 0);
    csvout_field(f, "a,b", 0);
    csvout_field(f, "say \"hi\"", 0);
    csvout_field(f, "two\nlines", 0);
    csvout_field(f, NULL, 0);
    csvout_field(f, " padded", 0);
    csvout_field(f, "लाइन ठीक", 1);
    fclose(f);
    assert_string_equal(slurp(path),
                        "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\" padded\",लाइन ठीक\n");
    unlink(path);
}

/* OUTPUTS.md's formula rule, case by case (worked out by hand from the
 * rule: a risky first character and not a number), and each field as
 * csvout_field writes it. */
static void test_csv_formula_safe(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
        {"+91 98765", "'+91 98765"},
        {"-", "'-"},
        {"@SUM(A1)", "'@SUM(A1)"},
        {"\tx", "'\tx"},
        {"\rx", "\"'\rx\""}, /* CR: quoted too */
        {"=1,2", "\"'=1,2\""},
        {"-12", "-12"},
        {"+3.5", "+3.5"},
        {"-.5", "-.5"},
        {"-1e5", "-1e5"},
        {"+2.5E-3", "+2.5E-3"},
        {"-1.", "'-1."},
        {"-e5", "'-e5"},
        {"-1e", "'-1e"},
        {"--1", "'--1"},
        {"12", "12"},
        {"a=b", "a=b"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[] = "/tmp/nv_csvf_XXXXXX", want[128];
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        FILE *f = fdopen(fd, "w");
        csvout_field(f, cases[i].in, 1);
        fclose(f);
        snprintf(want, sizeof want, "%s\n", cases[i].out);
        assert_string_equal(slurp(path), want);
        unlink(path);
    }
}

/* Invalid UTF-8 bytes become the text \xNN; valid sequences stay. */
static void test_csv_utf8(void **state)
{
    (void)state;
    char path[] = "/tmp/nv_csvu_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    csvout_field(f,
                 "a\xff"
                 "b",
                 0);
    csvout_field(f,
                 "\xe0\xa4"
                 "x",
                 0);                       /* a cut 3-byte sequence: both bytes */
    csvout_field(f, "\xed\xa0\x80", 0);    /* a UTF-16 surrogate: invalid */
    csvout_field(f, "\xc0\xaf,", 0);       /* overlong '/', and a comma: quoted */
    csvout_field(f, "\xe0\xa4\xb2 ok", 1); /* valid */
    fclose(f);
    assert_string_equal(slurp(path), "a\\xffb,\\xe0\\xa4x,\\xed\\xa0\\x80,\"\\xc0\\xaf,\","
                                     "\xe0\xa4\xb2 ok\n");
    unlink(path);
}

static void test_atomic_commit(void **state)
{
    (void)state;
    char dir[] = "/tmp/nv_out_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], tmp[300];
    snprintf(path, sizeof path, "%s/a/b/file.csv", dir);
    nv_errbuf eb;
    char sub[256];
    snprintf(sub, sizeof sub, "%s/a/b", dir);
    assert_int_equal(outfile_mkdirs(sub, &eb), NV_OK);
    nv_outfile o;
    assert_int_equal(outfile_open(&o, path, &eb), NV_OK);
    fputs("abc", o.f);
    struct stat st;
    assert_int_not_equal(stat(path, &st), 0); /* not visible before commit */
    assert_int_equal(outfile_tmpname(path, tmp, sizeof tmp), 0);
    assert_int_equal(stat(tmp, &st), 0);
    assert_int_equal(outfile_commit(&o, &eb), NV_OK);
    assert_string_equal(slurp(path), "abc");
    assert_int_not_equal(stat(tmp, &st), 0);
    /* sha256("abc") = ba7816bf... (FIPS 180-2 example) */
    char hex[65];
    assert_int_equal(outfile_sha256(path, hex, &eb), NV_OK);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* abort leaves nothing */
    char p2[300];
    snprintf(p2, sizeof p2, "%s/a/other.csv", dir);
    assert_int_equal(outfile_open(&o, p2, &eb), NV_OK);
    outfile_abort(&o);
    assert_int_not_equal(stat(p2, &st), 0);
    outfile_rmtree(dir);
    assert_int_not_equal(stat(dir, &st), 0);
}

static void test_errors_name_the_path(void **state)
{
    (void)state;
    nv_errbuf eb;
    nv_outfile o;
    assert_int_equal(outfile_open(&o, "/nonexistent-dir/x.csv", &eb), NV_ERR_IO);
    assert_non_null(strstr(eb.msg, "/nonexistent-dir/x.csv"));
    assert_int_equal(outfile_mkdirs("/dev/null/sub", &eb), NV_ERR_IO);
    assert_non_null(strstr(eb.msg, "/dev/null"));
    char hex[65];
    assert_int_equal(outfile_sha256("/nonexistent-file", hex, &eb), NV_ERR_IO);
}

static void test_full_disk_is_an_error(void **state)
{
    (void)state;
    /* /dev/full accepts the open and fails every write with ENOSPC. */
    nv_outfile o;
    nv_errbuf eb;
    memset(&o, 0, sizeof o);
    o.f = fopen("/dev/full", "w");
    if (!o.f) {
        skip();
    }
    snprintf(o.path, sizeof o.path, "/dev/full");
    /* the temporary name is what commit removes on failure: never /dev/full */
    snprintf(o.tmp, sizeof o.tmp, "/tmp/nv-no-such-tmp-file");
    for (int i = 0; i < 10000; i++)
        fputs("0123456789", o.f);
    assert_int_equal(outfile_commit(&o, &eb), NV_ERR_IO);
    assert_non_null(strstr(eb.msg, "/dev/full"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_csv_formula_safe),
        cmocka_unit_test(test_csv_utf8),
        cmocka_unit_test(test_atomic_commit),
        cmocka_unit_test(test_errors_name_the_path),
        cmocka_unit_test(test_full_disk_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
