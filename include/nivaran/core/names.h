/* names.h — codes as readers say them: plain names, digit grouping, the
 * zone's name and "n/a", from the organisation's templates.
 *
 * templates/org/names.ini (KESCO's, and every organisation's base) and, read
 * over it, names.SLUG.ini (another organisation's, SLUG as words_org_path()
 * makes it) name each category, flag code, wing and status in English and
 * Hindi ("CODE = English | हिन्दी" under [category], [flag], [wing],
 * [status]) and choose, under [format], the digit grouping of the
 * human-facing outputs (grouping = indian | western), the zone's name
 * (zone = IST; zone_dst = the name in daylight-saving time; empty: from
 * the zone itself, names_zone()) and the words for a figure without data
 * (na = n/a | उपलब्ध नहीं). A code that no template names is shown exactly
 * as it is. Codes stay in the machine-readable outputs (CSV, the
 * workbooks' key columns); these names are only for what people read. */
#ifndef NIVARAN_NAMES_H
#define NIVARAN_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "nivaran/core/err.h"
#include "nivaran/core/numfmt.h"
#include "nivaran/core/nvtime.h"

typedef enum { NAMES_CATEGORY, NAMES_FLAG, NAMES_WING, NAMES_STATUS, NAMES_KINDS } names_kind;
enum { NAMES_EN, NAMES_HI }; /* the languages, as WORDS_EN / WORDS_HI */

typedef struct nv_names {
    struct names_entry {
        int kind; /* names_kind */
        char code[64];
        char name[2][160]; /* [NAMES_EN / NAMES_HI] */
    } * v;
    size_t n, cap;
    numfmt_style grouping; /* default NUMFMT_WESTERN */
    char zone[2][24];      /* [0] standard time, [1] daylight-saving; "" = derived */
    char na[2][48];        /* "n/a" and its Hindi */
    char path[4096];       /* the organisation's file when read, else the base */
} nv_names;

/* Reads templates_dir/org/names.ini, then the organisation's
 * names.SLUG.ini over it when that file exists (its entries replace the
 * base's of the same kind and code, its [format] keys the base's).
 * Free with names_free() (also after a failure). NV_ERR_CONFIG naming the
 * file and line (unknown section or key, a grouping other than indian or
 * western); NV_ERR_NOMEM. A missing names.ini is NV_ERR_CONFIG. */
nv_err names_load(const char *templates_dir, const char *org, nv_names *n, nv_errbuf *eb);
void names_free(nv_names *n);

/* The plain name of code in lang (NAMES_EN / NAMES_HI; a Hindi name left
 * empty takes the English one), or code itself (the same pointer: a caller
 * may test "named" by comparing) when no template names it or n is NULL;
 * "" for code NULL. Owned by n, or the caller's code. */
const char *names_get(const nv_names *n, names_kind kind, const char *code, int lang);

/* A count as readers read it: v with the organisation's digit grouping
 * (numfmt_group; n NULL: Western) into buf (len bytes, NUMFMT_MAX always
 * enough). Returns the length, or -1 (buf "") when len is too small. */
int names_count(const nv_names *n, int64_t v, char *buf, size_t len);

/* The Excel number format of a whole number in the organisation's grouping:
 * "#,##0", or NUMFMT_XLSX_INDIAN. Static storage. */
const char *names_xlsx_int(const nv_names *n);

/* The name of the zone tz in force at instant utc: the template's zone (or
 * zone_dst when daylight-saving time is in force at utc) when given; else
 * from the zone's offset and rule: IST for +05:30, UTC for +00:00, EST /
 * EDT, CST / CDT, MST / MDT, PST / PDT for the US zones; else the offset
 * as "UTC+05:45". Into buf (len bytes, at least 16). */
void names_zone(const nv_names *n, const nv_tz *tz, int64_t utc, char *buf, size_t len);

/* The words for a figure that has no data ("n/a"), in lang; n NULL: "n/a". */
const char *names_na(const nv_names *n, int lang);

#endif
