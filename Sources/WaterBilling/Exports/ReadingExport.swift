import WBillSupport

/// `readings`: every meter reading, voided ones included (with when and why), meter by meter in
/// time order.
public enum ReadingExport {
    /// The export of the readings taken on `days` (by `at`, UTC), or of all.
    ///
    /// Readings have one index, by meter and time (an import writes every row into each index, so
    /// there is no second one by time): the export walks the meters and takes each one's readings
    /// of the days from that index, so its cost follows the meters and the rows it returns, never
    /// the readings' whole history.
    public static func export(from database: Database, days: ExportDays = ExportDays()) throws -> TableExport {
        let range = days.conditions(on: "r.at")
        let sql = """
            SELECT r.id, m.serial, a.number, r.at, r.value, r.source, r.operator, r.recorded_at, r.voided_at, r.void_reason
            FROM meters m CROSS JOIN meter_readings r ON r.meter_id = m.id\(range.sql.map { " AND " + $0 }.joined())
            JOIN accounts a ON a.id = r.account_id
            ORDER BY m.id, r.at, r.id
            """
        return TableExport(name: "readings", title: "Meter readings", columns: columns, parameters: days.parameters,
                           notes: ["value is the register's reading in the utility's volume unit; a voided reading counts for nothing"],
                           sql: sql, bindings: range.values) { row in
            [.integer(row.int64(0)), .text(row.text(1)), .text(row.text(2)), try row.timestampValue(3),
             row.decimalValue(4, scale: Volume.scale), try row.choiceValue(5, as: ReadingSource.self), .text(row.text(6)),
             try row.timestampValue(7), try row.timestampValue(8), row.textValue(9)]
        }
    }

    static let columns = [
        TabularColumn("id", ExportColumns.id, title: "reading", nullable: false),
        TabularColumn("meter", ExportColumns.serial, nullable: false),
        TabularColumn("account", ExportColumns.accountNumber, nullable: false),
        TabularColumn("at", .timestamp, title: "read at", nullable: false),
        TabularColumn("value", ExportColumns.volume, nullable: false),
        TabularColumn("source", ExportColumns.choice(ReadingSource.self), nullable: false),
        TabularColumn("operator", ExportColumns.operatorName, nullable: false),
        TabularColumn("recorded", .timestamp, title: "recorded at", nullable: false),
        TabularColumn("voided", .timestamp, title: "voided at"),
        TabularColumn("reason", .text(maximumLength: DomainLimits.reasonLength), title: "void reason"),
    ]
}
