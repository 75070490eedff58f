#ifndef WBILL_CSQLITE_SHIM_H
#define WBILL_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
