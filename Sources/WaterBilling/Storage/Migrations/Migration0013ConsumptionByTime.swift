/// Schema version 13: consumption records found by the time their span ends, for the reports.
///
/// `report consumption` and `report nrw` attribute each record of `consumptions` to the period
/// its `to_at` falls in and sum the records of a period. `consumptions_to_at` makes that a range
/// search over the period's records (its cost follows the period, not the history); it carries
/// the account, the meter, the volume and the kind, so the sums read no table row. The version is named
/// once, here (`version`): if another branch's step lands first, only this number changes.
enum Migration0013ConsumptionByTime {
    static let version = 13
    static let migration = Migration(version: version, name: "consumption by time", sql: """
        CREATE INDEX consumptions_to_at ON consumptions (to_at, account_id, meter_id, volume, kind);
        """)
}
