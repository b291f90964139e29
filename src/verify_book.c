/* verify_book.c — filled wing workbooks read back (VERIFY.md): needs the
 * workbook reader (xlsxread), which is not in this build yet; until then a
 * workbook is refused whole with that reason. */
#include "verify_int.h"

nv_err rv_book(rv_ctx *x)
{
    rv_refuse(x, "", 0, "reading workbooks is not in this build yet (xlsxread)");
    return NV_OK;
}
