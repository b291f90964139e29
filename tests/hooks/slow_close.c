/* slow_close.c — an LD_PRELOAD fault injector for the kill tests: every
 * workbook_close() (libxlsxwriter) first writes NV_HOOK_MARK.PID and sleeps
 * NV_HOOK_SLEEP seconds (default 30), so that a test can kill -9 the run
 * while the workbook stage is surely running, in the parent and in its
 * forked children; sysconf(_SC_NPROCESSORS_ONLN) says 4, so that the
 * workbooks are closed by children even on a one-processor machine.
 * Built by the e2e script: cc -shared -fPIC -o hook.so slow_close.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct lxw_workbook lxw_workbook;

int workbook_close(lxw_workbook *wb)
{
    int (*real)(lxw_workbook *) = (int (*)(lxw_workbook *))dlsym(RTLD_NEXT, "workbook_close");
    const char *mark = getenv("NV_HOOK_MARK");
    if (mark) {
        char p[4096];
        snprintf(p, sizeof p, "%s.%ld", mark, (long)getpid());
        FILE *f = fopen(p, "w");
        if (f) fclose(f);
        const char *s = getenv("NV_HOOK_SLEEP");
        sleep(s ? (unsigned)atoi(s) : 30);
    }
    return real(wb);
}

long sysconf(int name)
{
    long (*real)(int) = (long (*)(int))dlsym(RTLD_NEXT, "sysconf");
    if (name == _SC_NPROCESSORS_ONLN) return 4;
    return real(name);
}
