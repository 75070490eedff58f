#ifndef WBILL_CSQLITE_SHIM_H
#define WBILL_CSQLITE_SHIM_H
#include <sqlite3.h>

/// sqlite3_config is variadic, which Swift cannot call: these wrappers make the calls wbill needs.
/// Each must run before the first connection opens (sqlite3_initialize).

/// wbill uses each connection from one thread and needs no allocation statistics: turning them off
/// removes a global mutex from every allocation.
static inline int wbill_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
