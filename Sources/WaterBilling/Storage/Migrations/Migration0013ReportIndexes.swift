/// Schema version 13: indexes by time for the reports over a period (`report financial`,
/// `report meter`), so that what a report reads follows the period's rows, not the whole history.
///
/// - `ledger_entries_at`: the ledger's entries by time (`at`, UTC), for money in and out by day,
///   month or year.
/// - `bill_allocations_at`: what was put on bills, by time, for collected against billed.
/// - `meter_events_at`: meters' history by time, for the installs, exchanges and removals of a
///   period.
///
/// Each is appended at its end as time goes on (times only grow), so a write pays one more index
/// entry at the right edge of its b-tree.
/// The version is named once, here (`version`): if another branch's step lands first, only this
/// number changes.
enum Migration0013ReportIndexes {
    static let version = 13
    static let migration = Migration(version: version, name: "report indexes", sql: """
        CREATE INDEX ledger_entries_at ON ledger_entries (at);
        CREATE INDEX bill_allocations_at ON bill_allocations (at);
        CREATE INDEX meter_events_at ON meter_events (at);
        """)
}
