import WBillSupport

/// `alarms`: every alarm with its account's number and its meter's serial, what it measured
/// against which threshold, and its life (raised, acknowledged, closed).
public enum AlarmExport {
    /// The export of the alarms raised on `days` (by `raised_at`, UTC) in time order, or of all in
    /// the order they were raised. A value and its threshold are in the kind's measure (`unit`):
    /// money in the utility's currency, or whole days or percent, all with the currency's decimals.
    public static func export(from database: Database, days: ExportDays = ExportDays()) throws -> TableExport {
        let currency = try UtilitySettings(database: database).currency()
        let range = days.conditions(on: "x.raised_at")
        var sql = """
            SELECT x.id, x.kind, a.number, m.serial, x.value, x.threshold, nullif(x.cause, ''), x.state, x.raised_at, x.raised_by,
                   x.acknowledged_at, x.acknowledged_by, x.closed_at, x.closed_by
            FROM alarms x LEFT JOIN accounts a ON a.id = x.account_id LEFT JOIN meters m ON m.id = x.meter_id
            """
        if !range.sql.isEmpty { sql += " WHERE " + range.sql.joined(separator: " AND ") }
        sql += days.isEverything ? " ORDER BY x.id" : " ORDER BY x.raised_at, x.id"
        let scale = currency.minorUnit
        let wholeFactor = Int64(PowersOfTen.int128(scale))
        return TableExport(name: "alarms", title: "Alarms", columns: columns(currency), parameters: days.parameters,
                           notes: ["value and threshold are in unit: \(currency.code) for money, else days or percent"],
                           sql: sql, bindings: range.values) { row in
            let kind = try row.stored(1, as: AlarmKind.self)
            let factor: Int64 = kind.measure == .money ? 1 : wholeFactor
            func quantity(_ column: Int32) throws -> TabularValue {
                guard !row.isNull(column) else { return .null }
                let (scaled, overflow) = row.int64(column).multipliedReportingOverflow(by: factor)
                guard !overflow else { throw NumberError.overflow("alarm \(row.int64(0))'s \(column == 4 ? "value" : "threshold")") }
                return .decimal(unscaled: scaled, scale: scale)
            }
            let unit = AlarmQuantity.unit(of: kind.measure, currency: currency)
            return [.integer(row.int64(0)), .text(kind.rawValue), row.textValue(2), row.textValue(3), try quantity(4), try quantity(5),
                    unit.map(TabularValue.text) ?? .null, row.textValue(6), try row.choiceValue(7, as: AlarmState.self),
                    try row.timestampValue(8), .text(row.text(9)), try row.timestampValue(10), row.textValue(11),
                    try row.timestampValue(12), row.textValue(13)]
        }
    }

    static func columns(_ currency: Currency) -> [TabularColumn] {
        [TabularColumn("id", ExportColumns.id, title: "alarm", nullable: false),
         TabularColumn("kind", ExportColumns.choice(AlarmKind.self), nullable: false),
         TabularColumn("account", ExportColumns.accountNumber),
         TabularColumn("meter", ExportColumns.serial),
         TabularColumn("value", ExportColumns.money(currency)),
         TabularColumn("threshold", ExportColumns.money(currency)),
         TabularColumn("unit", .text(maximumLength: max(currency.code.count, "days".count))),
         TabularColumn("cause", ExportColumns.freeText),
         TabularColumn("state", ExportColumns.choice(AlarmState.self), nullable: false),
         TabularColumn("raised", .timestamp, title: "raised at", nullable: false),
         TabularColumn("raised_by", ExportColumns.operatorName, nullable: false),
         TabularColumn("ack_at", .timestamp, title: "acknowledged at"),
         TabularColumn("ack_by", ExportColumns.operatorName, title: "acknowledged by"),
         TabularColumn("closed", .timestamp, title: "closed at"),
         TabularColumn("closed_by", ExportColumns.operatorName)]
    }
}
