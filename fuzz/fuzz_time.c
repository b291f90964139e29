/* fuzz_time.c — libFuzzer target for norm_time (every format) and the other
 * normalisers (see tools/fuzz.sh). Checks that an accepted time turns back
 * into a plausible instant (years 1900..2999 once the offset is applied) and
 * that the string functions stay within their buffers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/load/normalise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    nv_tz zones[2];
    nv_errbuf eb;
    zones[0] = nvt_ist();
    if (nvt_tz_parse("America/New_York", &zones[1], &eb) != NV_OK) abort();
    /* 1900-01-01 minus 15 h .. 3000-01-01 plus 15 h */
    const int64_t lo = -2208988800LL - 54000, hi = 32503680000LL + 54000;
    for (int f = 0; f < NORM_TF_COUNT; f++) {
        for (int z = 0; z < 2; z++) {
            int64_t t = 0;
            if (norm_time(s, size, (norm_timefmt)f, &zones[z], &t) == 0 && (t < lo || t > hi))
                abort();
        }
    }
    (void)norm_utf8_valid(s, size);

    /* the string functions take NUL-terminated text */
    char *z = malloc(size + 1);
    if (!z) return 0;
    memcpy(z, data, size);
    z[size] = 0;
    char mob[11];
    int m = norm_mobile(z, mob);
    if (m == 1 && strlen(mob) != 10) abort();
    if (m != 1 && mob[0] != 0) abort();
    char out[16];
    norm_login(z, out, sizeof out);
    if (strlen(out) >= sizeof out) abort();
    norm_key(z, out, 7);
    if (strlen(out) >= 7) abort();
    if (norm_utf8_valid(z, strlen(z)) && !norm_utf8_valid(out, strlen(out))) abort();
    norm_trim(z);
    free(z);
    return 0;
}
