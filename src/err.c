/* err.c — see include/nivaran/err.h. */
#include "nivaran/err.h"

#include <stdarg.h>
#include <stdio.h>

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
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(eb->msg, sizeof eb->msg, fmt, ap);
        va_end(ap);
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
