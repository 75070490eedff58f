import WaterBilling
import WBillSupport

/// How alarms, alarm options and their changes read in lists, records and confirmations.
enum AlarmViews {
    static let listColumns = [
        Column("id"), Column("raised_at"), Column("kind"), Column("account"), Column("meter"), Column("value"),
        Column("threshold"), Column("unit"), Column("state"), Column("acknowledged_by"), Column("closed_by"),
    ]

    /// A quantity as a cell: money as an exact decimal, days and percentages as whole numbers.
    static func cell(_ quantity: AlarmQuantity?) -> Cell {
        guard let quantity else { return .null }
        return quantity.measure == .money ? .decimal(quantity.text) : .integer(quantity.amount)
    }

    static func listRow(_ alarm: Alarm) -> [Cell] {
        [.integer(alarm.id), .text(alarm.raisedAt), .text(alarm.kind.rawValue), alarm.accountNumber.map(Cell.text) ?? .null,
         alarm.meterSerial.map(Cell.text) ?? .null, cell(alarm.value), cell(alarm.threshold), alarm.unit.map(Cell.text) ?? .null,
         .text(alarm.state.rawValue), alarm.acknowledgedBy.map(Cell.text) ?? .null, alarm.closedBy.map(Cell.text) ?? .null]
    }

    /// Every field of an alarm (`alarm show`).
    static func record(_ alarm: Alarm) -> DataRecord {
        var record = DataRecord()
        record.append("id", .integer(alarm.id))
        record.append("kind", .text(alarm.kind.rawValue))
        record.append("state", .text(alarm.state.rawValue))
        record.append("account", alarm.accountNumber.map(Cell.text) ?? .null)
        record.append("meter", alarm.meterSerial.map(Cell.text) ?? .null)
        record.append("value", cell(alarm.value))
        record.append("threshold", cell(alarm.threshold))
        record.append("unit", alarm.unit.map(Cell.text) ?? .null)
        record.append("cause", .text(alarm.cause))
        record.append("raised_at", .text(alarm.raisedAt))
        record.append("raised_by", .text(alarm.raisedBy))
        record.append("acknowledged_at", alarm.acknowledgedAt.map(Cell.text) ?? .null)
        record.append("acknowledged_by", alarm.acknowledgedBy.map(Cell.text) ?? .null)
        record.append("closed_at", alarm.closedAt.map(Cell.text) ?? .null)
        record.append("closed_by", alarm.closedBy.map(Cell.text) ?? .null)
        return record
    }

    /// What `alarm ack` and `alarm close` print: a line per alarm for people, a table for scripts.
    static func changed(_ alarms: [Alarm], verb: String, context: CommandContext) -> CommandOutput {
        if context.settings.format == .table {
            return .text(alarms.map { "\(verb) alarm \($0.id) (\($0.kind.rawValue), \($0.subject))\n" }.joined())
        }
        let closing = verb == "closed"
        var table = DataTable(columns: [Column("id"), Column("kind"), Column("account"), Column("meter"), Column("state"),
                                        Column(closing ? "closed_at" : "acknowledged_at"), Column(closing ? "closed_by" : "acknowledged_by")])
        for alarm in alarms {
            table.append([.integer(alarm.id), .text(alarm.kind.rawValue), alarm.accountNumber.map(Cell.text) ?? .null,
                          alarm.meterSerial.map(Cell.text) ?? .null, .text(alarm.state.rawValue),
                          (closing ? alarm.closedAt : alarm.acknowledgedAt).map(Cell.text) ?? .null,
                          (closing ? alarm.closedBy : alarm.acknowledgedBy).map(Cell.text) ?? .null])
        }
        return .table(table)
    }

    static let optionColumns = [
        Column("kind"), Column("threshold"), Column("unit"), Column("default"), Column("enabled"), Column("raised_when"),
    ]

    static func optionRow(_ option: AlarmOption) -> [Cell] {
        [.text(option.kind.rawValue), cell(option.threshold), option.unit.map(Cell.text) ?? .null, cell(option.defaultThreshold),
         .bool(option.enabled), .text(option.kind.raisedWhen)]
    }

    /// `alarm option low-balance: threshold 20.00 CNY, enabled`.
    static func optionLine(_ option: AlarmOption) -> String {
        let threshold = option.threshold.map { "threshold \($0.text) \(option.unit ?? "")" } ?? "no threshold"
        return "alarm option \(option.kind.rawValue): \(threshold), \(option.enabled ? "enabled" : "disabled")"
    }
}
