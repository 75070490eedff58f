/// Schema version 5: indexes that make exact searches index searches.
///
/// `customer list --search SERIAL` finds every account a meter has been on, installed or removed;
/// the only index by meter was the partial one of installed meters, so the search read all of
/// `account_meters`. Indexes only: no data changes.
enum Migration0005SearchIndexes {
    static let migration = Migration(version: 5, name: "search indexes", sql: """
        CREATE INDEX account_meters_meter ON account_meters (meter_id, account_id);
        """)
}
