/* numfmt.c — digit grouping; see include/nivaran/core/numfmt.h. */
#include "nivaran/core/numfmt.h"

#include <string.h>

int numfmt_group(int64_t v, numfmt_style style, char *buf, size_t n)
{
    char rev[NUMFMT_MAX];
    size_t k = 0;
    /* the magnitude as unsigned: -INT64_MIN does not fit an int64_t */
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int digits = 0;
    do {
        /* a comma before the 4th digit, then every 2nd (Indian) or 3rd */
        if (digits >= 3 && (style == NUMFMT_INDIAN ? (digits - 3) % 2 == 0 : digits % 3 == 0))
            rev[k++] = ',';
        rev[k++] = (char)('0' + u % 10);
        u /= 10;
        digits++;
    } while (u > 0);
    if (v < 0) rev[k++] = '-';
    if (n == 0) return -1;
    if (k + 1 > n) {
        buf[0] = 0;
        return -1;
    }
    for (size_t i = 0; i < k; i++)
        buf[i] = rev[k - 1 - i];
    buf[k] = 0;
    return (int)k;
}
