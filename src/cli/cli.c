/* cli.c — the command line of OUTPUTS.md. Parses options (command line over
 * INI config file over defaults), finds the templates folder, and hands the
 * work to run.c. See include/nivaran/cli/cli.h. */
#include "nivaran/cli/cli.h"

#include <getopt.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nivaran/core/nvtime.h"
#include "nivaran/cli/run.h"
#include "nivaran/core/version.h"

#ifndef NV_DATADIR
#define NV_DATADIR "/usr/local/share/nivaran"
#endif

static const char *const usage_main =
    "usage: nivaran COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "nivaran (निवारण, \"redressal\") turns KESCO's complaint exports into the\n"
    "nightly SLA reports: the MD's PDF, a workbook per wing, the public notice\n"
    "board, open data and the risk-flag register.\n"
    "\n"
    "commands:\n"
    "  run     load the given exports, then write every report for the day\n"
    "  ingest  load exports only\n"
    "  report  write the day's reports from what is loaded\n"
    "  demo    generate a month of sample exports and run the nightly job on them\n"
    "  gen     write sample exports in the three KESCO layouts\n"
    "  purge   erase consumers' personal data of old records (DPDP Act 2023)\n"
    "  review  read back filled call-back lists and wing workbooks\n"
    "\n"
    "`nivaran COMMAND --help` describes each command's options.\n"
    "exit status: 0 clean; 1 usage or configuration; 2 failed (nothing kept);\n"
    "3 finished with rejected rows or files; 4 another run holds the database;\n"
    "5 the day's data is incomplete (a layout sent nothing; public outputs withheld).\n"
    "`nivaran --version` prints the version.\n"
    "environment: NIVARAN_TEMPLATES=DIR is the templates folder when --templates\n"
    "is not given (before the folders beside the binary).\n";

static const char *const usage_common =
    "  --db FILE          database (default out/nivaran.db)\n"
    "  --config FILE      INI file of options ([nivaran] section; keys = long options)\n"
    "  --templates DIR    templates folder (default: $NIVARAN_TEMPLATES, else beside the\n"
    "                     binary: templates/ or ../share/nivaran/templates, else " NV_DATADIR
    "/templates)\n"
    "  --quiet            no progress on stderr\n"
    "  --help             this text\n";

static const char *const usage_report_opts =
    "  --date YYYY-MM-DD  report day (default yesterday, IST)\n"
    "  --from YYYY-MM-DD  period report from this day to --date, into OUT/FROM_TO/\n"
    "  --out DIR          output folder (default out/); reports go to OUT/YYYY-MM-DD/\n"
    "  --profile NAME     SLA profile: md-24h (default) or statutory\n"
    "  --page a4|a3       notice board paper size (default a4)\n"
    "  --keep-days N      delete day folders older than N days (default: keep all)\n"
    "  --layout NAME      force the layout of every input file\n"
    "  --allow-missing L  layout L may send nothing for the day (repeatable); else\n"
    "                     a layout without data gives exit 5, public outputs withheld\n"
    "  --catch-up         (run) also write every day after the last reported one and\n"
    "                     before --date (at most 31), oldest first, all or nothing\n"
    "  --retain-personal-days N  (run) then erase the personal data of records\n"
    "                     disposed more than N (>= 90) days before --date (see purge)\n"
    "  --verify-salt S    secret salt of the call-back draw (without it the list is\n"
    "                     predictable, and the reports say so)\n"
    "  --reviews DIR      first read the filled lists and workbooks in DIR (as review)\n"
    "  --full             recompute every record's flags and the officer rates from all\n"
    "                     history (the night's pass recomputes only what its records\n"
    "                     change; same register; a change of flags.ini or profile does\n"
    "                     this by itself)\n";

static void print_help(const char *cmd)
{
    if (!strcmp(cmd, "run")) {
        printf("usage: nivaran run [--db FILE] [--date D] [--out DIR] [OPTIONS] FILE...\n\n"
               "Load the exports, then write every report for the day into OUT/D/:\n"
               "md-daily-report.pdf, wing-*.xlsx, notice-board.pdf, public/index.html,\n"
               "open-data/ (with datapackage.json), internal/ and manifest.json.\n"
               "All or nothing.\n\n%s%s",
               usage_report_opts, usage_common);
    } else if (!strcmp(cmd, "report")) {
        printf("usage: nivaran report [--db FILE] [--date D] [--from D] [--out DIR] [OPTIONS]\n\n"
               "Write the day's (or period's) reports from what is loaded.\n\n%s%s",
               usage_report_opts, usage_common);
    } else if (!strcmp(cmd, "ingest")) {
        printf("usage: nivaran ingest [--db FILE] [--layout NAME] [--rejects FILE] FILE...\n\n"
               "Load exports only (layout recognised from the header).\n\n"
               "  --layout NAME      force the layout of every input file\n"
               "  --rejects FILE     write refused rows there (file,line,reason,raw)\n%s",
               usage_common);
    } else if (!strcmp(cmd, "review")) {
        printf("usage: nivaran review [--db FILE] [--rejects FILE] FILE...\n\n"
               "Read back filled copies of internal/callbacks.csv and filled wing\n"
               "workbooks: call outcomes and flag reviews (VERIFY.md). Exit 3 when\n"
               "anything was refused.\n\n"
               "  --rejects FILE     write refused rows there (file,sheet,row,reason)\n%s",
               usage_common);
    } else if (!strcmp(cmd, "demo")) {
        printf("usage: nivaran demo [--out DIR]\n\n"
               "Generate a realistic month of sample exports ending yesterday, then run\n"
               "the nightly job on them into DIR with its own database (DIR/demo.db).\n\n"
               "  --out DIR          output folder (default out/)\n%s",
               usage_common);
    } else if (!strcmp(cmd, "purge")) {
        printf("usage: nivaran purge --db FILE --personal-days N [--date D] [--dry-run]\n\n"
               "Erase consumers' personal data (name, mobile, account, address, closing\n"
               "remarks, raw row) of records disposed more than N days before D (DPDP Act\n"
               "2023); they keep their figures and flags, and a later export row for\n"
               "them changes nothing. Logged in the database (purge_log).\n\n"
               "  --personal-days N  days to keep personal data, at least 90\n"
               "  --date YYYY-MM-DD  the day N counts back from (default yesterday)\n"
               "  --dry-run          print how many records, change nothing\n%s",
               usage_common);
    } else if (!strcmp(cmd, "gen")) {
        printf("usage: nivaran gen --days N --end YYYY-MM-DD --seed S --out DIR [--nightly]\n\n"
               "Write sample exports of the three KESCO layouts (deterministic by seed),\n"
               "with planted risk patterns listed in ground_truth.csv.\n\n"
               "  --days N           days of data (default 30)\n"
               "  --end YYYY-MM-DD   last day (default yesterday)\n"
               "  --seed S           random seed (default 1)\n"
               "  --out DIR          folder for the files\n"
               "  --nightly          one file per day per source, as the systems export\n"
               "  --scale X          volume multiplier (1 = KESCO's volume)\n"
               "  --no-plant         plant no risk patterns\n"
               "  --help             this text\n");
    } else {
        fputs(usage_main, stdout);
    }
}

enum {
    OPT_DB = 256,
    OPT_DATE,
    OPT_FROM,
    OPT_OUT,
    OPT_CONFIG,
    OPT_TEMPLATES,
    OPT_PROFILE,
    OPT_LAYOUT,
    OPT_PAGE,
    OPT_KEEP,
    OPT_QUIET,
    OPT_HELP,
    OPT_REJECTS,
    OPT_DAYS,
    OPT_END,
    OPT_SEED,
    OPT_NIGHTLY,
    OPT_SCALE,
    OPT_NOPLANT,
    OPT_ALLOW,
    OPT_CATCH_UP,
    OPT_PDAYS,
    OPT_RETAIN,
    OPT_DRY_RUN,
    OPT_VERIFY_SALT,
    OPT_REVIEWS,
    OPT_FULL,
    OPT_LAST = OPT_FULL /* the arrays of parse_args() are indexed up to it */
};

static const struct option long_opts[] = {
    {"db", required_argument, 0, OPT_DB},
    {"date", required_argument, 0, OPT_DATE},
    {"from", required_argument, 0, OPT_FROM},
    {"out", required_argument, 0, OPT_OUT},
    {"config", required_argument, 0, OPT_CONFIG},
    {"templates", required_argument, 0, OPT_TEMPLATES},
    {"profile", required_argument, 0, OPT_PROFILE},
    {"layout", required_argument, 0, OPT_LAYOUT},
    {"page", required_argument, 0, OPT_PAGE},
    {"keep-days", required_argument, 0, OPT_KEEP},
    {"quiet", no_argument, 0, OPT_QUIET},
    {"help", no_argument, 0, OPT_HELP},
    {"rejects", required_argument, 0, OPT_REJECTS},
    {"days", required_argument, 0, OPT_DAYS},
    {"end", required_argument, 0, OPT_END},
    {"seed", required_argument, 0, OPT_SEED},
    {"nightly", no_argument, 0, OPT_NIGHTLY},
    {"scale", required_argument, 0, OPT_SCALE},
    {"no-plant", no_argument, 0, OPT_NOPLANT},
    {"allow-missing", required_argument, 0, OPT_ALLOW},
    {"catch-up", no_argument, 0, OPT_CATCH_UP},
    {"personal-days", required_argument, 0, OPT_PDAYS},
    {"retain-personal-days", required_argument, 0, OPT_RETAIN},
    {"dry-run", no_argument, 0, OPT_DRY_RUN},
    {"verify-salt", required_argument, 0, OPT_VERIFY_SALT},
    {"reviews", required_argument, 0, OPT_REVIEWS},
    {"full", no_argument, 0, OPT_FULL},
    {0, 0, 0, 0}};

static int set_str(char *dst, size_t n, const char *v, const char *name)
{
    if (strlen(v) >= n) {
        fprintf(stderr, "nivaran: --%s: value too long\n", name);
        return -1;
    }
    memcpy(dst, v, strlen(v) + 1);
    return 0;
}

static int parse_long(const char *v, long lo, long hi, long *out)
{
    char *end;
    long x = strtol(v, &end, 10);
    if (!*v || *end || x < lo || x > hi) return -1;
    *out = x;
    return 0;
}

/* Applies one option (from argv or the config file). Returns 0, or -1 after
 * printing why. */
static int apply_opt(nv_opts *o, int id, const char *v, const char *name)
{
    long x;
    switch (id) {
    case OPT_DB:
        return set_str(o->db, sizeof o->db, v, name);
    case OPT_OUT:
        return set_str(o->out, sizeof o->out, v, name);
    case OPT_CONFIG:
        return set_str(o->config, sizeof o->config, v, name);
    case OPT_TEMPLATES:
        return set_str(o->templates, sizeof o->templates, v, name);
    case OPT_PROFILE:
        return set_str(o->profile, sizeof o->profile, v, name);
    case OPT_LAYOUT:
        return set_str(o->layout, sizeof o->layout, v, name);
    case OPT_REJECTS:
        return set_str(o->rejects, sizeof o->rejects, v, name);
    case OPT_VERIFY_SALT:
        return set_str(o->verify_salt, sizeof o->verify_salt, v, name);
    case OPT_REVIEWS:
        return set_str(o->reviews, sizeof o->reviews, v, name);
    case OPT_DATE:
    case OPT_FROM:
    case OPT_END: {
        int y, m, d;
        if (nvt_parse_ymd(v, &y, &m, &d) != 0) {
            fprintf(stderr, "nivaran: --%s: '%s' is not a date YYYY-MM-DD\n", name, v);
            return -1;
        }
        char *dst = id == OPT_DATE ? o->date : id == OPT_FROM ? o->from : o->end;
        memcpy(dst, v, 11);
        return 0;
    }
    case OPT_PAGE:
        if (strcmp(v, "a4") && strcmp(v, "a3") && strcmp(v, "A4") && strcmp(v, "A3")) {
            fprintf(stderr, "nivaran: --page: '%s' is not a4 or a3\n", v);
            return -1;
        }
        o->page[0] = 'a';
        o->page[1] = v[1];
        o->page[2] = 0;
        return 0;
    case OPT_KEEP:
    case OPT_DAYS:
        if (parse_long(v, id == OPT_KEEP ? 0 : 1, 100000, &x) != 0) {
            fprintf(stderr, "nivaran: --%s: '%s' is not a valid number of days\n", name, v);
            return -1;
        }
        if (id == OPT_KEEP)
            o->keep_days = (int)x;
        else
            o->days = (int)x;
        return 0;
    case OPT_SEED: {
        char *end;
        unsigned long long s = strtoull(v, &end, 10);
        if (!*v || *end) {
            fprintf(stderr, "nivaran: --seed: '%s' is not a number\n", v);
            return -1;
        }
        o->seed = s;
        return 0;
    }
    case OPT_SCALE: {
        char *end;
        double s = strtod(v, &end);
        if (!*v || *end || !(s > 0 && s <= 10000)) {
            fprintf(stderr, "nivaran: --scale: '%s' is not a positive number\n", v);
            return -1;
        }
        o->scale = s;
        return 0;
    }
    case OPT_QUIET:
        o->quiet = 1;
        return 0;
    case OPT_NIGHTLY:
        o->nightly = 1;
        return 0;
    case OPT_CATCH_UP:
        o->catch_up = 1;
        return 0;
    case OPT_DRY_RUN:
        o->dry_run = 1;
        return 0;
    case OPT_FULL:
        o->full = 1;
        return 0;
    case OPT_PDAYS:
    case OPT_RETAIN:
        if (parse_long(v, 0, 100000, &x) != 0) {
            fprintf(stderr, "nivaran: --%s: '%s' is not a valid number of days\n", name, v);
            return -1;
        }
        *(id == OPT_PDAYS ? &o->personal_days : &o->retain_personal_days) = (int)x;
        return 0;
    case OPT_ALLOW:
        if (o->n_allow_missing >= 8) {
            fprintf(stderr, "nivaran: --allow-missing: at most 8\n");
            return -1;
        }
        return set_str(o->allow_missing[o->n_allow_missing++], 64, v, name);
    case OPT_NOPLANT:
        o->no_plant = 1;
        return 0;
    }
    return -1;
}

static int truthy(const char *v)
{
    return !strcmp(v, "1") || !strcasecmp(v, "true") || !strcasecmp(v, "yes") ||
           !strcasecmp(v, "on");
}

typedef struct {
    nv_opts *o;
    const char *path;
    int bad;
} cfg_ctx;

static int cfg_handler(void *user, const char *section, const char *name, const char *value)
{
    cfg_ctx *c = user;
    if (strcmp(section, "nivaran") != 0 && strcmp(section, c->o->command) != 0) return 1;
    char key[64];
    snprintf(key, sizeof key, "%s", name);
    for (char *k = key; *k; k++)
        if (*k == '_') *k = '-';
    for (const struct option *lo = long_opts; lo->name; lo++) {
        if (strcmp(lo->name, key) != 0) continue;
        if (lo->val == OPT_HELP || lo->val == OPT_CONFIG) break;
        if (lo->has_arg == no_argument) {
            if (truthy(value)) apply_opt(c->o, lo->val, value, lo->name);
            return 1;
        }
        if (apply_opt(c->o, lo->val, value, lo->name) != 0) {
            fprintf(stderr, "nivaran: %s: bad value for %s\n", c->path, name);
            c->bad = 1;
            return 0;
        }
        return 1;
    }
    fprintf(stderr, "nivaran: %s: unknown option '%s'\n", c->path, name);
    c->bad = 1;
    return 0;
}

static int load_config(nv_opts *o)
{
    cfg_ctx c = {o, o->config, 0};
    int rc = ini_parse(o->config, cfg_handler, &c);
    if (rc == -1) {
        fprintf(stderr, "nivaran: %s: cannot open config file\n", o->config);
        return -1;
    }
    if (rc != 0 || c.bad) {
        fprintf(stderr, "nivaran: %s:%d: %s\n", o->config, rc,
                c.bad ? "configuration refused (see above)" : "not valid INI");
        return -1;
    }
    return 0;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* --templates, else $NIVARAN_TEMPLATES, else beside the binary, else the
 * installed data folder. */
static int find_templates(nv_opts *o)
{
    if (o->templates[0]) return is_dir(o->templates) ? 0 : -1;
    const char *env = getenv("NIVARAN_TEMPLATES");
    if (env && *env)
        return set_str(o->templates, sizeof o->templates, env, "templates") || !is_dir(o->templates)
                   ? -1
                   : 0;
    char exe[NV_PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        for (int up = 0; slash && up < 2; up++) {
            *slash = 0;
            char cand[NV_PATH_MAX + 32];
            snprintf(cand, sizeof cand, "%s/templates", exe);
            if (is_dir(cand) && strlen(cand) < sizeof o->templates) {
                memcpy(o->templates, cand, strlen(cand) + 1);
                return 0;
            }
            /* an installed binary, PREFIX/bin/nivaran, whatever PREFIX (a
             * DESTDIR staging moved into place too) */
            snprintf(cand, sizeof cand, "%s/../share/nivaran/templates", exe);
            if (up == 0 && is_dir(cand) && strlen(cand) < sizeof o->templates) {
                memcpy(o->templates, cand, strlen(cand) + 1);
                return 0;
            }
            slash = strrchr(exe, '/');
        }
    }
    snprintf(o->templates, sizeof o->templates, "%s/templates", NV_DATADIR);
    return is_dir(o->templates) ? 0 : -1;
}

static void defaults(nv_opts *o, const char *cmd)
{
    memset(o, 0, sizeof *o);
    snprintf(o->command, sizeof o->command, "%s", cmd);
    snprintf(o->db, sizeof o->db, "out/nivaran.db");
    snprintf(o->out, sizeof o->out, "out");
    snprintf(o->profile, sizeof o->profile, "md-24h");
    snprintf(o->page, sizeof o->page, "a4");
    o->days = 30;
    o->seed = 1;
    o->scale = 1.0;
}

/* Parses argv for command cmd into o. Returns -1 on bad usage, 1 for
 * --help (already printed), 0 to go on. */
static int parse_args(nv_opts *o, int argc, char **argv)
{
    /* A first pass finds --config and --help, so the file is read before the
     * command line overrides it. */
    int seen[OPT_LAST + 1] = {0};
    const char *vals[OPT_LAST + 1] = {0};
    optind = 1;
    opterr = 0;
    int c, idx;
    while ((c = getopt_long(argc, argv, "", long_opts, &idx)) != -1) {
        if (c == '?' || c == ':') {
            fprintf(stderr, "nivaran %s: bad option '%s' (see --help)\n", o->command,
                    argv[optind - 1]);
            return -1;
        }
        if (c == OPT_HELP) {
            print_help(o->command);
            return 1;
        }
        if (c == OPT_ALLOW) { /* repeatable: applied as met */
            if (apply_opt(o, c, optarg, "allow-missing") != 0) return -1;
            continue;
        }
        seen[c] = 1;
        vals[c] = optarg ? optarg : "1";
    }
    if (seen[OPT_CONFIG]) {
        if (apply_opt(o, OPT_CONFIG, vals[OPT_CONFIG], "config") || load_config(o)) return -1;
    }
    for (int id = OPT_DB; id <= OPT_LAST; id++) {
        if (id == OPT_ALLOW) continue; /* applied as met */
        if (!seen[id] || id == OPT_CONFIG || id == OPT_HELP) continue;
        const char *name = "option";
        for (const struct option *lo = long_opts; lo->name; lo++)
            if (lo->val == id) name = lo->name;
        if (apply_opt(o, id, vals[id], name) != 0) return -1;
    }
    o->files = argv + optind;
    o->n_files = argc - optind;
    return 0;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        fputs(usage_main, argc < 2 ? stderr : stdout);
        return argc < 2 ? 1 : 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("nivaran %s\n", NV_VERSION);
        return 0;
    }
    const char *cmd = argv[1];
    static const char *const cmds[] = {"run", "ingest", "report", "demo", "gen", "purge", "review"};
    int known = 0;
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        known |= !strcmp(cmd, cmds[i]);
    if (!known) {
        fprintf(stderr, "nivaran: unknown command '%s'\n\n%s", cmd, usage_main);
        return 1;
    }
    nv_opts *o = calloc(1, sizeof *o);
    if (!o) return 2;
    defaults(o, cmd);
    int rc = parse_args(o, argc - 1, argv + 1);
    if (rc != 0) {
        free(o);
        return rc > 0 ? 0 : 1;
    }
    if (strcmp(cmd, "gen") != 0 && find_templates(o) != 0) {
        fprintf(stderr, "nivaran: templates folder not found (%s); use --templates DIR\n",
                o->templates[0] ? o->templates : "none");
        free(o);
        return 1;
    }
    if (!strcmp(cmd, "run"))
        rc = run_job(o, 1);
    else if (!strcmp(cmd, "report"))
        rc = run_job(o, 0);
    else if (!strcmp(cmd, "ingest"))
        rc = run_ingest(o);
    else if (!strcmp(cmd, "demo"))
        rc = run_demo(o);
    else if (!strcmp(cmd, "purge"))
        rc = run_purge(o);
    else if (!strcmp(cmd, "review"))
        rc = run_review(o);
    else
        rc = run_gen(o);
    free(o);
    return rc;
}
