/* run.c — the jobs behind the commands; see include/nivaran/cli/run.h. */
#include "nivaran/cli/run.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nivaran/compute/compensation.h"
#include "nivaran/load/complete.h"
#include "nivaran/store/db.h"
#include "nivaran/compute/figures.h"
#include "nivaran/compute/flags.h"
#include "nivaran/gen/gen.h"
#include "nivaran/load/ingest.h"
#include "nivaran/load/layout.h"
#include "nivaran/cli/manifest.h"
#include "nivaran/core/names.h"
#include "nivaran/compute/metrics.h"
#include "nivaran/core/outfile.h"
#include "nivaran/render/pdf/pdf.h"
#include "nivaran/compute/profile.h"
#include "nivaran/compute/service.h"
#include "nivaran/store/purge.h"
#include "nivaran/cli/progress.h"
#include "nivaran/core/report.h"
#include "nivaran/render/web/web.h"
#include "nivaran/compute/verify.h"
#include "nivaran/render/xlsx/xlsx.h"

/* One earlier day written by --catch-up: its folder staged, then put in place
 * (old: the folder it replaced, moved aside) before the commit. */
struct catch_up {
    int64_t day;
    int published;
    char stage[NV_PATH_MAX + 128];
    char final[NV_PATH_MAX + 128];
    char old[NV_PATH_MAX + 200];
    nv_complete complete;
};

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
    nv_complete complete; /* of the report's last day */
    struct catch_up *cu;  /* --catch-up: the earlier days, oldest first */
    int n_cu;
    int n_incomplete; /* days of this run with a layout missing (exit 5) */
    int full_done;    /* a full flag pass ran in this run */
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
    j->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (j->lock_fd < 0)
        return nv_errf(&j->eb, NV_ERR_IO, "%s: cannot create lock file: %s", path, strerror(errno));
    struct stat st;
    if (fstat(j->lock_fd, &st) == 0 && st.st_uid == geteuid()) (void)fchmod(j->lock_fd, 0640);
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

/* Opens --db under its lock. create: `run` and `ingest` may create a new
 * database, never its folder; `report` needs one that exists (NV_ERR_USAGE,
 * nothing created, not even DB.lock). */
static nv_err job_open_db(job *j, int create)
{
    char dir[NV_PATH_MAX];
    struct stat st;
    snprintf(dir, sizeof dir, "%s", j->o->db);
    char *slash = strrchr(dir, '/');
    if (slash) slash[slash == dir ? 1 : 0] = 0;
    if (!create && stat(j->o->db, &st) != 0)
        return nv_errf(&j->eb, NV_ERR_USAGE, "%s: no such database (`nivaran run` creates one)",
                       j->o->db);
    if (create && slash && stat(dir, &st) != 0)
        return nv_errf(&j->eb, NV_ERR_USAGE, "%s: the database's folder %s does not exist",
                       j->o->db, dir);
    int fresh = stat(j->o->db, &st) != 0;
    nv_err e = job_lock(j);
    if (e) return e;
    if ((e = db_open_mode(j->o->db, create, &j->db, &j->eb))) return e;
    if (fresh && chmod(j->o->db, 0640) != 0) /* owner and group only, whatever the umask */
        return nv_errf(&j->eb, NV_ERR_IO, "%s: cannot set its mode: %s", j->o->db, strerror(errno));
    return NV_OK;
}

static void job_close(job *j)
{
    if (j->rejects_open) outfile_abort(&j->rejects);
    if (j->ig) ingest_close(j->ig);
    free(j->inputs);
    db_rollback(j->db);
    db_close(j->db);
    if (j->stage_dir[0]) outfile_rmtree(j->stage_dir);
    for (int i = 0; i < j->n_cu; i++)
        if (!j->cu[i].published) outfile_rmtree(j->cu[i].stage);
    free(j->cu);
    if (j->lock_fd > 0) close(j->lock_fd);
    manifest_free(&j->man);
}

/* Loads every input file into the open transaction, judged by clock when
 * not NULL (ingest_set_clock); rejects go to j->rejects.f when open. */
static nv_err job_load(job *j, const nv_clock *clock, FILE *rejects)
{
    nv_err e = ingest_open(j->db, j->o->templates, &j->ig, &j->eb);
    if (e) return e;
    ingest_set_clock(j->ig, clock);
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
    int64_t today = nvt_local_day(&tz, (int64_t)time(NULL));
    int64_t last = today - 1, first;
    if (j->o->date[0] && nvt_parse_ymd(j->o->date, &y, &m, &d) == 0)
        last = nvt_days_from_civil(y, m, d);
    if (last >= today) /* its figures would be partial */
        return nv_errf(&j->eb, NV_ERR_USAGE, "--date %s has not ended yet in %s", j->o->date,
                       tz.name[0] ? tz.name : "the organisation's zone");
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

/* 1 when the process that named a staging folder ".LABEL.tmp-PID..." may
 * still live: another database's run can write into the same OUT, and our
 * lock says nothing about it. A folder whose pid is gone is stale. */
static int stage_owner_alive(const char *name)
{
    const char *t = strstr(name, ".tmp-");
    char *end;
    long pid = strtol(t + 5, &end, 10);
    if (end == t + 5 || pid <= 0) return 0;
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* Removes staging folders that killed runs left in OUT (those of live
 * processes are another run's, in use). */
static void job_sweep_stale(const char *out)
{
    DIR *d = opendir(out);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] != '.' || !strstr(e->d_name, ".tmp-")) continue;
        if (stage_owner_alive(e->d_name)) continue;
        char p[NV_PATH_MAX + 300];
        snprintf(p, sizeof p, "%s/%s", out, e->d_name);
        outfile_rmtree(p);
    }
    closedir(d);
}

/* Compensation (compensation.h): the organisation's schedule, if any, then
 * the figures of the report window and of the month to date, and their two
 * CSV files; r->comp points at c, or stays NULL without a schedule. */
static nv_err job_comp(job *j, nv_report *r, nv_comp *c)
{
    int found = 0, y, m, d;
    nv_err e = comp_load(j->o->templates, r->org_name, &c->sched, &found, &j->eb);
    if (e || !found) return e;
    nvt_civil_from_days(r->last_day, &y, &m, &d);
    int64_t m0 = nvt_day_start(&r->tz, y, m, 1);
    if ((e = comp_compute(j->db, r->d0, r->d1, m0, c, &j->eb)) ||
        (e = comp_write_csv(c, r->out_dir, &r->tz, r->report_date, !r->withhold_public, &j->eb)))
        return e;
    r->comp = c;
    return NV_OK;
}

/* The completeness of the report's last day (OUTPUTS.md, exit status 5):
 * with a layout missing, the public outputs are withheld. */
static nv_err job_complete(job *j, nv_report *r, nv_complete *c)
{
    int y, m, d;
    nvt_civil_from_days(r->last_day, &y, &m, &d);
    int64_t d0 = nvt_day_start(&r->tz, y, m, d);
    nvt_civil_from_days(r->last_day + 1, &y, &m, &d);
    int64_t d1 = nvt_day_start(&r->tz, y, m, d);
    nv_err e =
        complete_check(j->db, j->o->templates, r->org_name, r->last_day, d0, d1,
                       (const char(*)[64])j->o->allow_missing, j->o->n_allow_missing, c, &j->eb);
    if (e) return e;
    r->complete = c;
    r->withhold_public = c->n_missing > 0;
    j->n_incomplete += r->withhold_public;
    return NV_OK;
}

/* The day's call-back list (VERIFY.md): drawn and stored the first time a
 * day is reported, the stored one afterwards. */
static nv_err job_callbacks(job *j, const nv_report *r, const nv_flag_cfg *fcfg,
                            const nv_verify_cfg *vcfg)
{
    nv_verify_day vd;
    nv_err e = verify_draw(j->db, vcfg, r, j->o->verify_salt, &vd, &j->eb);
    if (!e) e = verify_flags(j->db, vcfg, fcfg->officer_tukey_k, r, &j->eb);
    if (!e) e = verify_about_fill(j->db, r, fcfg, vcfg, &j->eb);
    if (!e && vd.drawn && !vd.salted && !j->o->quiet)
        fprintf(stderr, "nivaran %s: %s\n", j->o->command, verify_predictable_note(0));
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

/* The MD's PDF, the notice board, and (unless withheld) the public web page
 * with datapackage.json: run by xlsx_write_wings_meanwhile() while the
 * workers deflate the workbooks (the stages' times split there). */
typedef struct {
    job *j;
    nv_report *r;
    nv_web_comp wc;
} job_pdfs_ctx;

static nv_err job_pdfs(void *ctx, nv_errbuf *eb)
{
    job_pdfs_ctx *p = ctx;
    nv_report *r = p->r;
    nv_err e;
    manifest_stage(&p->j->man, "workbooks");
    progress_stage(&p->j->prog, "pdf");
    if ((e = pdf_write_md(r, eb)) || (e = pdf_write_notice(r, eb)) ||
        (!r->withhold_public && (e = web_write(r, r->comp ? &p->wc : NULL, eb))))
        return e;
    manifest_stage(&p->j->man, "pdf");
    progress_stage(&p->j->prog, "finishing the workbooks");
    return NV_OK;
}

static nv_err job_render(job *j, nv_report *r, const nv_profile *prof)
{
    nv_flag_cfg fcfg;
    nv_figures fig = {0};
    nv_verify_exam exam = {0};
    nv_verify_cfg vcfg;
    nv_comp comp = {0};
    nv_service svc;
    nv_names names = {0};
    nv_err e;
    if ((e = names_load(j->o->templates, r->org_name, &names, &j->eb))) goto done;
    r->names = &names;
    progress_stage(&j->prog, "judging");
    if ((e = metrics_judge(j->db, prof, &j->eb))) goto done;
    manifest_stage(&j->man, "judge");
    progress_stage(&j->prog, "flags");
    /* --full: the run's first pass is the full one (a --catch-up's later
     * days find nothing stale), every officer rate from the records (the
     * other full passes take them from the running sums they rebuild) */
    nv_flag_pass pass = {prof->sha256, j->o->full && !j->full_done, 0, 0};
    if ((e = flags_load_cfg(j->o->templates, &fcfg, &j->eb)) ||
        (e = flags_update_records(j->db, &fcfg, &pass, &j->eb)) ||
        (e = flags_officer(j->db, &fcfg, r, j->o->full, &j->eb)))
        goto done;
    j->full_done |= pass.ran_full;
    if (pass.config_changed && !j->o->quiet)
        fprintf(stderr,
                "nivaran %s: the flag thresholds, severities, SLA profile, zone or version "
                "changed since the last flag pass: every record's flags were recomputed\n",
                j->o->command);
    manifest_stage(&j->man, "flags");
    progress_stage(&j->prog, "call-backs");
    if ((e = verify_load_cfg(j->o->templates, &vcfg, &j->eb)) ||
        (e = job_callbacks(j, r, &fcfg, &vcfg)))
        goto done;
    manifest_stage(&j->man, "verify");
    progress_stage(&j->prog, "figures");
    /* the self-check counts its examined records from the figures' keys */
    verify_exam_init(&exam, r, &fcfg);
    if ((e = figures_build_mode(j->db, &r->tz, r->first_day, r->last_day,
                                j->o->full ? FIG_FULL : FIG_STORE, &fig, &j->eb)) ||
        (e = verify_exam_fill(&exam, &fig, &j->eb)) ||
        (!r->withhold_public && (e = metrics_write_open_data(figures_table(&fig, NV_FIG_REPORT),
                                                             r->out_dir, r->report_date, &j->eb))))
        goto done;
    r->fig = &fig;
    if ((e = service_build(r, &fig, &svc, &j->eb))) goto done;
    r->svc = &svc;
    manifest_stage(&j->man, "figures");
    if ((e = verify_check_fill(j->db, r, &fcfg, &vcfg, &exam, &j->eb))) goto done;
    manifest_stage(&j->man, "self-check");
    progress_stage(&j->prog, "registers");
    if ((e = flags_write_register(j->db, r->out_dir, &r->tz, &j->eb)) ||
        (e = verify_write_callbacks(j->db, r->out_dir, r->report_date, &r->tz, &j->eb)))
        goto done;
    manifest_stage(&j->man, "registers");
    progress_stage(&j->prog, "compensation");
    if ((e = job_comp(j, r, &comp))) goto done;
    manifest_stage(&j->man, "compensation");
    progress_stage(&j->prog, "workbooks");
    /* the PDFs and the web page while the workers deflate the workbooks;
     * the page's compensation block: the month to date of COMPENSATION.md */
    job_pdfs_ctx pc = {j, r, {0}};
    if (r->comp) pc.wc.owed_records = comp.month.all.owed_records;
    if (r->comp) pc.wc.owed_rupees = comp.month.all.owed_rupees;
    if ((e = xlsx_write_wings_meanwhile(r, job_pdfs, &pc, &j->eb))) goto done;
    manifest_stage(&j->man, "workbooks"); /* the rest: waiting for the workers */
done:
    r->fig = NULL;
    r->svc = NULL;
    figures_free(&fig);
    verify_exam_free(&exam);
    r->comp = NULL;
    comp_free(&comp);
    r->names = NULL;
    names_free(&names);
    return e;
}

/* Puts the staged day folder in place of OUT/LABEL (an older one moved
 * aside to *old, "" when there was none), before the database commits: a
 * folder that cannot be put in place fails the run with nothing kept. */
static nv_err dir_publish(const char *stage, const char *final, char *old, size_t n, nv_errbuf *eb)
{
    struct stat st;
    snprintf(old, n, "%s.old-%ld", stage, (long)getpid());
    int had = stat(final, &st) == 0;
    if (!had) old[0] = 0;
    if (had && rename(final, old) != 0) {
        old[0] = 0;
        return nv_errf(eb, NV_ERR_IO, "%s: cannot replace: %s", final, strerror(errno));
    }
    if (rename(stage, final) != 0) {
        int err = errno;
        if (had) rename(old, final);
        old[0] = 0;
        return nv_errf(eb, NV_ERR_IO, "%s: cannot rename into place: %s", final, strerror(err));
    }
    return NV_OK;
}

static nv_err job_publish(job *j, char *old, size_t n)
{
    return dir_publish(j->stage_dir, j->final_dir, old, n, &j->eb);
}

/* Undoes dir_publish when the commit failed: the staged folder back to its
 * staging name (job_close removes it), the older folder back in place. */
static void dir_unpublish(const char *stage, const char *final, const char *old)
{
    if (rename(final, stage) != 0) outfile_rmtree(final);
    if (old[0]) rename(old, final);
}

static void job_unpublish(job *j, int published, const char *old)
{
    if (published) dir_unpublish(j->stage_dir, j->final_dir, old);
    for (int i = j->n_cu - 1; i >= 0; i--)
        if (j->cu[i].published) {
            dir_unpublish(j->cu[i].stage, j->cu[i].final, j->cu[i].old);
            j->cu[i].published = 0;
        }
}

/* OUT/public-latest -> LABEL/public, replaced atomically (a new link
 * renamed over it), unless it already names a newer day. After the commit:
 * a failure is reported on stderr and does not fail the run. */
static void job_link_latest(job *j, const nv_report *r)
{
    char link[NV_PATH_MAX + 32], tmp[NV_PATH_MAX + 64], cur[64], target[64];
    int y, m, d;
    snprintf(link, sizeof link, "%s/public-latest", j->o->out);
    ssize_t n = readlink(link, cur, sizeof cur - 1);
    if (n >= 10) {
        cur[n] = 0;
        cur[10] = 0;
        if (nvt_parse_ymd(cur, &y, &m, &d) == 0 && nvt_days_from_civil(y, m, d) > r->last_day)
            return;
    }
    snprintf(target, sizeof target, "%s/public", r->label);
    snprintf(tmp, sizeof tmp, "%s/.public-latest.tmp-%ld", j->o->out, (long)getpid());
    unlink(tmp);
    if (symlink(target, tmp) != 0 || rename(tmp, link) != 0) {
        fprintf(stderr, "nivaran %s: %s: cannot link to %s: %s\n", j->o->command, link, target,
                strerror(errno));
        unlink(tmp);
    }
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

/* meta last_report_day: the latest day a day report was written for. */
static nv_err job_mark_day(job *j, const nv_report *r)
{
    char cur[16], ymd[11];
    int y, m, d;
    if (r->first_day != r->last_day) return NV_OK;
    if (db_meta_get(j->db, "last_report_day", cur, sizeof cur) == 1 &&
        nvt_parse_ymd(cur, &y, &m, &d) == 0 && nvt_days_from_civil(y, m, d) >= r->last_day)
        return NV_OK;
    nvt_format_ymd(r->last_day, ymd);
    return db_meta_set(j->db, "last_report_day", ymd, &j->eb);
}

/* Writes the day folder of r (staged in r->out_dir): figures, reports,
 * public/ when the public outputs are written, manifest, modes. */
static nv_err job_day(job *j, nv_report *r, const nv_profile *prof)
{
    nv_err e;
    char pub[NV_PATH_MAX + 160];
    if ((e = job_render(j, r, prof))) return e;
    snprintf(pub, sizeof pub, "%s/public", r->out_dir);
    if (!r->withhold_public && (e = outfile_mkdirs(pub, &j->eb))) return e;
    if ((e = manifest_write(&j->man, r->out_dir, r, j->o->templates, j->inputs, j->n_inputs,
                            &j->eb)) ||
        (e = outfile_day_modes(r->out_dir, &j->eb)) || (e = job_mark_day(j, r)))
        return e;
    return NV_OK;
}

/* --catch-up: the days after meta last_report_day and before the report day
 * (at most 31), oldest first, each written and put in place before the one
 * commit (job_unpublish undoes them). None on a database that never
 * reported a day, or for a period report. base is the report day's report. */
static nv_err job_catch_up(job *j, const nv_report *base, const nv_profile *prof)
{
    char cur[16];
    int y, m, d;
    if (!j->o->catch_up || base->first_day != base->last_day) return NV_OK;
    if (db_meta_get(j->db, "last_report_day", cur, sizeof cur) != 1 ||
        nvt_parse_ymd(cur, &y, &m, &d) != 0)
        return NV_OK;
    int64_t from = nvt_days_from_civil(y, m, d) + 1, to = base->last_day - 1;
    if (from < base->last_day - 31) from = base->last_day - 31;
    if (from > to) return NV_OK;
    j->cu = calloc((size_t)(to - from + 1), sizeof *j->cu);
    if (!j->cu) return nv_errf(&j->eb, NV_ERR_NOMEM, "out of memory for --catch-up");
    for (int64_t day = from; day <= to; day++) {
        struct catch_up *c = &j->cu[j->n_cu++];
        nv_report r = *base;
        nv_outfile rej;
        nv_err e;
        char path[NV_PATH_MAX + 200];
        report_set_window(&r, &base->tz, day, day);
        c->day = day;
        snprintf(c->final, sizeof c->final, "%s/%s", j->o->out, r.label);
        snprintf(c->stage, sizeof c->stage, "%s/.%s.tmp-%ld", j->o->out, r.label, (long)getpid());
        snprintf(path, sizeof path, "%s/internal", c->stage);
        outfile_rmtree(c->stage);
        if ((e = outfile_mkdirs(path, &j->eb))) return e;
        /* this run's rejected rows are listed in the report day's folder */
        snprintf(path, sizeof path, "%s/internal/rejects.csv", c->stage);
        if ((e = outfile_open(&rej, path, &j->eb))) return e;
        fputs(CSV_BOM "file,line,reason,raw\n", rej.f);
        if ((e = outfile_commit(&rej, &j->eb))) return e;
        r.out_dir = c->stage;
        progress_stage(&j->prog, r.label);
        if ((e = job_complete(j, &r, &c->complete)) || (e = job_day(j, &r, prof)) ||
            (e = dir_publish(c->stage, c->final, c->old, sizeof c->old, &j->eb)))
            return e;
        c->published = 1;
    }
    return NV_OK;
}

/* The purge of purge.h for the day, in the open transaction; prints what it
 * did (or, dry run, would do). */
static nv_err job_purge(job *j, const nv_tz *tz, int64_t day)
{
    nv_purge_result res;
    int n = j->o->personal_days ? j->o->personal_days : j->o->retain_personal_days;
    nv_err e = purge_personal(j->db, tz, day, n, j->o->dry_run, &res, &j->eb);
    if (e) return e;
    char cut[40];
    nvt_format_iso(tz, res.cutoff, cut);
    if (!j->o->quiet || j->o->dry_run)
        fprintf(stderr, "nivaran %s: %s%lld records disposed before %s%s\n", j->o->command,
                j->o->dry_run ? "would erase the personal data of "
                              : "erased the personal data of ",
                (long long)res.records, cut, j->o->dry_run ? " (dry run: nothing changed)" : "");
    return NV_OK;
}

static nv_err job_rejects_open(job *j)
{
    char path[NV_PATH_MAX + 200];
    snprintf(path, sizeof path, "%s/internal/rejects.csv", j->stage_dir);
    nv_err e = outfile_open(&j->rejects, path, &j->eb);
    if (e) return e;
    j->rejects_open = 1;
    fputs(CSV_BOM "file,line,reason,raw\n", j->rejects.f);
    return NV_OK;
}

static nv_err job_run(job *j, int load, int *rejected)
{
    nv_report r = {0};
    nv_profile prof;
    nv_err e;
    if ((e = job_open_db(j, load))) return e;
    if ((e = profile_load(j->o->templates, j->o->profile, &prof, &j->eb))) return e;
    job_sweep_stale(j->o->out);
    if ((e = db_begin(j->db, &j->eb))) return e;
    manifest_stage(&j->man, "open");
    if ((e = job_window(j, &r)) || (e = job_stage_dir(j, &r)) || (e = job_rejects_open(j)))
        return e;
    if (load) {
        progress_stage(&j->prog, "loading");
        /* the load judges the rows it stores when the profile is unchanged */
        nv_clock *clock = NULL;
        if ((e = metrics_judge_at_load(j->db, &prof, &clock, &j->eb))) return e;
        e = job_load(j, clock, j->rejects.f);
        if (j->ig) ingest_set_clock(j->ig, NULL);
        clock_free(clock);
        if (e) return e;
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
    nv_org_layouts ol;
    if ((e = layouts_of_org(j->o->templates, org, &ol, &j->eb))) return e;
    r.sources = ol.sources;
    r.unfilled = ol.unfilled;
    r.inputs = j->inputs;
    r.n_inputs = j->n_inputs;
    r.lock_fd = j->lock_fd;
    char old[NV_PATH_MAX + 200] = "";
    int published = 0;
    e = job_catch_up(j, &r, &prof);
    if (!e) e = job_complete(j, &r, &j->complete);
    if (!e) e = job_day(j, &r, &prof);
    if (!e && j->o->retain_personal_days > 0) e = job_purge(j, &r.tz, r.last_day);
    if (!e && !(e = job_publish(j, old, sizeof old))) published = 1;
    if (!e) e = db_commit(j->db, &j->eb);
    if (e) { /* nothing of the run is kept: every folder put in place goes back */
        job_unpublish(j, published, old);
        return e;
    }
    j->stage_dir[0] = 0;
    if (old[0]) outfile_rmtree(old);
    for (int i = 0; i < j->n_cu; i++)
        if (j->cu[i].old[0]) outfile_rmtree(j->cu[i].old);
    if (!r.withhold_public && r.first_day == r.last_day) job_link_latest(j, &r);
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
    int incomplete = !e && j.n_incomplete > 0;
    for (int i = -1; incomplete && i < j.n_cu; i++) {
        const nv_complete *c = i < 0 ? &j.complete : &j.cu[i].complete;
        char names[512], ymd[11];
        if (!c->n_missing) continue;
        complete_names(c, 0, names, sizeof names);
        if (i >= 0) nvt_format_ymd(j.cu[i].day, ymd);
        fprintf(stderr,
                "nivaran %s: incomplete day%s%s: no data from %s; public outputs withheld\n",
                o->command, i >= 0 ? " " : "", i >= 0 ? ymd : "", names);
    }
    job_close(&j);
    if (e) return nv_exit_status(e);
    return incomplete ? 5 : rejected ? 3 : 0;
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
    if ((e = job_open_db(&j, 1))) goto done;
    if (o->rejects[0]) {
        if ((e = outfile_open(&j.rejects, o->rejects, &j.eb))) goto done;
        j.rejects_open = 1;
        rf = j.rejects.f;
        fputs("file,line,reason,raw\n", rf);
    }
    if ((e = db_begin(j.db, &j.eb)) || (e = job_load(&j, NULL, rf))) goto done;
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

int run_purge(const nv_opts *o)
{
    job j = {.o = o};
    nv_report r = {0};
    nv_err e;
    if (o->n_files > 0 || o->personal_days <= 0) {
        fprintf(stderr, "nivaran purge: --personal-days N is needed, and no files (see --help)\n");
        return 1;
    }
    progress_init(&j.prog, 1);
    manifest_init(&j.man, o->profile, o->db);
    if (!(e = job_open_db(&j, 0)) && !(e = db_begin(j.db, &j.eb)) && !(e = job_window(&j, &r)) &&
        !(e = job_purge(&j, &r.tz, r.last_day)) && !o->dry_run)
        e = db_commit(j.db, &j.eb);
    if (e) fprintf(stderr, "nivaran purge: %s\n", j.eb.msg);
    job_close(&j);
    return e ? nv_exit_status(e) : 0;
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
    if ((e = job_open_db(&j, 0))) goto done;
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
