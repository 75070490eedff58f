#ifndef WBILL_CXLSXWRITER_SHIM_H
#define WBILL_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
