/* layout.h — export layouts as templates (templates/layouts/NAME.ini).
 *
 * A layout template teaches the loader one export format with no C change:
 * which header it is recognised by, which column holds each canonical field,
 * how times are written and in which zone, the status vocabulary, the
 * category mapping and the org chart that decides the responsible XEN.
 *
 *   [layout]
 *   name = kesco_1912             ; layout name (record.layout, --layout NAME)
 *   source = 1912                 ; record.source ('1912', 'JHATPAT', ...);
 *                                 ;   default: the layout name
 *   organisation = KESCO          ; meta 'organisation'
 *   org_chart = kesco-org.csv     ; templates/org/FILE, or "none" (default)
 *   is_application = 0            ; 1: Jhatpat / Nivesh Mitra (QUEUE_JUMP)
 *   time_format = dmy12           ; normalise.h names, ','-separated, tried
 *                                 ;   in order
 *   time_zone = Asia/Kolkata      ; nvtime.h names (default Asia/Kolkata)
 *   optional = yes                ; yes/no (default no): a day this layout
 *                                 ;   sent nothing for is still complete
 *   categories = map              ; map (the [categories] table) or
 *                                 ;   passthrough (the column's value as-is)
 *   header = COL, COL, ...        ; columns the header must hold besides the
 *     COL, COL                    ;   mapped ones (continuation lines, which
 *                                 ;   begin with a space, are appended)
 *   [fields]                      ; canonical field = column[, column...]
 *   record_id = COMPLAINT_NO
 *   registered = ENTRYDATE
 *   disposed = CLOSINGDATE        ; time of RESOLVED and REJECTED ...
 *   disposed_resolved = COL       ; ... unless overridden per status
 *   disposed_rejected = COL
 *   last_updated = COL[, COL]     ; the latest non-empty of these; when none
 *                                 ;   is mapped or all are empty: the later
 *                                 ;   of registered and disposed
 *   status = COMPLAINT_STATUS
 *   category = COL[, COL]         ; values joined with " / " and looked up
 *   subdivision, mobile, account, name, address, closed_by, officer_typed,
 *   channel, otp_verified, feedback, reopen_count, return_count, remarks,
 *   due                           ; optional single columns
 *   wing = COL                    ; wing from a column instead of wings.ini
 *   xen = COL[, COL]              ; XEN from columns (joined with " / ")
 *                                 ;   when the layout has no org chart
 *   [status]                      ; raw status = OPEN | RESOLVED | REJECTED,
 *   CLOSED = RESOLVED             ;   matched ignoring case and spaces
 *   [categories]                  ; joined category input = CATEGORY,
 *   SUPPLY RELATED / NO SUPPLY = NO_SUPPLY   ; matched ignoring case/spaces
 *
 * Column names are compared with the header after trimming, case-sensitive;
 * they may not contain ',' (a list separator here). inih reads lines of at
 * most 198 characters: a longer line is refused with its line number.
 *
 * templates/wings.ini maps categories to wings ([wings] CATEGORY = WING).
 *
 * Everything here is read once at start-up; the structures are immutable
 * afterwards and owned by the nv_layouts set. */
#ifndef NIVARAN_LAYOUT_H
#define NIVARAN_LAYOUT_H

#include <stddef.h>

#include "nivaran/core/err.h"
#include "nivaran/load/normalise.h"
#include "nivaran/core/nvtime.h"
#include "nivaran/load/org.h"

#define LAYOUT_MAX_COLS 8     /* columns of one field */
#define LAYOUT_MAX_HEADER 128 /* extra recognition columns */
#define LAYOUT_MAX_FORMATS 4  /* time formats tried in order */
#define LAYOUT_NAME_MAX 128   /* bytes of a column or layout name */

/* Canonical fields a template may map. */
typedef enum {
    LF_RECORD_ID,
    LF_REGISTERED,
    LF_DISPOSED,
    LF_DISPOSED_RESOLVED,
    LF_DISPOSED_REJECTED,
    LF_LAST_UPDATED,
    LF_STATUS,
    LF_CATEGORY,
    LF_SUBDIVISION,
    LF_MOBILE,
    LF_ACCOUNT,
    LF_NAME,
    LF_ADDRESS,
    LF_CLOSED_BY,
    LF_OFFICER_TYPED,
    LF_CHANNEL,
    LF_OTP_VERIFIED,
    LF_FEEDBACK,
    LF_REOPEN_COUNT,
    LF_RETURN_COUNT,
    LF_REMARKS,
    LF_DUE,
    LF_WING,
    LF_XEN,
    LF_COUNT
} nv_lfield;

/* The three canonical statuses. */
typedef enum { LS_OPEN = 0, LS_RESOLVED = 1, LS_REJECTED = 2 } nv_lstatus;

/* "OPEN", "RESOLVED", "REJECTED". */
const char *layout_status_name(nv_lstatus s);

/* Template key of a field ("record_id", ...). */
const char *layout_field_name(nv_lfield f);

typedef struct {
    int n; /* 0: not mapped */
    char col[LAYOUT_MAX_COLS][LAYOUT_NAME_MAX];
} nv_lcols;

typedef struct nv_layout {
    char name[LAYOUT_NAME_MAX];
    char source[LAYOUT_NAME_MAX];
    char organisation[LAYOUT_NAME_MAX];
    char org_chart[LAYOUT_NAME_MAX]; /* file under templates/org/, "" = none */
    char path[1024];                 /* the template file */
    int is_application;
    int passthrough; /* categories = passthrough */
    int n_formats;
    norm_timefmt formats[LAYOUT_MAX_FORMATS];
    nv_tz tz;
    int n_header;
    char header[LAYOUT_MAX_HEADER][LAYOUT_NAME_MAX];
    nv_lcols fields[LF_COUNT];
    size_t n_status;
    struct nv_lstatus_entry {
        char key[LAYOUT_NAME_MAX]; /* norm_key of the raw status */
        nv_lstatus status;
    } * status;
    size_t n_cat;
    struct nv_lcat_entry {
        char key[256]; /* norm_key of the joined input */
        char category[64];
    } * cat;
    nv_org *org;  /* loaded chart or NULL; owned */
    int optional; /* optional = yes: a day without its data is not incomplete */
} nv_layout;

/* A column binding of a layout to one file's header row: for each field the
 * index of each of its columns in the row (-1 when not mapped). */
typedef struct {
    size_t nfields; /* fields in the header row */
    int idx[LF_COUNT][LAYOUT_MAX_COLS];
} nv_lbinding;

typedef struct nv_layouts nv_layouts; /* opaque: every layout and wings.ini */

/* Loads one template file; org charts are read from templates_dir/org/.
 * NV_ERR_CONFIG naming file and line on a bad template. *out is the
 * caller's, to free with layout_free(). */
nv_err layout_load(const char *path, const char *templates_dir, nv_layout **out, nv_errbuf *eb);
void layout_free(nv_layout *l);

/* Loads templates_dir/layouts/ *.ini (in file-name order) and
 * templates_dir/wings.ini. Two layouts of the same name are refused. *out is
 * the caller's, to free with layouts_free(). */
nv_err layouts_load(const char *templates_dir, nv_layouts **out, nv_errbuf *eb);
void layouts_free(nv_layouts *set);

/* What the layouts of one organisation bring, for its reports. */
typedef struct {
    char sources[256];  /* their sources, each once, comma-separated in the order of
                           the layout templates (those that do not fit left out):
                           what a night should receive */
    char unfilled[512]; /* the canonical fields (layout_field_name) that none of
                           them maps, comma-separated: columns its reports leave out */
    int n_layouts;
} nv_org_layouts;

/* The layouts of organisation org (org NULL: none, everything "").
 * Errors of layouts_load(). */
nv_err layouts_of_org(const char *templates_dir, const char *org, nv_org_layouts *out,
                      nv_errbuf *eb);

size_t layouts_count(const nv_layouts *set);
const nv_layout *layouts_at(const nv_layouts *set, size_t i);

/* The layout named name, or NULL. */
const nv_layout *layouts_find(const nv_layouts *set, const char *name);

/* The layout a header row (fields as csvin returns them; BOM already
 * stripped by csvin) is recognised as: every column the layout maps or lists
 * in `header` is present (after trimming). When several match, the one
 * requiring the most columns wins (then the first in file-name order).
 * NULL when none matches. */
const nv_layout *layouts_recognise(const nv_layouts *set, const char *const *fields, size_t n);

/* Binds l to a header row. NV_ERR_FORMAT, with the first missing column
 * named in eb, when the header lacks a column l needs (e.g. a forced layout
 * over a foreign file). */
nv_err layout_bind(const nv_layout *l, const char *const *fields, size_t n, nv_lbinding *b,
                   nv_errbuf *eb);

/* The canonical status of a raw status text (case and spaces ignored), or -1
 * when the vocabulary does not know it. */
int layout_status(const nv_layout *l, const char *raw, size_t len);

/* The category for a joined category input (case and spaces ignored), or
 * NULL when the map does not know it. */
const char *layout_category(const nv_layout *l, const char *input);

/* The wing of a category by wings.ini, or NULL. */
const char *layouts_wing(const nv_layouts *set, const char *category);

/* Parses text (length n) with the layout's formats in order, in its zone.
 * 0 and *out on success, -1 otherwise (empty text included). */
int layout_time(const nv_layout *l, const char *s, size_t n, int64_t *out);

#endif
