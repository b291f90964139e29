/* err.c — see include/nivaran/core/err.h. */
#include "nivaran/core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *nv_strerror(nv_err e)
{
    switch (e) {
    case NV_OK:
        return "success";
    case NV_ERR_USAGE:
        return "usage error";
    case NV_ERR_CONFIG:
        return "configuration error";
    case NV_ERR_IO:
        return "I/O error";
    case NV_ERR_DB:
        return "database error";
    case NV_ERR_NOMEM:
        return "out of memory";
    case NV_ERR_FORMAT:
        return "format error";
    case NV_ERR_RENDER:
        return "rendering error";
    case NV_ERR_LOCKED:
        return "database locked by another run";
    case NV_ERR_INTERNAL:
        return "internal error";
    }
    return "unknown error";
}

nv_err nv_errf(nv_errbuf *eb, nv_err e, const char *fmt, ...)
{
    if (eb) {
        char big[4 * sizeof eb->msg];
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(big, sizeof big, fmt, ap);
        va_end(ap);
        if (n < 0) n = 0;
        if ((size_t)n >= sizeof big) n = (int)sizeof big - 1;
        if ((size_t)n < sizeof eb->msg) {
            memcpy(eb->msg, big, (size_t)n + 1);
        } else { /* too long (a long path): keep its start and the reason at its end */
            size_t head = sizeof eb->msg / 2 - 4, tail = sizeof eb->msg - head - 4;
            while (head && ((unsigned char)big[head] & 0xC0) == 0x80)
                head--;
            size_t from = (size_t)n - tail;
            while (from < (size_t)n && ((unsigned char)big[from] & 0xC0) == 0x80)
                from++;
            memcpy(eb->msg, big, head);
            memcpy(eb->msg + head, "...", 3);
            memcpy(eb->msg + head + 3, big + from, (size_t)n - from + 1);
        }
    }
    return e;
}

int nv_exit_status(nv_err e)
{
    switch (e) {
    case NV_OK:
        return 0;
    case NV_ERR_USAGE:
    case NV_ERR_CONFIG:
        return 1;
    case NV_ERR_LOCKED:
        return 4;
    default:
        return 2;
    }
}
