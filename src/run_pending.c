/* run_pending.c — TEMPORARY: a weak gen_run() keeps the tree linking until
 * src/gen.c lands; removed then. */
#include "nivaran/gen.h"

__attribute__((weak)) nv_err gen_run(const nv_gen_opts *o, nv_errbuf *eb)
{
    (void)o;
    return nv_errf(eb, NV_ERR_INTERNAL, "the sample generator is not in this build yet");
}
