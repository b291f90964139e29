/* xlsx_tpl.c — loads templates/workbook.ini (layout of the wing workbooks).
 * See include/nivaran/render/xlsx/xlsx.h and the header comment of the template. */
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nivaran/core/tpl.h"
#include "xlsx_int.h"

typedef struct {
    xlsx_tpl *t;
    const nv_words *w; /* NULL: no words put in, every language kept */
    char section[128]; /* last section seen, to notice a new one */
    xlsx_sheet_tpl *sheet;
    xlsx_col *col;
    char last_key[64]; /* for continuation lines of notes */
    char err[512];
} tpl_ctx;

static int tpl_fail(tpl_ctx *c, const char *fmt, const char *a, const char *b)
{
    if (!c->err[0]) snprintf(c->err, sizeof c->err, fmt, a, b);
    return 0;
}

static int copy_to(tpl_ctx *c, char *dst, size_t n, const char *name, const char *value)
{
    if (strlen(value) >= n) return tpl_fail(c, "%s: value too long ('%.40s...')", name, value);
    memcpy(dst, value, strlen(value) + 1);
    return 1;
}

static int parse_type(const char *s, xlsx_type *out)
{
    static const struct {
        const char *name;
        xlsx_type t;
    } types[] = {{"int", XT_INT},
                 {"num", XT_NUM},
                 {"pct", XT_PCT},
                 {"hours", XT_HOURS},
                 {"secs_h", XT_SECS_H},
                 {"secs_d", XT_SECS_D},
                 {"change_pct", XT_CHANGE_PCT},
                 {"change_h", XT_CHANGE_H},
                 {"datetime", XT_DATETIME},
                 {"text", XT_TEXT},
                 {"masked_mobile", XT_MASKED_MOBILE}};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(s, types[i].name) == 0) {
            *out = types[i].t;
            return 0;
        }
    return -1;
}

static int parse_cond(const char *s, xlsx_cond *out)
{
    if (strcmp(s, "") == 0 || strcmp(s, "none") == 0)
        *out = XC_NONE;
    else if (strcmp(s, "below_target") == 0)
        *out = XC_BELOW_TARGET;
    else if (strcmp(s, "nonzero") == 0)
        *out = XC_NONZERO;
    else if (strcmp(s, "databar") == 0)
        *out = XC_DATABAR;
    else if (strcmp(s, "severity") == 0)
        *out = XC_SEVERITY;
    else if (strcmp(s, "marked") == 0)
        *out = XC_MARKED;
    else
        return -1;
    return 0;
}

/* A number in [lo, hi]; -1 when not. */
/* Excel refuses these in sheet names; 31 characters at most. */
static int valid_sheet_name(const char *s)
{
    size_t chars = 0;
    if (!*s || *s == '\'') return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (strchr("[]:*?/\\", *p)) return 0;
        if ((*p & 0xC0) != 0x80) chars++;
    }
    return chars <= 31;
}

static int workbook_key(tpl_ctx *c, const char *name, const char *value)
{
    xlsx_tpl *t = c->t;
    if (strcmp(name, "title") == 0) return copy_to(c, t->title, sizeof t->title, name, value);
    if (strcmp(name, "subject") == 0) return copy_to(c, t->subject, sizeof t->subject, name, value);
    if (strcmp(name, "company") == 0) return copy_to(c, t->company, sizeof t->company, name, value);
    if (strcmp(name, "keywords") == 0)
        return copy_to(c, t->keywords, sizeof t->keywords, name, value);
    if (strcmp(name, "comments") == 0)
        return copy_to(c, t->comments, sizeof t->comments, name, value);
    if (strcmp(name, "footer") == 0) return copy_to(c, t->footer, sizeof t->footer, name, value);
    if (strcmp(name, "footer_page") == 0)
        return copy_to(c, t->footer_page, sizeof t->footer_page, name, value);
    if (strcmp(name, "max_width") == 0) {
        if (tpl_parse_num(value, 8, 255, &t->max_width) != 0)
            return tpl_fail(c, "max_width: bad number '%s'%s", value, "");
        return 1;
    }
    if (strcmp(name, "max_rows") == 0) {
        if (tpl_parse_num(value, 1, 1048573, &t->max_rows) != 0) /* Excel: 1,048,576 rows */
            return tpl_fail(c, "max_rows: bad number '%s'%s", value, "");
        return 1;
    }
    return tpl_fail(c, "unknown key '%s' in [workbook]%s", name, "");
}

static int label_key(tpl_ctx *c, const char *name, const char *value)
{
    xlsx_tpl *t = c->t;
    for (int i = 0; i < t->n_labels; i++)
        if (strcmp(t->labels[i].key, name) == 0) { /* continuation: append a line */
            size_t have = strlen(t->labels[i].value);
            if (have + 1 + strlen(value) >= sizeof t->labels[i].value)
                return tpl_fail(c, "label '%s' too long%s", name, "");
            t->labels[i].value[have] = '\n';
            memcpy(t->labels[i].value + have + 1, value, strlen(value) + 1);
            return 1;
        }
    if (t->n_labels >= XLSX_MAX_LABELS) return tpl_fail(c, "too many labels (at '%s')%s", name, "");
    if (strlen(name) >= sizeof t->labels[0].key)
        return tpl_fail(c, "label '%s' too long%s", name, "");
    snprintf(t->labels[t->n_labels].key, sizeof t->labels[0].key, "%s", name);
    if (!copy_to(c, t->labels[t->n_labels].value, sizeof t->labels[0].value, name, value)) return 0;
    t->n_labels++;
    return 1;
}

static int sheet_key(tpl_ctx *c, const char *name, const char *value)
{
    xlsx_sheet_tpl *s = c->sheet;
    double v;
    if (strcmp(name, "kind") == 0) {
        if (strcmp(value, "summary") != 0 && strcmp(value, "table") != 0)
            return tpl_fail(c, "kind must be summary or table, not '%s'%s", value, "");
        return copy_to(c, s->kind, sizeof s->kind, name, value);
    }
    if (strcmp(name, "name") == 0) {
        if (!valid_sheet_name(value))
            return tpl_fail(c,
                            "sheet name '%s' is not a valid Excel sheet name (31 characters, "
                            "none of []:*?/\\)%s",
                            value, "");
        return copy_to(c, s->name, sizeof s->name, name, value);
    }
    if (strcmp(name, "query") == 0) {
        if (strncmp(value, "xlsx_", 5) != 0)
            return tpl_fail(c, "query '%s' must be one of queries/xlsx_*.sql%s", value, "");
        return copy_to(c, s->query, sizeof s->query, name, value);
    }
    if (strcmp(name, "split") == 0) return copy_to(c, s->split, sizeof s->split, name, value);
    if (strcmp(name, "header") == 0) {
        if (strcmp(value, "plain") != 0 && strcmp(value, "bilingual") != 0)
            return tpl_fail(c, "header must be plain or bilingual, not '%s'%s", value, "");
        s->plain_header = value[0] == 'p';
        return 1;
    }
    if (strcmp(name, "title_en") == 0)
        return copy_to(c, s->title_en, sizeof s->title_en, name, value);
    if (strcmp(name, "title_hi") == 0)
        return copy_to(c, s->title_hi, sizeof s->title_hi, name, value);
    if (strcmp(name, "note") == 0) {
        if (s->n_notes >= XLSX_MAX_NOTES) return tpl_fail(c, "too many note lines%s%s", "", "");
        return copy_to(c, s->notes[s->n_notes++], sizeof s->notes[0], name, value);
    }
    if (strcmp(name, "freeze_cols") == 0 || strcmp(name, "total_row") == 0) {
        if (tpl_parse_num(value, 0, 10, &v) != 0 || v != floor(v))
            return tpl_fail(c, "%s: bad number '%s'", name, value);
        if (name[0] == 'f')
            s->freeze_cols = (int)v;
        else
            s->total_row = (int)v;
        return 1;
    }
    return tpl_fail(c, "unknown key '%s' in a [sheet:] section%s", name, "");
}

static int col_key(tpl_ctx *c, const char *name, const char *value)
{
    xlsx_col *k = c->col;
    if (strcmp(name, "field") == 0) return copy_to(c, k->field, sizeof k->field, name, value);
    if (strcmp(name, "heading_en") == 0)
        return copy_to(c, k->heading_en, sizeof k->heading_en, name, value);
    if (strcmp(name, "heading_hi") == 0)
        return copy_to(c, k->heading_hi, sizeof k->heading_hi, name, value);
    if (strcmp(name, "type") == 0) {
        if (parse_type(value, &k->type) != 0) return tpl_fail(c, "unknown type '%s'%s", value, "");
        return 1;
    }
    if (strcmp(name, "width") == 0) {
        if (tpl_parse_num(value, 1, 255, &k->width) != 0)
            return tpl_fail(c, "width: bad number '%s'%s", value, "");
        return 1;
    }
    if (strcmp(name, "needs") == 0) return copy_to(c, k->needs, sizeof k->needs, name, value);
    if (strcmp(name, "cond") == 0) {
        if (parse_cond(value, &k->cond) != 0)
            return tpl_fail(c,
                            "unknown cond '%s' (below_target, nonzero, databar, severity, "
                            "marked)%s",
                            value, "");
        return 1;
    }
    if (strcmp(name, "list") == 0) return copy_to(c, k->list, sizeof k->list, name, value);
    if (strcmp(name, "names") == 0) {
        if (!(k->names = xlsx_names_kind(value)))
            return tpl_fail(c, "names '%s': category, flag, wing or status%s", value, "");
        return 1;
    }
    return tpl_fail(c, "unknown key '%s' in a [col:] section%s", name, "");
}

/* A new section: [workbook], [labels], [sheet:ID] or [col:ID:FIELD]. */
static int tpl_section(tpl_ctx *c, const char *section)
{
    xlsx_tpl *t = c->t;
    snprintf(c->section, sizeof c->section, "%s", section);
    c->sheet = NULL;
    c->col = NULL;
    if (strcmp(section, "workbook") == 0 || strcmp(section, "labels") == 0) return 1;
    if (strncmp(section, "sheet:", 6) == 0) {
        if (t->n_sheets >= XLSX_MAX_SHEETS)
            return tpl_fail(c, "too many sheets (at [%s])%s", section, "");
        c->sheet = &t->sheets[t->n_sheets++];
        snprintf(c->sheet->id, sizeof c->sheet->id, "%s", section + 6);
        strcpy(c->sheet->kind, "table");
        return 1;
    }
    if (strncmp(section, "col:", 4) == 0) {
        xlsx_sheet_tpl *s = t->n_sheets ? &t->sheets[t->n_sheets - 1] : NULL;
        size_t idlen = s ? strlen(s->id) : 0;
        if (!s || strncmp(section + 4, s->id, idlen) != 0 || section[4 + idlen] != ':')
            return tpl_fail(c, "[%s] must follow its [sheet:ID] section%s", section, "");
        if (s->n_cols >= XLSX_MAX_COLS)
            return tpl_fail(c, "too many columns (at [%s])%s", section, "");
        c->col = &s->cols[s->n_cols++];
        snprintf(c->col->field, sizeof c->col->field, "%s", section + 5 + idlen);
        c->col->type = XT_TEXT;
        c->col->width = 12;
        return 1;
    }
    return tpl_fail(c, "unknown section [%s]%s", section, "");
}

/* A key of the second language (Hindi): KEY.hi, *_hi. */
static int hindi_key(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && (strcmp(name + n - 3, ".hi") == 0 || strcmp(name + n - 3, "_hi") == 0);
}

static int tpl_handler(void *user, const char *section, const char *name, const char *raw)
{
    tpl_ctx *c = user;
    char value[2048];
    if (c->err[0]) return 0;
    if (strcmp(section, c->section) != 0 && !tpl_section(c, section)) return 0;
    int hi = hindi_key(name);
    if (c->w && hi && !c->w->bilingual) return 1; /* an English-only organisation */
    words_apply(c->w, hi ? WORDS_HI : WORDS_EN, raw, value, sizeof value);
    if (strcmp(name, "note_hi") == 0) name = "note";
    if (strcmp(section, "workbook") == 0) return workbook_key(c, name, value);
    if (strcmp(section, "labels") == 0) return label_key(c, name, value);
    if (c->sheet) return sheet_key(c, name, value);
    if (c->col) return col_key(c, name, value);
    return tpl_fail(c, "key '%s' outside any section%s", name, "");
}

/* inih reads lines of at most INI_MAX_LINE bytes and would split longer
 * ones silently: refuse them with their line number. */
static nv_err tpl_check_lines(const char *path, nv_errbuf *eb)
{
    FILE *f = fopen(path, "rb");
    if (!f) return nv_errf(eb, NV_ERR_CONFIG, "%s: cannot open: %s", path, strerror(errno));
    int line = 1, ch;
    size_t len = 0;
    nv_err rc = NV_OK;
    while ((ch = fgetc(f)) != EOF) {
        if (ch == '\n') {
            line++;
            len = 0;
        } else if (++len >= INI_MAX_LINE - 2) {
            rc = nv_errf(eb, NV_ERR_CONFIG, "%s:%d: line longer than %d bytes", path, line,
                         INI_MAX_LINE - 3);
            break;
        }
    }
    fclose(f);
    return rc;
}

static nv_err tpl_validate(xlsx_tpl *t, nv_errbuf *eb)
{
    if (t->n_sheets == 0) return nv_errf(eb, NV_ERR_CONFIG, "%s: no [sheet:] section", t->path);
    for (int i = 0; i < t->n_sheets; i++) {
        xlsx_sheet_tpl *s = &t->sheets[i];
        if (!s->name[0])
            return nv_errf(eb, NV_ERR_CONFIG, "%s: [sheet:%s] has no name", t->path, s->id);
        for (int j = 0; j < i; j++)
            if (strcasecmp(t->sheets[j].name, s->name) == 0)
                return nv_errf(eb, NV_ERR_CONFIG, "%s: sheet name '%s' used twice", t->path,
                               s->name);
        if (s->split[0] && strcmp(s->kind, "table") != 0)
            return nv_errf(eb, NV_ERR_CONFIG, "%s: [sheet:%s]: split is for table sheets", t->path,
                           s->id);
        if (strcmp(s->kind, "table") == 0 && (!s->query[0] || s->n_cols == 0))
            return nv_errf(eb, NV_ERR_CONFIG, "%s: [sheet:%s] needs a query and columns", t->path,
                           s->id);
        for (int k = 0; k < s->n_cols; k++)
            if (!s->cols[k].heading_en[0])
                return nv_errf(eb, NV_ERR_CONFIG, "%s: [col:%s:%s] has no heading_en", t->path,
                               s->id, s->cols[k].field);
    }
    return NV_OK;
}

nv_err xlsx_tpl_load(const char *templates_dir, const nv_words *w, xlsx_tpl *t, nv_errbuf *eb)
{
    memset(t, 0, sizeof *t);
    t->max_width = 60;
    if (snprintf(t->path, sizeof t->path, "%s/workbook.ini", templates_dir) >= (int)sizeof t->path)
        return nv_errf(eb, NV_ERR_CONFIG, "%s: templates path too long", templates_dir);
    nv_err rc = tpl_check_lines(t->path, eb);
    if (rc != NV_OK) return rc;
    tpl_ctx *c = calloc(1, sizeof *c);
    if (!c) return nv_errf(eb, NV_ERR_NOMEM, "out of memory reading %s", t->path);
    c->t = t;
    c->w = w;
    int line = ini_parse(t->path, tpl_handler, c);
    if (line < 0)
        rc = nv_errf(eb, NV_ERR_CONFIG, "%s: cannot read", t->path);
    else if (line > 0)
        rc = nv_errf(eb, NV_ERR_CONFIG, "%s:%d: %s", t->path, line,
                     c->err[0] ? c->err : "not an INI line");
    else if (c->err[0])
        rc = nv_errf(eb, NV_ERR_CONFIG, "%s: %s", t->path, c->err);
    else
        rc = tpl_validate(t, eb);
    free(c);
    return rc;
}

const char *xlsx_tpl_label(const xlsx_tpl *t, const char *key)
{
    for (int i = 0; i < t->n_labels; i++)
        if (strcmp(t->labels[i].key, key) == 0) return t->labels[i].value;
    return key;
}

/* 1 when word is an item of the comma-separated list. */
static int in_list(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
        if (strncmp(p, word, n) == 0 && (p[n] == ',' || p[n] == 0)) return 1;
    return 0;
}

void xlsx_tpl_drop_unfilled(xlsx_tpl *t, const char *unfilled)
{
    if (!unfilled || !*unfilled) return;
    for (int i = 0; i < t->n_sheets; i++) {
        xlsx_sheet_tpl *s = &t->sheets[i];
        int k = 0;
        for (int j = 0; j < s->n_cols; j++)
            if (!s->cols[j].needs[0] || !in_list(unfilled, s->cols[j].needs))
                s->cols[k++] = s->cols[j];
        s->n_cols = k;
    }
}
