/* numfmt.h — numbers as people read them: digit grouping.
 *
 * Indian grouping puts the last three digits together and every two digits
 * before them (1,23,45,678: "1 crore 23 lakh ..."); Western grouping every
 * three (12,345,678). Pure functions: no allocation, no globals. */
#ifndef NIVARAN_NUMFMT_H
#define NIVARAN_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

typedef enum { NUMFMT_WESTERN = 0, NUMFMT_INDIAN = 1 } numfmt_style;

/* Writes v with its digits grouped by style and "," between groups, a
 * leading '-' when negative (INT64_MIN included), into buf of size n
 * (at least NUMFMT_MAX bytes always suffice). Returns the length written, or
 * -1 (buf then holds "") when n is too small. */
#define NUMFMT_MAX 32
int numfmt_group(int64_t v, numfmt_style style, char *buf, size_t n);

/* The Excel number format of Indian grouping for whole numbers (lakh and
 * crore), for workbook cells that hold rupees. */
#define NUMFMT_XLSX_INDIAN "[>=10000000]##\\,##\\,##\\,##0;[>=100000]##\\,##\\,##0;##,##0"

#endif
