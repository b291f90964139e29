/* fail_rename.c — an LD_PRELOAD fault injector: rename() to a path ending
 * in NV_HOOK_RENAME_FAIL fails with EBUSY, as renaming onto a mount point or
 * an immutable folder does, without needing either (CI may lack chattr and
 * mount). Built by the e2e script: cc -shared -fPIC -o h.so fail_rename.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rename(const char *from, const char *to)
{
    int (*real)(const char *, const char *) =
        (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    const char *sfx = getenv("NV_HOOK_RENAME_FAIL");
    size_t n = sfx ? strlen(sfx) : 0, m = strlen(to);
    if (n && m >= n && !strcmp(to + m - n, sfx)) {
        errno = EBUSY;
        return -1;
    }
    return real(from, to);
}
