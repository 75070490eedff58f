/// Schema version 6: the real time of audit entries written while the clock was overridden.
///
/// `WBILL_NOW` sets the time commands record (for tests and replays). An entry written under it
/// keeps its `at` as that time and its `real_at` as the system clock's time when it was written;
/// `real_at` is NULL for every other entry (and for those written before this step existed).
enum Migration0006ClockOverrides {
    static let version = 6
    static let migration = Migration(version: version, name: "clock overrides", sql: """
        ALTER TABLE audit_log ADD COLUMN real_at TEXT;
        """)
}
