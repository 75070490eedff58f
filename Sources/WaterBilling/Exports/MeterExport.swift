import WBillSupport

/// `meters`: every meter with its type's and group's names and the account it is installed on.
public enum MeterExport {
    /// The export of every meter, or of one group's (`group`, by name), in the order they were added.
    /// - Throws: `CatalogueError.notFound` for a group that does not exist.
    public static func export(from database: Database, group: String? = nil) throws -> TableExport {
        var sql = """
            SELECT m.serial, t.name, m.caliber, nullif(m.manufacturer, ''), nullif(m.model, ''), nullif(m.location, ''),
                   m.state, g.name, a.number, m.initial_reading, m.created_at
            FROM meters m JOIN meter_types t ON t.id = m.meter_type_id
            LEFT JOIN meter_groups g ON g.id = m.group_id
            LEFT JOIN account_meters am ON am.meter_id = m.id AND am.removed_at IS NULL
            LEFT JOIN accounts a ON a.id = am.account_id
            """
        var bindings: [SQLValue] = []
        var parameters: [(key: String, value: String)] = []
        if let group {
            let found = try MeterGroupStore(database: database).named(group)
            sql += " WHERE m.group_id = ?"
            bindings.append(.integer(found.id))
            parameters.append(("group", found.name))
        }
        sql += " ORDER BY m.id"
        return TableExport(name: "meters", title: "Meters", columns: columns, parameters: parameters,
                           notes: ["initial is the register's reading when the meter was added, in the utility's volume unit"],
                           sql: sql, bindings: bindings) { row in
            [.text(row.text(0)), .text(row.text(1)), .integer(row.int64(2)), row.textValue(3), row.textValue(4),
             row.textValue(5), try row.choiceValue(6, as: MeterState.self), row.textValue(7), row.textValue(8),
             row.decimalValue(9, scale: Volume.scale), try row.timestampValue(10)]
        }
    }

    static let columns = [
        TabularColumn("serial", ExportColumns.serial, nullable: false),
        TabularColumn("type", ExportColumns.name, title: "meter type", nullable: false),
        TabularColumn("caliber", .integer(digits: String(DomainLimits.caliber.upperBound).count), nullable: false),
        TabularColumn("maker", ExportColumns.freeText, title: "manufacturer"),
        TabularColumn("model", ExportColumns.freeText),
        TabularColumn("location", ExportColumns.freeText),
        TabularColumn("state", ExportColumns.choice(MeterState.self), nullable: false),
        TabularColumn("group_name", ExportColumns.name, title: "group"),
        TabularColumn("account", ExportColumns.accountNumber),
        TabularColumn("initial", ExportColumns.volume, title: "initial reading", nullable: false),
        TabularColumn("created", .timestamp, title: "added at", nullable: false),
    ]
}
