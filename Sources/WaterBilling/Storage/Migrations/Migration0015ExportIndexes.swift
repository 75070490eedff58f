/// Schema version 15: indexes by date for `wbill export … --from --to`, so that an export of some
/// days reads those days' rows, not the whole history.
///
/// - `bills_issue_date`: bills by the day they were issued.
/// - `alarms_raised_at`: alarms by the time they were raised.
///
/// Each is appended at its end as time goes on, so a write pays one more entry at the right edge
/// of its b-tree. The ledger's entries by time are `ledger_entries_at` (version 14, the reports').
/// Readings get none: their one index, by meter and time, serves some days too (`ReadingExport`),
/// and a second one would cost every reading import.
/// The version is named once, here (`version`): if another branch's step lands first, only this
/// number changes.
enum Migration0015ExportIndexes {
    static let version = 15
    static let migration = Migration(version: version, name: "export indexes", sql: """
        CREATE INDEX bills_issue_date ON bills (issue_date);
        CREATE INDEX alarms_raised_at ON alarms (raised_at);
        """)
}
