/* xlsx_floor.c — the floor of writing workbooks: how long zlib takes to
 * deflate the XML they hold, for tools/bench.sh (issue 16).
 *
 *   xlsx_floor FILE.xlsx...
 *
 * Reads every part of every workbook (minizip), and deflates each part's
 * bytes again with zlib at the level libxlsxwriter writes them (zlib's
 * default, 6, raw deflate as in a zip entry), timing only the deflate calls
 * in process CPU time. Prints one line:
 *   "parts N, xml MB X, deflated MB Y, deflate CPU s Z"
 * What the workbooks stage costs beyond Z is forming the XML (ours and
 * libxlsxwriter's) and its temporary files. Exit 0, 1 (usage) or 2 (a file
 * could not be read: the reason on stderr). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <minizip/unzip.h>
#include <zlib.h>

#define CHUNK (1u << 16)

typedef struct {
    uint64_t parts, in, out;
    double cpu;
} floor_tally;

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Deflates len bytes of buf into the stream, timing the call. */
static int floor_deflate(z_stream *z, unsigned char *buf, unsigned len, int flush, floor_tally *t)
{
    unsigned char out[CHUNK];
    double t0 = cpu_now();
    z->next_in = buf;
    z->avail_in = len;
    do {
        z->next_out = out;
        z->avail_out = sizeof out;
        int rc = deflate(z, flush);
        if (rc == Z_STREAM_ERROR) return -1;
        t->out += sizeof out - z->avail_out;
    } while (z->avail_out == 0);
    t->cpu += cpu_now() - t0;
    return 0;
}

/* Re-deflates the current part of zf. Returns 0 or -1. */
static int floor_part(unzFile zf, unsigned char *buf, floor_tally *t)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        return -1;
    int rc = -1;
    if (unzOpenCurrentFile(zf) != UNZ_OK) goto done;
    for (;;) {
        int n = unzReadCurrentFile(zf, buf, CHUNK);
        if (n < 0) goto close;
        t->in += (uint64_t)n;
        if (floor_deflate(&z, buf, (unsigned)n, n == 0 ? Z_FINISH : Z_NO_FLUSH, t)) goto close;
        if (n == 0) break;
    }
    t->parts++;
    rc = 0;
close:
    if (unzCloseCurrentFile(zf) != UNZ_OK) rc = -1;
done:
    deflateEnd(&z);
    return rc;
}

static int floor_file(const char *path, unsigned char *buf, floor_tally *t)
{
    unzFile zf = unzOpen64(path);
    if (!zf) {
        fprintf(stderr, "xlsx_floor: %s: not a zip file\n", path);
        return -1;
    }
    int rc = 0, more = unzGoToFirstFile(zf);
    while (rc == 0 && more == UNZ_OK) {
        rc = floor_part(zf, buf, t);
        more = unzGoToNextFile(zf);
    }
    if (rc == 0 && more != UNZ_END_OF_LIST_OF_FILE) rc = -1;
    if (rc) fprintf(stderr, "xlsx_floor: %s: a part could not be read\n", path);
    unzClose(zf);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: xlsx_floor FILE.xlsx...\n");
        return 1;
    }
    unsigned char *buf = malloc(CHUNK);
    if (!buf) return 2;
    floor_tally t = {0};
    int rc = 0;
    double largest = 0; /* one workbook is deflated by one process */
    for (int i = 1; i < argc && rc == 0; i++) {
        double before = t.cpu;
        rc = floor_file(argv[i], buf, &t);
        if (t.cpu - before > largest) largest = t.cpu - before;
    }
    free(buf);
    if (rc) return 2;
    printf(
        "parts %llu, xml MB %.1f, deflated MB %.1f, deflate CPU s %.2f, largest workbook's %.2f\n",
        (unsigned long long)t.parts, (double)t.in / 1048576.0, (double)t.out / 1048576.0, t.cpu,
        largest);
    return 0;
}
