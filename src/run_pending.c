/* run_pending.c — TEMPORARY: keeps the tree linking while run.c waits for the
 * stage modules' headers. Removed when src/run.c lands. */
#include <stdio.h>

#include "nivaran/run.h"

static int pending(void)
{
    fprintf(stderr, "nivaran: this command is not available in this build yet\n");
    return 2;
}
int run_job(const nv_opts *o, int load)
{
    (void)o;
    (void)load;
    return pending();
}
int run_ingest(const nv_opts *o)
{
    (void)o;
    return pending();
}
int run_demo(const nv_opts *o)
{
    (void)o;
    return pending();
}
int run_gen(const nv_opts *o)
{
    (void)o;
    return pending();
}
