/* xlsxread_dump.c — reads the named sheets of workbooks with xlsxread, for
 * tools/bench.sh (its time and peak memory are the figure measured) and
 * tests/e2e/xlsxread.sh (its cells, against openpyxl's).
 *
 *   xlsxread_dump [--cells] "Sheet A,Sheet B" FILE.xlsx...
 *
 * Prints, per file, the cells and bytes of text read from each sheet (or
 * that the workbook has no such sheet); with --cells, one line per cell
 * instead: FILE TAB SHEET TAB ROW TAB COL TAB TEXT, with backslash, tab,
 * line feed and carriage return in TEXT written \\ \t \n \r. Exit 0, or 1
 * (usage) or 2 (a file or sheet could not be read: its message on stderr).
 * A part larger than 200 MiB is refused, as `nivaran review` does. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/load/xlsxread.h"

#define LIMIT (200ull << 20)

typedef struct {
    uint64_t cells, bytes;
    int print;
    const char *path, *sheet;
} tally;

static void put_escaped(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '\\':
            fputs("\\\\", stdout);
            break;
        case '\t':
            fputs("\\t", stdout);
            break;
        case '\n':
            fputs("\\n", stdout);
            break;
        case '\r':
            fputs("\\r", stdout);
            break;
        default:
            putchar(s[i]);
        }
    }
}

static int on_cell(void *ud, uint32_t row, uint32_t col, const char *text, size_t len)
{
    tally *t = ud;
    t->cells++;
    t->bytes += len;
    if (t->print) {
        printf("%s\t%s\t%u\t%u\t", t->path, t->sheet, row, col);
        put_escaped(text, len);
        putchar('\n');
    }
    return 0;
}

static int has_sheet(const nv_xlsxread *x, const char *name)
{
    for (size_t i = 0; i < xlsxread_sheet_count(x); i++)
        if (strcmp(xlsxread_sheet_name(x, i), name) == 0) return 1;
    return 0;
}

/* Reads each sheet of the comma-separated list from path. */
static int read_file(const char *path, const char *sheets, int print)
{
    nv_xlsxread *x = NULL;
    nv_errbuf eb;
    char list[1024];
    int rc = 0;
    if (xlsxread_open(path, LIMIT, &x, &eb) != NV_OK) {
        fprintf(stderr, "xlsxread_dump: %s\n", eb.msg);
        return 2;
    }
    snprintf(list, sizeof list, "%s", sheets);
    for (char *save = NULL, *s = strtok_r(list, ",", &save); s && !rc;
         s = strtok_r(NULL, ",", &save)) {
        tally t = {0, 0, print, path, s};
        if (!has_sheet(x, s)) {
            if (!print) printf("%s: %s: no such sheet\n", path, s);
        } else if (xlsxread_sheet(x, s, on_cell, &t, &eb) != NV_OK) {
            fprintf(stderr, "xlsxread_dump: %s\n", eb.msg);
            rc = 2;
        } else if (!print) {
            printf("%s: %s: %llu cells, %llu bytes\n", path, s, (unsigned long long)t.cells,
                   (unsigned long long)t.bytes);
        }
    }
    xlsxread_close(x);
    return rc;
}

int main(int argc, char **argv)
{
    int print = argc > 1 && strcmp(argv[1], "--cells") == 0;
    if (argc < 3 + print) {
        fprintf(stderr, "usage: xlsxread_dump [--cells] SHEET[,SHEET...] FILE.xlsx...\n");
        return 1;
    }
    for (int i = 2 + print; i < argc; i++) {
        int rc = read_file(argv[i], argv[1 + print], print);
        if (rc) return rc;
    }
    return 0;
}
