/* xlsxread.h — a streaming reader for .xlsx workbooks (any producer:
 * nivaran's libxlsxwriter, Excel, LibreOffice, openpyxl).
 *
 * The zip is read with libminizip (unzip.h), the XML with expat, a part at a
 * time in 64 KiB inflated chunks: no part is ever held whole in memory.
 * Sheets are found through the package's relationships (_rels/.rels ->
 * the workbook part, usually xl/workbook.xml -> its .rels), in workbook
 * order, whatever the order of the parts in the zip, with relative or
 * absolute targets. Shared strings are read from the part the workbook's
 * relationships name (or, failing that, [Content_Types].xml), and only the
 * strings the sheet being read uses are kept: reading a small sheet of a
 * workbook whose other sheets put a million strings in sharedStrings.xml
 * costs little memory.
 *
 * Bad input never crashes and never hangs: a file that is not a zip, a
 * corrupt zip (bad header, CRC mismatch), a missing workbook part, malformed
 * XML, a DTD (OOXML has none; refusing it rules out entity expansion), a
 * part that inflates past the limit given to xlsxread_open (a zip bomb:
 * both the size the zip declares and the bytes actually inflated are
 * checked) all give NV_ERR_FORMAT with a message naming the file, the part
 * and the reason. A reader is used from one thread at a time. */
#ifndef NIVARAN_XLSXREAD_H
#define NIVARAN_XLSXREAD_H

#include <stddef.h>
#include <stdint.h>

#include "nivaran/core/err.h"

typedef struct nv_xlsxread nv_xlsxread; /* opaque */

/* Opens the workbook at path and reads its sheet list (the package
 * relationships, the workbook part and its relationships, after listing the
 * zip's central directory once; no sheet is read yet). Any zip part that
 * declares or inflates to more than max_part_bytes is refused (zip bomb); 0
 * means no limit. The limit concerns the parts actually read: a big sheet
 * that is never read (a wing workbook's Records) is never inflated. *out is the caller's, to
 * release with xlsxread_close(). NV_ERR_IO when the file cannot be opened (the path and strerror);
 * NV_ERR_FORMAT when it is not a zip, the zip is corrupt, the workbook part or its relationships
 * are missing or malformed, a sheet has no part, or a part is too large; NV_ERR_NOMEM. Part names
 * are matched exactly, else ignoring case. On failure *out is NULL. */
nv_err xlsxread_open(const char *path, uint64_t max_part_bytes, nv_xlsxread **out, nv_errbuf *eb);

/* Number of sheets of the workbook (worksheets and chart sheets alike). */
size_t xlsxread_sheet_count(const nv_xlsxread *x);

/* Name of the i-th sheet (0-based) in workbook order (the order of the tabs,
 * not of the parts in the zip); NULL when i >= xlsxread_sheet_count(). The
 * string is owned by the reader and valid until xlsxread_close(). */
const char *xlsxread_sheet_name(const nv_xlsxread *x, size_t i);

/* Called once per non-empty cell; row and col are 1-based (A1 = 1, 1). text
 * is NUL-terminated, len bytes long, and valid only during the call. Return
 * non-zero to stop the reading early (xlsxread_sheet then returns NV_OK). */
typedef int (*nv_xlsxread_cell_cb)(void *ud, uint32_t row, uint32_t col, const char *text,
                                   size_t len);

/* Calls cb for every non-empty cell of the sheet named `name` (exact,
 * case-sensitive match), in row order then column order. text is the cell's
 * value as text: shared strings (t="s"), inline strings (t="inlineStr",
 * plain <is><t> or rich-text runs <r><t> joined) and formula strings
 * (t="str") with OOXML's escapes decoded ("_x000A_" is a line feed,
 * "_x005F_" an underscore); booleans as "TRUE" or "FALSE"; numbers, dates
 * and errors as stored in the file (e.g. "44927", "1.5", "#N/A"); phonetic
 * runs (<rPh>) are not part of the text. A cell whose text is empty
 * (present but cleared, an empty string, a formula without a cached value)
 * is not reported. Cell references like "AB12" give the position; a row or
 * cell without its r attribute follows the one before it.
 *
 * The whole sheet is checked before the first cell is reported, so when
 * this fails cb has not been called: NV_ERR_FORMAT for a missing sheet,
 * malformed XML, a corrupt zip entry (CRC), a part past the limit, cells
 * out of order (a <c> not strictly after the one before), references
 * beyond XFD1048576, or a shared-string index the shared strings do not
 * have; NV_ERR_NOMEM. Memory: the sheet's XML is streamed twice when it
 * uses shared strings (once to learn which, once to report the cells) and
 * the shared strings part once, only up to the last string the sheet uses,
 * keeping only those strings. */
nv_err xlsxread_sheet(nv_xlsxread *x, const char *name, nv_xlsxread_cell_cb cb, void *ud,
                      nv_errbuf *eb);

/* Releases the reader and everything it owns; NULL is a no-op. */
void xlsxread_close(nv_xlsxread *x);

#endif
