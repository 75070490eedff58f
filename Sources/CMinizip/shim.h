#ifndef WBILL_CMINIZIP_SHIM_H
#define WBILL_CMINIZIP_SHIM_H
/// Debian's libminizip (zlib's contrib/minizip): reading the zip archive an xlsx workbook is.
#include <unzip.h>
#endif
