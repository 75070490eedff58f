import WaterBilling
import WBillSupport

/// The parts of `customer show` and `account show` about the account: its fields, meters and
/// readings, holders and recent transactions.
enum AccountViews {
    static let transactionColumns = [
        Column("receipt"), Column("at"), Column("kind"), Column("amount"), Column("balance"), Column("channel"),
        Column("reference"), Column("reason"), Column("operator"), Column("customer"),
    ]

    static func transactionRow(_ entry: LedgerEntry) -> [Cell] {
        [.integer(entry.id), .text(entry.at), .text(entry.kind.rawValue), .decimal(entry.amount.description),
         .decimal(entry.balanceAfter.description), entry.channel.map { .text($0.rawValue) } ?? .null,
         entry.reference.map(Cell.text) ?? .null, entry.reason.map(Cell.text) ?? .null, .text(entry.operatorName),
         .integer(entry.customerID)]
    }

    /// Appends the account's fields to `record` and returns its sections.
    static func details(of account: Account, into record: inout DataRecord, context: CommandContext) throws -> [DataDocument.Section] {
        let database = context.database
        let store = AccountStore(database: database)
        let ledger = Ledger(database: database)
        let unit = try context.volumeUnit()
        record.append("account", .text(account.number))
        record.append("status", .text(account.status.rawValue))
        record.append("business_mode", .text(account.businessMode.rawValue))
        record.append("payment", .text(account.paymentDescription))
        record.append("balance", .decimal(try ledger.balance(of: account).description))
        record.append("currency", .text(account.currency.code))
        record.append("opened_at", .text(account.openedAt))
        record.append("opened_by", .text(account.openedBy))
        record.append("closed_at", account.closedAt.map(Cell.text) ?? .null)

        var meters = DataTable(columns: [Column("serial"), Column("type"), Column("caliber"), Column("state"),
                                         Column("installed_at"), Column("removed_at"), Column("last_reading", title: VolumeLabels.header("LAST", unit)),
                                         Column("last_reading_at", title: "READ AT")])
        for entry in try store.meters(of: account) {
            meters.append([.text(entry.meter.serial), .text(entry.meter.typeName), .integer(Int64(entry.meter.caliber)),
                           .text(entry.meter.state.rawValue), .text(entry.installedAt), entry.removedAt.map(Cell.text) ?? .null,
                           .decimal((entry.lastReading?.value ?? entry.meter.initialReading).description),
                           entry.lastReading.map { .text($0.at) } ?? .text("initial")])
        }
        var readings = DataTable(columns: [Column("serial"), Column("at"), Column("value", title: unit.headerText), Column("source"),
                                           Column("operator")])
        for reading in try MeterReadingStore(database: database).readings(on: account) {
            readings.append([.text(reading.serial), .text(reading.at), .decimal(reading.value.description),
                             .text(reading.source.rawValue), .text(reading.operatorName)])
        }
        var holders = DataTable(columns: [Column("customer"), Column("name"), Column("from_date", title: "FROM"),
                                          Column("to_date", title: "TO"), Column("recorded_at"), Column("recorded_by")])
        for holding in try store.holders(of: account) {
            holders.append([.integer(holding.customerID), .text(holding.customerName), .text(holding.fromDate),
                            holding.toDate.map(Cell.text) ?? .null, .text(holding.recordedAt), .text(holding.recordedBy)])
        }
        let recent = context.arguments.integer("transactions") ?? 10
        guard recent >= 0 else {
            throw context.usageError("invalid value '\(recent)' for --transactions: expected 0 or more")
        }
        var transactions = DataTable(columns: transactionColumns)
        if recent > 0 {
            for entry in try ledger.entries(of: account, matching: LedgerFilter(last: recent)) {
                transactions.append(transactionRow(entry))
            }
        }
        return [
            .init(key: "meters", title: "Meters", table: meters),
            .init(key: "readings", title: "Readings", table: readings),
            .init(key: "holders", title: "Holders", table: holders),
            .init(key: "transactions", title: "Recent transactions", table: transactions),
        ]
    }
}
