/* profile.h — SLA profiles (templates/profiles/NAME.ini).
 *
 * A profile gives the SLA hours per category, a default for categories it
 * does not list, the compliance target (percent) against which reports colour
 * figures, and the minimum judged records for an XEN to be ranked.
 *
 *   [profile]
 *   name = md-24h
 *   default_hours = 24
 *   target_pct = 90
 *   rank_min_judged = 20
 *   [hours]
 *   NO_SUPPLY = 4
 */
#ifndef NIVARAN_PROFILE_H
#define NIVARAN_PROFILE_H

#include "nivaran/core/err.h"

#define PROFILE_MAX_CATEGORIES 64

typedef struct {
    char name[64];
    double default_hours;
    double target_pct;
    int rank_min_judged;
    int n;
    struct {
        char category[48];
        double hours;
    } items[PROFILE_MAX_CATEGORIES];
    char sha256[65]; /* of the template file */
    char path[1024];
} nv_profile;

/* Loads templates_dir/profiles/NAME.ini. NV_ERR_CONFIG names the file and the
 * reason (missing, unknown key, bad number). */
nv_err profile_load(const char *templates_dir, const char *name, nv_profile *out, nv_errbuf *eb);

/* SLA hours of a category under p (the default when not listed). */
double profile_hours(const nv_profile *p, const char *category);

#endif
