/* run.c — the jobs behind the commands; see include/nivaran/run.h. */
#include "nivaran/run.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nivaran/db.h"
#include "nivaran/flags.h"
#include "nivaran/gen.h"
#include "nivaran/ingest.h"
#include "nivaran/manifest.h"
#include "nivaran/metrics.h"
#include "nivaran/outfile.h"
#include "nivaran/pdf.h"
#include "nivaran/profile.h"
#include "nivaran/progress.h"
#include "nivaran/report.h"
#include "nivaran/verify.h"
#include "nivaran/xlsx.h"

/* Everything one job holds; released by job_close(). */
typedef struct {
    const nv_opts *o;
    sqlite3 *db;
    int lock_fd;
    nv_ingest *ig;
    nv_outfile rejects;
    int rejects_open;
    nv_input_result *inputs;
    size_t n_inputs;
    char stage_dir[NV_PATH_MAX + 128];
    char final_dir[NV_PATH_MAX + 128];
    nv_manifest man;
    nv_progress prog;
    nv_errbuf eb;
} job;

static int64_t today_ist(void)
{
    nv_tz ist = nvt_ist();
    return nvt_local_day(&ist, (int64_t)time(NULL));
}

/* Takes DB.lock with flock (released by the kernel if the run is killed).
 * NV_ERR_LOCKED names the holder. */
static nv_err job_lock(job *j)
{
    char path[NV_PATH_MAX + 8], holder[256] = "";
    snprintf(path, sizeof path, "%s.lock", j->o->db);
    j->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (j->lock_fd < 0)
        return nv_errf(&j->eb, NV_ERR_IO, "%s: cannot create lock file: %s", path, strerror(errno));
    if (flock(j->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        ssize_t n = pread(j->lock_fd, holder, sizeof holder - 1, 0);
        holder[n > 0 ? n : 0] = 0;
        holder[strcspn(holder, "\n")] = 0;
        return nv_errf(&j->eb, NV_ERR_LOCKED, "%s is in use by another run (%s); try later",
                       j->o->db, holder[0] ? holder : "holder unknown");
    }
    char buf[256];
    nv_tz ist = nvt_ist();
    char when[32];
    nvt_format_iso(&ist, (int64_t)time(NULL), when);
    int k = snprintf(buf, sizeof buf, "pid %ld, nivaran %s, started %s\n", (long)getpid(),
                     j->o->command, when);
    if (ftruncate(j->lock_fd, 0) != 0 || pwrite(j->lock_fd, buf, (size_t)k, 0) != k)
        return nv_errf(&j->eb, NV_ERR_IO, "%s: cannot write lock file: %s", path, strerror(errno));
    return NV_OK;
}

static nv_err job_open_db(job *j)
{
    char dir[NV_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", j->o->db);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = 0;
        nv_err e = outfile_mkdirs(dir, &j->eb);
        if (e) return e;
    }
    nv_err e = job_lock(j);
    if (e) return e;
    return db_open(j->o->db, &j->db, &j->eb);
}

static void job_close(job *j)
{
    if (j->rejects_open) outfile_abort(&j->rejects);
    if (j->ig) ingest_close(j->ig);
    free(j->inputs);
    db_rollback(j->db);
    db_close(j->db);
    if (j->stage_dir[0]) outfile_rmtree(j->stage_dir);
    if (j->lock_fd > 0) close(j->lock_fd);
    manifest_free(&j->man);
}

/* Loads every input file into the open transaction; rejects go to
 * j->rejects.f when open. */
static nv_err job_load(job *j, FILE *rejects)
{
    nv_err e = ingest_open(j->db, j->o->templates, &j->ig, &j->eb);
    if (e) return e;
    ingest_set_progress(j->ig, progress_rows, &j->prog);
    j->inputs = calloc((size_t)j->o->n_files + 1, sizeof *j->inputs);
    if (!j->inputs) return nv_errf(&j->eb, NV_ERR_NOMEM, "out of memory");
    for (int i = 0; i < j->o->n_files; i++) {
        const char *path = j->o->files[i];
        progress_file_start(&j->prog, path);
        e = ingest_file(j->ig, path, j->o->layout[0] ? j->o->layout : NULL, rejects, &j->inputs[i],
                        &j->eb);
        if (e) return e;
        j->n_inputs++;
        progress_file_done(&j->prog, &j->inputs[i]);
    }
    return ingest_finish(j->ig, &j->eb);
}

static int any_rejected(const job *j)
{
    for (size_t i = 0; i < j->n_inputs; i++)
        if (j->inputs[i].rows_rejected > 0 || j->inputs[i].error) return 1;
    return 0;
}

/* The report window from --date / --from, in the database's zone. */
static nv_err job_window(job *j, nv_report *r)
{
    char tzname[64];
    nv_tz tz = nvt_ist();
    if (db_meta_get(j->db, "timezone", tzname, sizeof tzname) == 1 && tzname[0]) {
        nv_err e = nvt_tz_parse(tzname, &tz, &j->eb);
        if (e) return e;
    }
    int y, m, d;
    int64_t last = today_ist() - 1, first;
    if (j->o->date[0] && nvt_parse_ymd(j->o->date, &y, &m, &d) == 0)
        last = nvt_days_from_civil(y, m, d);
    first = last;
    if (j->o->from[0] && nvt_parse_ymd(j->o->from, &y, &m, &d) == 0) {
        first = nvt_days_from_civil(y, m, d);
        if (first > last)
            return nv_errf(&j->eb, NV_ERR_USAGE, "--from %s is after --date", j->o->from);
    }
    report_set_window(r, &tz, first, last);
    return NV_OK;
}

static nv_err job_stage_dir(job *j, const nv_report *r)
{
    nv_err e = outfile_mkdirs(j->o->out, &j->eb);
    if (e) return e;
    snprintf(j->final_dir, sizeof j->final_dir, "%s/%s", j->o->out, r->label);
    snprintf(j->stage_dir, sizeof j->stage_dir, "%s/.%s.tmp-%ld", j->o->out, r->label,
             (long)getpid());
    outfile_rmtree(j->stage_dir);
    if ((e = outfile_mkdirs(j->stage_dir, &j->eb))) {
        j->stage_dir[0] = 0;
        return e;
    }
    char internal[NV_PATH_MAX + 160];
    snprintf(internal, sizeof internal, "%s/internal", j->stage_dir);
    return outfile_mkdirs(internal, &j->eb);
}

/* Removes staging folders that killed runs left in OUT (we hold the lock, so
 * no live run owns them). */
static void job_sweep_stale(const char *out)
{
    DIR *d = opendir(out);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] != '.' || !strstr(e->d_name, ".tmp-")) continue;
        char p[NV_PATH_MAX + 300];
        snprintf(p, sizeof p, "%s/%s", out, e->d_name);
        outfile_rmtree(p);
    }
    closedir(d);
}

/* The day's call-back list (VERIFY.md): drawn and stored the first time a
 * day is reported, the stored one afterwards. */
static nv_err job_callbacks(job *j, const nv_report *r, const nv_flag_cfg *fcfg)
{
    nv_verify_cfg vcfg;
    nv_verify_day vd;
    nv_err e = verify_load_cfg(j->o->templates, &vcfg, &j->eb);
    if (!e) e = verify_draw(j->db, &vcfg, r, j->o->verify_salt, &vd, &j->eb);
    if (!e) e = verify_flags(j->db, &vcfg, fcfg->officer_tukey_k, r, &j->eb);
    if (!e) e = verify_about_fill(j->db, r, fcfg, &vcfg, &j->eb);
    if (!e) e = verify_check_fill(j->db, r, fcfg, &vcfg, &j->eb);
    if (!e && vd.drawn && !vd.salted && !j->o->quiet)
        fprintf(stderr, "nivaran %s: %s\n", j->o->command, verify_predictable_note());
    return e;
}

/* Reads the filled lists and workbooks of paths into the open transaction
 * (VERIFY.md), refused rows to rejects (file,sheet,row,reason; header
 * written here); *refused = 1 when anything was refused. */
static nv_err job_read_reviews(job *j, const char *const *paths, size_t n, FILE *rejects,
                               int *refused)
{
    char org[64] = "KESCO", when[32];
    nv_review_stats st = {0};
    nv_tz ist = nvt_ist();
    if (db_meta_get(j->db, "organisation", org, sizeof org) != 1 || !org[0])
        snprintf(org, sizeof org, "KESCO");
    nvt_format_iso(&ist, (int64_t)time(NULL), when);
    if (rejects) fputs("file,sheet,row,reason\n", rejects);
    nv_err e = verify_read_files(j->db, org, paths, n, when, rejects, &st, &j->eb);
    if (!e && !j->o->quiet)
        fprintf(stderr,
                "nivaran %s: %lld files read, %lld refused whole; %lld stored, %lld withdrawn, "
                "%lld unchanged, %lld rows refused\n",
                j->o->command, (long long)st.files, (long long)st.files_refused,
                (long long)st.stored, (long long)st.withdrawn, (long long)st.unchanged,
                (long long)st.refused);
    *refused = st.refused > 0;
    return e;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* run --reviews DIR: every regular file of DIR (not hidden), in name order,
 * refused rows into the day folder's internal/review_rejects.csv. */
static nv_err job_reviews_dir(job *j, int *refused)
{
    char **v = NULL, path[NV_PATH_MAX + 300];
    size_t n = 0, cap = 0;
    nv_outfile rej;
    nv_err e = NV_OK;
    DIR *d = opendir(j->o->reviews);
    if (!d)
        return nv_errf(&j->eb, NV_ERR_USAGE, "--reviews %s: %s", j->o->reviews, strerror(errno));
    struct dirent *de;
    while ((de = readdir(d))) {
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s", j->o->reviews, de->d_name);
        if (de->d_name[0] == '.' || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nv = realloc(v, cap * sizeof *nv);
            if (!nv) {
                e = nv_errf(&j->eb, NV_ERR_NOMEM, "out of memory");
                goto done;
            }
            v = nv;
        }
        if (!(v[n] = strdup(path))) {
            e = nv_errf(&j->eb, NV_ERR_NOMEM, "out of memory");
            goto done;
        }
        n++;
    }
    if (v) qsort(v, n, sizeof *v, cmp_path);
    snprintf(path, sizeof path, "%s/internal/review_rejects.csv", j->stage_dir);
    if ((e = outfile_open(&rej, path, &j->eb))) goto done;
    e = job_read_reviews(j, (const char *const *)v, n, rej.f, refused);
    if (e)
        outfile_abort(&rej);
    else
        e = outfile_commit(&rej, &j->eb);
done:
    closedir(d);
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
    return e;
}

static nv_err job_render(job *j, nv_report *r, const nv_profile *prof)
{
    nv_flag_cfg fcfg;
    nv_fig_table tab = {0};
    nv_err e;
    progress_stage(&j->prog, "judging");
    if ((e = metrics_judge(j->db, prof, &j->eb))) goto done;
    manifest_stage(&j->man, "judge");
    progress_stage(&j->prog, "flags");
    if ((e = flags_load_cfg(j->o->templates, &fcfg, &j->eb)) ||
        (e = flags_update_records(j->db, &fcfg, &j->eb)) ||
        (e = flags_officer(j->db, &fcfg, r, &j->eb)))
        goto done;
    if ((e = job_callbacks(j, r, &fcfg))) goto done;
    manifest_stage(&j->man, "flags");
    progress_stage(&j->prog, "figures");
    if ((e = metrics_compute(j->db, r->d0, r->d1, &tab, &j->eb)) ||
        (e = metrics_write_open_data(&tab, j->stage_dir, r->report_date, &j->eb)) ||
        (e = flags_write_register(j->db, j->stage_dir, &r->tz, &j->eb)) ||
        (e = verify_write_callbacks(j->db, j->stage_dir, r->report_date, &r->tz, &j->eb)))
        goto done;
    manifest_stage(&j->man, "figures");
    progress_stage(&j->prog, "workbooks");
    if ((e = xlsx_write_wings(r, &j->eb))) goto done;
    manifest_stage(&j->man, "workbooks");
    progress_stage(&j->prog, "pdf");
    if ((e = pdf_write_md(r, &j->eb)) || (e = pdf_write_notice(r, &j->eb))) goto done;
    manifest_stage(&j->man, "pdf");
done:
    metrics_table_free(&tab);
    return e;
}

/* Puts the staged day folder in place of OUT/LABEL (replacing an older one). */
static nv_err job_publish(job *j)
{
    char old[NV_PATH_MAX + 200];
    struct stat st;
    snprintf(old, sizeof old, "%s.old-%ld", j->stage_dir, (long)getpid());
    int had = stat(j->final_dir, &st) == 0;
    if (had && rename(j->final_dir, old) != 0)
        return nv_errf(&j->eb, NV_ERR_IO, "%s: cannot replace: %s", j->final_dir, strerror(errno));
    if (rename(j->stage_dir, j->final_dir) != 0) {
        int err = errno;
        if (had) rename(old, j->final_dir);
        return nv_errf(&j->eb, NV_ERR_IO, "%s: cannot rename into place: %s", j->final_dir,
                       strerror(err));
    }
    j->stage_dir[0] = 0;
    if (had) outfile_rmtree(old);
    return NV_OK;
}

/* --keep-days N: removes day folders (and FROM_TO period folders, by their
 * last day) older than N days before the report's last day. */
static void job_prune(const job *j, int64_t last_day)
{
    if (j->o->keep_days <= 0) return;
    DIR *d = opendir(j->o->out);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *name = e->d_name;
        size_t n = strlen(name);
        char ymd[11];
        if (n == 10)
            memcpy(ymd, name, 10);
        else if (n == 21 && name[10] == '_')
            memcpy(ymd, name + 11, 10);
        else
            continue;
        ymd[10] = 0;
        int y, m, dd;
        if (nvt_parse_ymd(ymd, &y, &m, &dd) != 0) continue;
        if (nvt_days_from_civil(y, m, dd) > last_day - j->o->keep_days) continue;
        char p[NV_PATH_MAX + 300];
        snprintf(p, sizeof p, "%s/%s", j->o->out, name);
        outfile_rmtree(p);
    }
    closedir(d);
}

static nv_err job_rejects_open(job *j)
{
    char path[NV_PATH_MAX + 200];
    snprintf(path, sizeof path, "%s/internal/rejects.csv", j->stage_dir);
    nv_err e = outfile_open(&j->rejects, path, &j->eb);
    if (e) return e;
    j->rejects_open = 1;
    fputs("file,line,reason,raw\n", j->rejects.f);
    return NV_OK;
}

static nv_err job_run(job *j, int load, int *rejected)
{
    nv_report r = {0};
    nv_profile prof;
    nv_err e;
    if ((e = job_open_db(j))) return e;
    if ((e = profile_load(j->o->templates, j->o->profile, &prof, &j->eb))) return e;
    job_sweep_stale(j->o->out);
    if ((e = db_begin(j->db, &j->eb))) return e;
    manifest_stage(&j->man, "open");
    if ((e = job_window(j, &r)) || (e = job_stage_dir(j, &r)) || (e = job_rejects_open(j)))
        return e;
    if (load) {
        progress_stage(&j->prog, "loading");
        if ((e = job_load(j, j->rejects.f))) return e;
        manifest_stage(&j->man, "load");
        /* The day boundaries are the loaded layout's zone (meta 'timezone',
         * set by the first load of a fresh database). */
        if ((e = job_window(j, &r))) return e;
    }
    *rejected = any_rejected(j);
    if (j->o->reviews[0]) {
        int refused = 0;
        progress_stage(&j->prog, "reviews");
        if ((e = job_reviews_dir(j, &refused))) return e;
        *rejected |= refused;
    }
    j->rejects_open = 0;
    if ((e = outfile_commit(&j->rejects, &j->eb))) return e;
    r.db = j->db;
    r.templates_dir = j->o->templates;
    r.out_dir = j->stage_dir;
    r.profile = &prof;
    r.page_a3 = !strcmp(j->o->page, "a3");
    char org[64] = "KESCO";
    if (db_meta_get(j->db, "organisation", org, sizeof org) != 1 || !org[0])
        snprintf(org, sizeof org, "KESCO");
    r.org_name = org;
    r.inputs = j->inputs;
    r.n_inputs = j->n_inputs;
    if ((e = job_render(j, &r, &prof))) return e;
    if ((e = manifest_write(&j->man, j->stage_dir, &r, j->o->templates, j->inputs, j->n_inputs,
                            &j->eb)))
        return e;
    if ((e = db_commit(j->db, &j->eb))) return e;
    if ((e = job_publish(j))) return e;
    job_prune(j, r.last_day);
    progress_done(&j->prog, j->final_dir);
    return NV_OK;
}

int run_job(const nv_opts *o, int load)
{
    job j = {.o = o};
    int rejected = 0;
    if (load && o->n_files == 0) {
        fprintf(stderr, "nivaran run: no export files given (see --help)\n");
        return 1;
    }
    if (!load && o->n_files > 0) {
        fprintf(stderr, "nivaran report: takes no files (use `nivaran run` to load)\n");
        return 1;
    }
    progress_init(&j.prog, o->quiet);
    manifest_init(&j.man, o->profile, o->db);
    nv_err e = job_run(&j, load, &rejected);
    if (e) fprintf(stderr, "nivaran %s: %s\n", o->command, j.eb.msg);
    job_close(&j);
    if (e) return nv_exit_status(e);
    return rejected ? 3 : 0;
}

int run_ingest(const nv_opts *o)
{
    job j = {.o = o};
    nv_err e;
    FILE *rf = NULL;
    if (o->n_files == 0) {
        fprintf(stderr, "nivaran ingest: no export files given (see --help)\n");
        return 1;
    }
    progress_init(&j.prog, o->quiet);
    manifest_init(&j.man, o->profile, o->db);
    if ((e = job_open_db(&j))) goto done;
    if (o->rejects[0]) {
        if ((e = outfile_open(&j.rejects, o->rejects, &j.eb))) goto done;
        j.rejects_open = 1;
        rf = j.rejects.f;
        fputs("file,line,reason,raw\n", rf);
    }
    if ((e = db_begin(j.db, &j.eb)) || (e = job_load(&j, rf))) goto done;
    if (j.rejects_open) {
        j.rejects_open = 0;
        if ((e = outfile_commit(&j.rejects, &j.eb))) goto done;
    }
    e = db_commit(j.db, &j.eb);
done:
    if (e) fprintf(stderr, "nivaran ingest: %s\n", j.eb.msg);
    int rejected = any_rejected(&j);
    job_close(&j);
    if (e) return nv_exit_status(e);
    return rejected ? 3 : 0;
}

int run_review(const nv_opts *o)
{
    job j = {.o = o};
    nv_err e;
    int refused = 0;
    struct stat sb;
    if (o->n_files == 0) {
        fprintf(stderr, "nivaran review: no workbook or list given (see --help)\n");
        return 1;
    }
    if (stat(o->db, &sb) != 0) {
        fprintf(stderr, "nivaran review: %s: no such database\n", o->db);
        return 1;
    }
    progress_init(&j.prog, o->quiet);
    manifest_init(&j.man, o->profile, o->db);
    if ((e = job_open_db(&j))) goto done;
    if (o->rejects[0]) {
        if ((e = outfile_open(&j.rejects, o->rejects, &j.eb))) goto done;
        j.rejects_open = 1;
    }
    if ((e = db_begin(j.db, &j.eb)) ||
        (e = job_read_reviews(&j, (const char *const *)o->files, (size_t)o->n_files,
                              j.rejects_open ? j.rejects.f : NULL, &refused)))
        goto done;
    if (j.rejects_open) {
        j.rejects_open = 0;
        if ((e = outfile_commit(&j.rejects, &j.eb))) goto done;
    }
    e = db_commit(j.db, &j.eb);
done:
    if (e) fprintf(stderr, "nivaran review: %s\n", j.eb.msg);
    job_close(&j);
    if (e) return nv_exit_status(e);
    return refused ? 3 : 0;
}

int run_gen(const nv_opts *o)
{
    nv_gen_opts g = {0};
    nv_errbuf eb;
    int y, m, d;
    g.days = o->days;
    g.end_day = today_ist() - 1;
    if (o->end[0] && nvt_parse_ymd(o->end, &y, &m, &d) == 0)
        g.end_day = nvt_days_from_civil(y, m, d);
    g.seed = o->seed;
    g.out_dir = o->out;
    g.nightly = o->nightly;
    g.scale = o->scale;
    g.plant = !o->no_plant;
    nv_err e = outfile_mkdirs(o->out, &eb);
    if (!e) e = gen_run(&g, &eb);
    if (e) {
        fprintf(stderr, "nivaran gen: %s\n", eb.msg);
        return nv_exit_status(e);
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The export files gen wrote into dir, sorted; NULL-terminated array the
 * caller frees (each string and the array). */
static char **demo_list(const char *dir, int *n)
{
    static const char *const prefixes[] = {"kesco_1912_complaints_", "jhatpat_applications_",
                                           "niveshmitra_applications_"};
    DIR *d = opendir(dir);
    char **v = NULL;
    int cap = 0;
    *n = 0;
    if (!d) return NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        int ok = 0;
        for (size_t i = 0; i < 3; i++)
            ok |= !strncmp(e->d_name, prefixes[i], strlen(prefixes[i]));
        if (!ok) continue;
        if (*n + 1 >= cap) {
            cap = cap ? cap * 2 : 128;
            char **nv = realloc(v, (size_t)cap * sizeof *nv);
            if (!nv) break;
            v = nv;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        v[*n] = malloc(len);
        if (!v[*n]) break;
        snprintf(v[*n], len, "%s/%s", dir, e->d_name);
        (*n)++;
    }
    closedir(d);
    if (v) qsort(v, (size_t)*n, sizeof *v, cmp_str);
    return v;
}

int run_demo(const nv_opts *o)
{
    nv_opts *run = malloc(sizeof *run);
    if (!run) return 2;
    memcpy(run, o, sizeof *run);
    snprintf(run->command, sizeof run->command, "run");
    char exports[NV_PATH_MAX];
    if (snprintf(exports, sizeof exports, "%s/demo-exports", o->out) >= (int)sizeof exports ||
        snprintf(run->db, sizeof run->db, "%s/demo.db", o->out) >= (int)sizeof run->db) {
        fprintf(stderr, "nivaran demo: --out path too long\n");
        free(run);
        return 1;
    }
    if (!o->quiet)
        fprintf(stderr, "nivaran demo: generating 30 days of sample exports in %s\n", exports);
    outfile_rmtree(exports);
    memcpy(run->out, exports, sizeof exports);
    run->days = 30;
    run->nightly = 1;
    run->end[0] = 0;
    int rc = run_gen(run);
    if (rc != 0) {
        free(run);
        return rc;
    }
    /* A fresh database each time, so the demo shows exactly this month. */
    const char *sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[NV_PATH_MAX + 8];
        snprintf(p, sizeof p, "%s%s", run->db, sfx[i]);
        unlink(p);
    }
    int n = 0;
    char **files = demo_list(exports, &n);
    snprintf(run->out, sizeof run->out, "%s", o->out);
    run->files = files;
    run->n_files = n;
    run->date[0] = 0;
    rc = n > 0 ? run_job(run, 1) : 2;
    if (rc == 0 || rc == 3) {
        int64_t day = today_ist() - 1;
        char ymd[11];
        nvt_format_ymd(day, ymd);
        printf("nivaran demo: reports for %s are in %s/%s/ (database %s)\n", ymd, o->out, ymd,
               run->db);
    }
    for (int i = 0; i < n; i++)
        free(files[i]);
    free(files);
    free(run);
    return rc;
}
