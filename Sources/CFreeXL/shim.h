#ifndef WBILL_CFREEXL_SHIM_H
#define WBILL_CFREEXL_SHIM_H
/// Debian's libfreexl: reading old Excel (.xls, BIFF) workbooks.
#include <freexl.h>
#endif
