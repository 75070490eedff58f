#ifndef WBILL_CEXPAT_SHIM_H
#define WBILL_CEXPAT_SHIM_H
/// Debian's libexpat: the streaming XML parser under the xlsx reader.
#include <expat.h>
#endif
