/* test_csvin.c — the streaming CSV reader, on small hand-written inputs
 * whose rows, fields, line numbers and raw texts are worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "nivaran/load/csvin.h"
#include "nivaran/core/outfile.h"

/* Every test runs twice (main): with the caller parsing, and with the
 * reading thread parsing ahead; the expected rows are the same. */
static csvin_ahead_mode mode = CSVIN_AHEAD_OFF;

static int mode_off(void **state)
{
    (void)state;
    mode = CSVIN_AHEAD_OFF;
    return 0;
}

static int mode_on(void **state)
{
    (void)state;
    mode = CSVIN_AHEAD_ON;
    return 0;
}

/* A reader over the bytes of a string literal (sizeof - 1: may hold NULs). */
#define OPEN(lit) open_mem(lit, sizeof(lit) - 1)

static nv_csvin *open_mem(const char *s, size_t n)
{
    nv_csvin *r = NULL;
    nv_errbuf eb;
    assert_int_equal(csvin_open_mem_mode(s, n, "t.csv", mode, &r, &eb), NV_OK);
    assert_non_null(r);
    return r;
}

/* Next row must exist, start at line, and hold exactly the nf fields given. */
static void expect_row(nv_csvin *r, long line, size_t nf, ...)
{
    nv_csvrow row;
    nv_errbuf eb = {{0}};
    int rc = csvin_next(r, &row, &eb);
    if (rc != 1) fail_msg("expected a row at line %ld, got %d (%s)", line, rc, eb.msg);
    assert_int_equal(row.status, CSVIN_ROW_OK);
    assert_int_equal(row.line, line);
    assert_int_equal(row.nfields, nf);
    va_list ap;
    va_start(ap, nf);
    for (size_t i = 0; i < nf; i++) {
        const char *want = va_arg(ap, const char *);
        assert_int_equal(row.lens[i], strlen(want));
        assert_memory_equal(row.fields[i], want, strlen(want) + 1); /* NUL-terminated */
    }
    va_end(ap);
}

/* Next row's raw text (and its line) must be exactly raw. */
static nv_csvrow next_ok(nv_csvin *r)
{
    nv_csvrow row;
    nv_errbuf eb = {{0}};
    int rc = csvin_next(r, &row, &eb);
    if (rc != 1) fail_msg("expected a row, got %d (%s)", rc, eb.msg);
    return row;
}

static void expect_raw(const nv_csvrow *row, const char *raw)
{
    assert_int_equal(row->raw_len, strlen(raw));
    assert_memory_equal(row->raw, raw, strlen(raw));
}

static void expect_end(nv_csvin *r)
{
    nv_csvrow row;
    nv_errbuf eb = {{0}};
    assert_int_equal(csvin_next(r, &row, &eb), 0);
    assert_int_equal(csvin_next(r, &row, &eb), 0); /* and stays at the end */
}

static void test_basic(void **state)
{
    (void)state;
    nv_csvin *r = OPEN("ID,NAME,CITY\n1,Asha,Kanpur\n2,Ravi,Lucknow\n");
    expect_row(r, 1, 3, "ID", "NAME", "CITY");
    nv_csvrow row = next_ok(r);
    assert_int_equal(row.line, 2);
    expect_raw(&row, "1,Asha,Kanpur");
    assert_string_equal(row.fields[1], "Asha");
    expect_row(r, 3, 3, "2", "Ravi", "Lucknow");
    expect_end(r);
    assert_int_equal(csvin_lines(r), 3);
    assert_int_equal(csvin_had_bom(r), 0);
    csvin_close(r);
}

static void test_bom_crlf_no_final_newline(void **state)
{
    (void)state;
    nv_csvin *r = OPEN("\xEF\xBB\xBFID,V\r\n1,a\r\n2,\"b\"\r\n3,c");
    assert_int_equal(csvin_had_bom(r), 1);
    nv_csvrow row = next_ok(r);
    assert_int_equal(row.nfields, 2);
    assert_string_equal(row.fields[0], "ID"); /* BOM gone */
    assert_string_equal(row.fields[1], "V");  /* CR gone */
    expect_raw(&row, "ID,V");
    row = next_ok(r);
    expect_raw(&row, "1,a");
    assert_string_equal(row.fields[1], "a");
    row = next_ok(r);
    expect_raw(&row, "2,\"b\"");
    assert_string_equal(row.fields[1], "b"); /* closing quote then CRLF */
    row = next_ok(r);
    assert_int_equal(row.line, 4);
    expect_raw(&row, "3,c");
    assert_string_equal(row.fields[1], "c");
    expect_end(r);
    assert_int_equal(csvin_lines(r), 4);
    csvin_close(r);
}

static void test_quotes(void **state)
{
    (void)state;
    nv_csvin *r = OPEN("a,\"b,c\",\"say \"\"hi\"\"\",\"\",\"\"\"\"\n");
    expect_row(r, 1, 5, "a", "b,c", "say \"hi\"", "", "\"");
    expect_end(r);
    csvin_close(r);
}

static void test_embedded_crlf(void **state)
{
    (void)state;
    nv_csvin *r = OPEN("ID,REMARK,X\r\n"
                       "1,\"line one\r\nline two\r\n\r\nline four\",x\r\n"
                       "2,y,z\r\n");
    expect_row(r, 1, 3, "ID", "REMARK", "X");
    nv_csvrow row = next_ok(r);
    assert_int_equal(row.line, 2);
    assert_int_equal(row.status, CSVIN_ROW_OK);
    assert_int_equal(row.nfields, 3);
    /* the line breaks inside quotes are kept as in the file */
    assert_string_equal(row.fields[1], "line one\r\nline two\r\n\r\nline four");
    assert_string_equal(row.fields[2], "x");
    expect_raw(&row, "1,\"line one\r\nline two\r\n\r\nline four\",x");
    expect_row(r, 6, 3, "2", "y", "z"); /* the row took lines 2..5 */
    expect_end(r);
    assert_int_equal(csvin_lines(r), 6);
    csvin_close(r);
}

static void test_blank_lines(void **state)
{
    (void)state;
    nv_csvin *r = OPEN("\nH1,H2\n\na,b\r\n\r\n   \n\t\nc,d\n\n");
    expect_row(r, 2, 2, "H1", "H2");
    expect_row(r, 4, 2, "a", "b");
    expect_row(r, 8, 2, "c", "d");
    expect_end(r);
    assert_int_equal(csvin_lines(r), 9);
    csvin_close(r);
}

static void test_ragged(void **state)
{
    (void)state;
    nv_csvin *r = OPEN("a,b,c\n1,2\n1,2,3,4\n,,\nx\n");
    expect_row(r, 1, 3, "a", "b", "c");
    expect_row(r, 2, 2, "1", "2");
    expect_row(r, 3, 4, "1", "2", "3", "4");
    expect_row(r, 4, 3, "", "", "");
    expect_row(r, 5, 1, "x");
    expect_end(r);
    csvin_close(r);
}

static void test_spaces_kept(void **state)
{
    (void)state;
    nv_csvin *r = OPEN(" Er. XEN-T07 ,  two  words ,\"  quoted  \",\t\n");
    expect_row(r, 1, 4, " Er. XEN-T07 ", "  two  words ", "  quoted  ", "\t");
    expect_end(r);
    csvin_close(r);
}

static void test_stray_quotes(void **state)
{
    (void)state;
    /* a quote inside an unquoted field is a character and opens nothing */
    nv_csvin *r = OPEN("12\" PIPE,ab\"c,d\n"
                       " \"a,b\"\n"
                       "x,y\n");
    expect_row(r, 1, 3, "12\" PIPE", "ab\"c", "d");
    /* a space before the quote: the field is unquoted */
    expect_row(r, 2, 2, " \"a", "b\"");
    expect_row(r, 3, 2, "x", "y");
    expect_end(r);
    csvin_close(r);
}

static void test_text_after_closing_quote(void **state)
{
    (void)state;
    /* libcsv non-strict: the quote stays a character and the field stays
     * quoted until a quote followed by a comma or line end */
    nv_csvin *r = OPEN("\"ab\"c,d\ne\",f\ng,h\n");
    nv_csvrow row = next_ok(r);
    assert_int_equal(row.line, 1);
    assert_int_equal(row.nfields, 2);
    assert_string_equal(row.fields[0], "ab\"c,d\ne");
    assert_string_equal(row.fields[1], "f");
    expect_raw(&row, "\"ab\"c,d\ne\",f");
    expect_row(r, 3, 2, "g", "h");
    expect_end(r);
    csvin_close(r);
}

static void test_unescaped_inner_quotes(void **state)
{
    (void)state;
    /* an operator's remark with inner quotes that were not doubled: a quote
     * not followed by a comma or a line end is kept as a character */
    nv_csvin *r = OPEN("1,\"said \"ok\" thanks\",x\n"
                       "2,\"\"\"hi\"\" there\",y\n");
    expect_row(r, 1, 3, "1", "said \"ok\" thanks", "x");
    expect_row(r, 2, 3, "2", "\"hi\" there", "y");
    expect_end(r);
    csvin_close(r);
}

static void test_unterminated(void **state)
{
    (void)state;
    nv_csvin *r = OPEN("ID,T\n1,ok\n2,\"never closed\n3,x\r\n");
    expect_row(r, 1, 2, "ID", "T");
    expect_row(r, 2, 2, "1", "ok");
    nv_csvrow row = next_ok(r);
    assert_int_equal(row.status, CSVIN_ROW_UNTERMINATED);
    assert_int_equal(row.line, 3);
    expect_raw(&row, "2,\"never closed\n3,x");
    assert_int_equal(row.nfields, 2);
    assert_string_equal(row.fields[0], "2");
    assert_string_equal(row.fields[1], "never closed\n3,x");
    expect_end(r);
    assert_int_equal(csvin_lines(r), 4);
    csvin_close(r);

    /* the same without a final newline, and on the only line */
    r = OPEN("\"abc,d");
    row = next_ok(r);
    assert_int_equal(row.status, CSVIN_ROW_UNTERMINATED);
    assert_int_equal(row.line, 1);
    expect_raw(&row, "\"abc,d");
    assert_int_equal(row.nfields, 1);
    assert_string_equal(row.fields[0], "abc,d");
    expect_end(r);
    csvin_close(r);
}

static void test_nul_byte(void **state)
{
    (void)state;
    nv_csvin *r = OPEN("a,b\n\n1,2\n3,\0x\n4,5\n");
    expect_row(r, 1, 2, "a", "b");
    expect_row(r, 3, 2, "1", "2");
    nv_csvrow row;
    nv_errbuf eb = {{0}};
    assert_int_equal(csvin_next(r, &row, &eb), -1);
    assert_non_null(strstr(eb.msg, "t.csv"));
    assert_non_null(strstr(eb.msg, "binary data (NUL byte) at line 4"));
    assert_int_equal(csvin_next(r, &row, &eb), -1); /* and stays failed */
    csvin_close(r);

    r = OPEN("\0\0\0\0PK");
    assert_int_equal(csvin_next(r, &row, &eb), -1);
    assert_non_null(strstr(eb.msg, "at line 1"));
    csvin_close(r);
}

static void test_devanagari(void **state)
{
    (void)state;
    /* "बिजली नहीं है, कृपया" inside quotes, and unquoted "ठीक" */
    const char hi[] = "\xE0\xA4\xAC\xE0\xA4\xBF\xE0\xA4\x9C\xE0\xA4\xB2\xE0\xA5\x80 "
                      "\xE0\xA4\xA8\xE0\xA4\xB9\xE0\xA5\x80\xE0\xA4\x82 \xE0\xA4\xB9"
                      "\xE0\xA5\x88, \xE0\xA4\x95\xE0\xA5\x83\xE0\xA4\xAA\xE0\xA4\xAF"
                      "\xE0\xA4\xBE";
    const char ok[] = "\xE0\xA4\xA0\xE0\xA5\x80\xE0\xA4\x95";
    char in[256];
    snprintf(in, sizeof in, "1,\"%s\",%s\n", hi, ok);
    nv_csvin *r = open_mem(in, strlen(in));
    expect_row(r, 1, 3, "1", hi, ok);
    expect_end(r);
    csvin_close(r);
}

static void test_cr_handling(void **state)
{
    (void)state;
    /* a CR inside unquoted text is text and ends nothing; a CR at the end
     * of an unquoted field or after a closing quote is dropped */
    nv_csvin *r = OPEN("a\rb,c\r,\"d\"\r,e\r\r\n");
    expect_row(r, 1, 4, "a\rb", "c", "d", "e");
    expect_end(r);
    assert_int_equal(csvin_lines(r), 1);
    csvin_close(r);
}

static void test_empty_inputs(void **state)
{
    (void)state;
    nv_csvin *r = OPEN("");
    expect_end(r);
    assert_int_equal(csvin_lines(r), 0);
    csvin_close(r);
    r = OPEN("\xEF\xBB\xBF");
    expect_end(r);
    assert_int_equal(csvin_had_bom(r), 1);
    csvin_close(r);
    r = OPEN("\n\r\n  \n");
    expect_end(r);
    assert_int_equal(csvin_lines(r), 3);
    csvin_close(r);
    r = open_mem(NULL, 0);
    expect_end(r);
    csvin_close(r);
    /* a BOM only counts at the very start */
    r = OPEN("a\n\xEF\xBB\xBF"
             "b\n");
    expect_row(r, 1, 1, "a");
    expect_row(r, 2, 1,
               "\xEF\xBB\xBF"
               "b");
    csvin_close(r);
}

static const char *tmpfile_with(const char *data, size_t n, char *path, size_t cap);

/* A line or a row over 16 MiB is refused, not held in memory. */
static void test_too_long(void **state)
{
    (void)state;
    size_t n = (17u << 20) + 16;
    char *big = malloc(n);
    assert_non_null(big);
    memcpy(big, "h\nx,", 4);
    memset(big + 4, 'y', n - 4);
    nv_csvin *r = open_mem(big, n);
    expect_row(r, 1, 1, "h");
    nv_csvrow row;
    nv_errbuf eb;
    assert_int_equal(csvin_next(r, &row, &eb), -1);
    assert_non_null(strstr(eb.msg, "t.csv: row longer than 16 MiB at line 2"));
    csvin_close(r);

    /* an open quote running over short lines: reported at its first line */
    memcpy(big, "h\nx,\"", 5);
    for (size_t i = 5; i < n; i++)
        big[i] = (i % 80 == 0) ? '\n' : 'z';
    r = open_mem(big, n);
    expect_row(r, 1, 1, "h");
    assert_int_equal(csvin_next(r, &row, &eb), -1);
    assert_non_null(strstr(eb.msg, "row longer than 16 MiB at line 2:"));
    csvin_close(r);

    /* just under the limit is fine, from a file too */
    char path[64];
    size_t m = (16u << 20) - 8;
    memcpy(big, "h\nx,", 4);
    memset(big + 4, 'y', m - 5);
    big[m - 1] = '\n';
    tmpfile_with(big, m, path, sizeof path);
    assert_int_equal(csvin_open_mode(path, mode, &r, &eb), NV_OK);
    expect_row(r, 1, 1, "h");
    row = next_ok(r);
    assert_int_equal(row.nfields, 2);
    assert_int_equal(row.lens[1], m - 5);
    expect_end(r);
    csvin_close(r);
    unlink(path);
    free(big);
}

static void test_open_missing(void **state)
{
    (void)state;
    nv_csvin *r = (nv_csvin *)1;
    nv_errbuf eb = {{0}};
    assert_int_equal(csvin_open_mode("/nonexistent/dir/x.csv", mode, &r, &eb), NV_ERR_IO);
    assert_null(r);
    assert_non_null(strstr(eb.msg, "/nonexistent/dir/x.csv"));
    assert_non_null(strstr(eb.msg, "No such file"));
}

/* Writes n bytes to a fresh temporary file; returns its path (static). */
static const char *tmpfile_with(const char *data, size_t n, char *path, size_t cap)
{
    snprintf(path, cap, "/tmp/test_csvin_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* A long file read from disk (several refills of the 1 MiB buffer, lines
 * cut by the refills, a field longer than the buffer, a quoted field over
 * many lines) must give what the memory reader gives, row by row, and the
 * values built into it. */
static void test_file_matches_memory(void **state)
{
    (void)state;
    size_t cap = 8u << 20, n = 0;
    char *data = malloc(cap);
    assert_non_null(data);
    n += (size_t)sprintf(data + n, "\xEF\xBB\xBFID,TEXT,N\r\n");
    long rows = 0;
    for (long i = 0; n < 3000000; i++, rows++)
        n += (size_t)sprintf(data + n, "%ld,\"text, %ld \"\"q\"\"\",%ld\r\n", i, i * 7, i % 13);
    /* a 2.5 MB unquoted field */
    n += (size_t)sprintf(data + n, "big,");
    memset(data + n, 'x', 2500000);
    n += 2500000;
    n += (size_t)sprintf(data + n, ",1\r\n");
    /* a quoted field over 3000 lines */
    n += (size_t)sprintf(data + n, "multi,\"");
    for (int i = 0; i < 3000; i++)
        n += (size_t)sprintf(data + n, "l%d\r\n", i);
    n += (size_t)sprintf(data + n, "end\",2\r\nlast,row,3");
    assert_true(n < cap);

    char path[64];
    tmpfile_with(data, n, path, sizeof path);
    nv_csvin *f = NULL, *m = open_mem(data, n);
    nv_errbuf eb;
    char sha[65], want_sha[65];
    assert_int_equal(csvin_open_mode(path, mode, &f, &eb), NV_OK);
    assert_int_equal(csvin_had_bom(f), 1);
    assert_int_equal(csvin_sha256(f, sha), -1); /* not read to the end yet */
    long count = 0;
    for (;;) {
        nv_csvrow a, b;
        int ra = csvin_next(f, &a, &eb), rb = csvin_next(m, &b, &eb);
        assert_int_equal(ra, rb);
        if (ra != 1) break;
        assert_int_equal(a.line, b.line);
        assert_int_equal(a.nfields, b.nfields);
        assert_int_equal(a.raw_len, b.raw_len);
        assert_memory_equal(a.raw, b.raw, a.raw_len);
        for (size_t i = 0; i < a.nfields; i++) {
            assert_int_equal(a.lens[i], b.lens[i]);
            assert_memory_equal(a.fields[i], b.fields[i], a.lens[i] + 1);
        }
        if (count >= 1 && count <= rows) { /* the generated rows */
            char want[64];
            long i = count - 1;
            snprintf(want, sizeof want, "text, %ld \"q\"", i * 7);
            assert_int_equal(a.line, count + 1);
            assert_string_equal(a.fields[1], want);
        }
        if (count == rows + 1) {
            assert_int_equal(a.lens[1], 2500000);
            assert_int_equal(a.line, rows + 2);
        }
        if (count == rows + 2) {
            assert_int_equal(a.line, rows + 3);
            /* 3000 lines "l<i>\r\n" (3 bytes + the digits of i) then "end" */
            assert_int_equal(a.lens[1], 3000 * 3 + 10 * 1 + 90 * 2 + 900 * 3 + 2000 * 4 + 3);
            assert_string_equal(a.fields[2], "2");
        }
        count++;
    }
    assert_int_equal(count, rows + 4);
    assert_int_equal(csvin_lines(f), rows + 3 + 3001);
    assert_int_equal(csvin_lines(m), csvin_lines(f));
    /* the bytes read are the file's: its sha256 as a second reading gives */
    assert_int_equal(csvin_sha256(f, sha), 0);
    assert_int_equal(outfile_sha256(path, want_sha, &eb), NV_OK);
    assert_string_equal(sha, want_sha);
    assert_int_equal(csvin_sha256(m, sha), -1); /* memory: no file to hash */
    csvin_close(f);
    csvin_close(m);
    unlink(path);
    free(data);
}

static void test_file_nul(void **state)
{
    (void)state;
    char path[64];
    tmpfile_with("h\nx\n\0", 5, path, sizeof path);
    nv_csvin *r = NULL;
    nv_errbuf eb;
    assert_int_equal(csvin_open_mode(path, mode, &r, &eb), NV_OK);
    expect_row(r, 1, 1, "h");
    expect_row(r, 2, 1, "x");
    nv_csvrow row;
    assert_int_equal(csvin_next(r, &row, &eb), -1);
    assert_non_null(strstr(eb.msg, path));
    assert_non_null(strstr(eb.msg, "binary data (NUL byte) at line 3"));
    csvin_close(r);
    unlink(path);
}

/* Rows far larger than the reading thread's byte budget (40 rows of 1 MiB
 * against 8 MiB) come through whole and in order; a reader closed after
 * two rows, with the thread waiting for room, closes without hanging. */
static void test_big_rows(void **state)
{
    (void)state;
    size_t row = 1u << 20, n = 0, cap = 41 * (row + 16);
    char *data = malloc(cap);
    assert_non_null(data);
    n += (size_t)sprintf(data + n, "ID,T\n");
    for (int i = 0; i < 40; i++) {
        n += (size_t)sprintf(data + n, "%d,", i);
        memset(data + n, 'a' + i % 26, row);
        n += row;
        data[n++] = '\n';
    }
    for (int pass = 0; pass < 2; pass++) {
        nv_csvin *r = open_mem(data, n);
        expect_row(r, 1, 2, "ID", "T");
        for (int i = 0; i < (pass == 0 ? 40 : 1); i++) {
            nv_csvrow x = next_ok(r);
            char id[16];
            snprintf(id, sizeof id, "%d", i);
            assert_int_equal(x.line, i + 2);
            assert_string_equal(x.fields[0], id);
            assert_int_equal(x.lens[1], row);
            assert_int_equal(x.fields[1][row - 1], 'a' + i % 26);
        }
        if (pass == 0) expect_end(r);
        csvin_close(r);
    }
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_bom_crlf_no_final_newline),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_embedded_crlf),
        cmocka_unit_test(test_blank_lines),
        cmocka_unit_test(test_ragged),
        cmocka_unit_test(test_spaces_kept),
        cmocka_unit_test(test_stray_quotes),
        cmocka_unit_test(test_text_after_closing_quote),
        cmocka_unit_test(test_unescaped_inner_quotes),
        cmocka_unit_test(test_unterminated),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_devanagari),
        cmocka_unit_test(test_cr_handling),
        cmocka_unit_test(test_empty_inputs),
        cmocka_unit_test(test_too_long),
        cmocka_unit_test(test_open_missing),
        cmocka_unit_test(test_file_matches_memory),
        cmocka_unit_test(test_file_nul),
        cmocka_unit_test(test_big_rows),
    };
    int failed = cmocka_run_group_tests_name("caller parses", tests, mode_off, NULL);
    return failed + cmocka_run_group_tests_name("reading thread", tests, mode_on, NULL);
}
