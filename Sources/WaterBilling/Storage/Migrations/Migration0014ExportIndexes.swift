/// Schema version 14: indexes by date for `wbill export … --from --to`, so that an export of a
/// period reads the period's rows, not the whole history.
///
/// - `ledger_entries_at`: the ledger's entries by time (`at`, UTC). `IF NOT EXISTS`: the reports
///   over a period want the same index, and whichever step lands first makes it.
/// - `bills_issue_date`: bills by the day they were issued.
/// - `alarms_raised_at`: alarms by the time they were raised.
///
/// Each is appended at its end as time goes on, so a write pays one more entry at the right edge
/// of its b-tree. Readings get none: their one index, by meter and time, serves a period too
/// (`ReadingExport`), and a second one would cost every reading import.
/// The version is named once, here (`version`): if another branch's step lands first, only this
/// number changes.
enum Migration0014ExportIndexes {
    static let version = 14
    static let migration = Migration(version: version, name: "export indexes", sql: """
        CREATE INDEX IF NOT EXISTS ledger_entries_at ON ledger_entries (at);
        CREATE INDEX bills_issue_date ON bills (issue_date);
        CREATE INDEX alarms_raised_at ON alarms (raised_at);
        """)
}
