/* manifest.c — see include/nivaran/cli/manifest.h. */
#include "nivaran/cli/manifest.h"

#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nivaran/core/outfile.h"
#include "nivaran/core/version.h"

static double rusage_secs(int who)
{
    struct rusage ru;
    if (getrusage(who, &ru) != 0) return 0;
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

/* CPU seconds of this process and of its ended children (the workbook
 * writers, xlsx.c). */
static double cpu_now(void)
{
    return rusage_secs(RUSAGE_SELF) + rusage_secs(RUSAGE_CHILDREN);
}

void manifest_init(nv_manifest *m, const char *profile, const char *db)
{
    memset(m, 0, sizeof *m);
    snprintf(m->profile, sizeof m->profile, "%s", profile);
    snprintf(m->db, sizeof m->db, "%s", db);
    clock_gettime(CLOCK_MONOTONIC, &m->last);
    m->last_cpu = cpu_now();
}

void manifest_stage(nv_manifest *m, const char *name)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double s = (double)(now.tv_sec - m->last.tv_sec) + (now.tv_nsec - m->last.tv_nsec) / 1e9;
    double cpu = cpu_now(), dc = cpu - m->last_cpu;
    m->last = now;
    m->last_cpu = cpu;
    for (int i = 0; i < m->n; i++) {
        if (!strcmp(m->stage[i].name, name)) {
            m->stage[i].s += s;
            m->stage[i].cpu += dc;
            return;
        }
    }
    if (m->n == MANIFEST_MAX_STAGES) return;
    snprintf(m->stage[m->n].name, sizeof m->stage[m->n].name, "%s", name);
    m->stage[m->n].cpu = dc;
    m->stage[m->n++].s = s;
}

void manifest_free(nv_manifest *m)
{
    (void)m;
}

void manifest_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\r')
            fputs("\\r", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else if (*p < 0x80)
            fputc(*p, f);
        else { /* UTF-8 as it is; an invalid byte as the text \xNN */
            int k = outfile_utf8_len(p);
            if (k == 0)
                fprintf(f, "\\\\x%02x", *p);
            else
                fwrite(p, 1, (size_t)k, f), p += k - 1;
        }
    }
    fputc('"', f);
}

/* A sorted list of relative file paths under a folder. */
typedef struct {
    char **v;
    size_t n, cap;
} pathlist;

static int pathlist_add(pathlist *l, const char *rel)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        char **nv = realloc(l->v, cap * sizeof *nv);
        if (!nv) return -1;
        l->v = nv;
        l->cap = cap;
    }
    l->v[l->n] = strdup(rel);
    return l->v[l->n] ? (int)(l->n++, 0) : -1;
}

static void pathlist_free(pathlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static int walk(const char *root, const char *rel, pathlist *l)
{
    char dir[8192];
    snprintf(dir, sizeof dir, "%s%s%s", root, rel[0] ? "/" : "", rel);
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char sub[8192], full[8192 * 2];
        snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        snprintf(full, sizeof full, "%s/%s", root, sub);
        struct stat st; /* lstat: a link (public/open-data) is not an output of its own */
        if (lstat(full, &st) != 0) continue;
        if (S_ISDIR(st.st_mode))
            rc = walk(root, sub, l);
        else if (S_ISREG(st.st_mode) && !strstr(e->d_name, ".tmp"))
            rc = pathlist_add(l, sub);
    }
    closedir(d);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

#define HASH_THREADS 4 /* at most, and no more than the processors */

/* The hashes of the files of a list under root (skip: one not to hash),
 * taken in turn by the threads of hash_all: hex[i], or rc[i] and eb[i]. */
typedef struct {
    const char *root, *skip;
    const pathlist *l;
    char (*hex)[65];
    nv_err *rc;
    nv_errbuf *eb;
    atomic_size_t next;
} hash_job;

static void *hash_run(void *arg)
{
    hash_job *j = arg;
    size_t i;
    while ((i = atomic_fetch_add(&j->next, 1)) < j->l->n) {
        char full[8192];
        if (j->skip && !strcmp(j->l->v[i], j->skip)) continue;
        snprintf(full, sizeof full, "%s/%s", j->root, j->l->v[i]);
        j->rc[i] = outfile_sha256(full, j->hex[i], &j->eb[i]);
    }
    return NULL;
}

/* Hashes j's files on this thread and up to HASH_THREADS - 1 more, one per
 * further processor (a thread that cannot start leaves its share to the
 * others): the stage runs alone at the end of a report, and at 10M records
 * its hundreds of MB of workbooks took 0.67 s on one thread. */
static void hash_all(hash_job *j)
{
    pthread_t th[HASH_THREADS - 1];
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int nt = 0, want = cpus > HASH_THREADS ? HASH_THREADS : cpus < 1 ? 1 : (int)cpus;
    while (nt < want - 1 && (size_t)nt + 1 < j->l->n &&
           pthread_create(&th[nt], NULL, hash_run, j) == 0)
        nt++;
    hash_run(j);
    for (int t = 0; t < nt; t++)
        pthread_join(th[t], NULL);
}

/* Writes `"key": [{"path": ..., "sha256": ...}, ...]` for the files under root. */
static nv_err write_tree(FILE *f, const char *key, const char *root, const char *prefix,
                         const char *skip, nv_errbuf *eb)
{
    pathlist l = {0};
    hash_job j = {.root = root, .skip = skip, .l = &l};
    nv_err e = NV_OK;
    if (walk(root, "", &l) != 0) {
        e = nv_errf(eb, NV_ERR_IO, "%s: cannot list folder", root);
        goto done;
    }
    if (l.n > 1) qsort(l.v, l.n, sizeof *l.v, cmp_str);
    size_t n = l.n ? l.n : 1; /* calloc(0) may return NULL */
    j.hex = calloc(n, sizeof *j.hex);
    j.rc = calloc(n, sizeof *j.rc);
    j.eb = calloc(n, sizeof *j.eb);
    if (!j.hex || !j.rc || !j.eb) {
        e = nv_errf(eb, NV_ERR_NOMEM, "%s: out of memory for the manifest", root);
        goto done;
    }
    atomic_init(&j.next, 0);
    hash_all(&j);
    fprintf(f, "  \"%s\": [", key);
    int first = 1;
    for (size_t i = 0; i < l.n; i++) {
        if (skip && !strcmp(l.v[i], skip)) continue;
        char shown[8192];
        if ((e = j.rc[i])) {
            *eb = j.eb[i];
            goto done;
        }
        snprintf(shown, sizeof shown, "%s%s", prefix, l.v[i]);
        fprintf(f, "%s\n    {\"path\": ", first ? "" : ",");
        manifest_json_str(f, shown);
        fprintf(f, ", \"sha256\": \"%s\"}", j.hex[i]);
        first = 0;
    }
    fprintf(f, "\n  ],\n");
done:
    free(j.hex);
    free(j.rc);
    free(j.eb);
    pathlist_free(&l);
    return e;
}

static nv_err write_inputs(FILE *f, const nv_input_result *in, size_t n, nv_errbuf *eb)
{
    fprintf(f, "  \"inputs\": [");
    for (size_t i = 0; i < n; i++) {
        const char *hex = in[i].sha256; /* the bytes loaded, hashed as they were read */
        fprintf(f, "%s\n    {\"path\": ", i ? "," : "");
        manifest_json_str(f, in[i].path);
        fprintf(f, ", \"sha256\": ");
        if (hex[0])
            manifest_json_str(f, hex);
        else
            fputs("null", f);
        fprintf(f, ", \"layout\": ");
        if (in[i].layout)
            manifest_json_str(f, in[i].layout);
        else
            fputs("null", f);
        fprintf(f, ", \"rows_read\": %lld, \"rows_loaded\": %lld, \"rows_rejected\": %lld",
                (long long)in[i].rows_read, (long long)in[i].rows_loaded,
                (long long)in[i].rows_rejected);
        fprintf(f, ", \"error\": ");
        if (in[i].error)
            manifest_json_str(f, in[i].error);
        else
            fputs("null", f);
        fputc('}', f);
    }
    fprintf(f, "%s],\n", n ? "\n  " : "");
    (void)eb;
    return NV_OK;
}

nv_err manifest_write(nv_manifest *m, const char *day_dir, const nv_report *r,
                      const char *templates_dir, const nv_input_result *inputs, size_t n_inputs,
                      nv_errbuf *eb)
{
    char path[8192];
    nv_outfile o;
    nv_err e;
    snprintf(path, sizeof path, "%s/manifest.json", day_dir);
    if ((e = outfile_open(&o, path, eb))) return e;
    FILE *f = o.f;
    fprintf(f, "{\n  \"version\": ");
    manifest_json_str(f, NV_VERSION);
    fprintf(f, ",\n  \"report_date\": ");
    manifest_json_str(f, r->report_date);
    fprintf(f, ",\n  \"profile\": ");
    manifest_json_str(f, m->profile);
    fprintf(f, ",\n  \"profile_sha256\": ");
    manifest_json_str(f, r->profile ? r->profile->sha256 : "");
    fprintf(f, ",\n  \"timezone\": ");
    manifest_json_str(f, r->tz.name);
    fprintf(f, ",\n");
    if ((e = write_inputs(f, inputs, n_inputs, eb)) ||
        (e = write_tree(f, "outputs", day_dir, "", "manifest.json", eb)) ||
        (e = write_tree(f, "templates", templates_dir, "templates/", NULL, eb))) {
        outfile_abort(&o);
        return e;
    }
    manifest_stage(m, "manifest");
    fprintf(f, "  \"seconds\": {");
    for (int i = 0; i < m->n; i++)
        fprintf(f, "%s\"%s\": %.3f", i ? ", " : "", m->stage[i].name, m->stage[i].s);
    fprintf(f, "},\n  \"cpu_seconds\": {");
    for (int i = 0; i < m->n; i++)
        fprintf(f, "%s\"%s\": %.3f", i ? ", " : "", m->stage[i].name, m->stage[i].cpu);
    fprintf(f, "}\n}\n");
    return outfile_commit(&o, eb);
}
