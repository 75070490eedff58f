import WBillSupport

/// What a financial report splits each bucket by.
public enum FinancialDimension: String, Sendable, CaseIterable {
    /// The payment channel of the entry (a reversal takes the channel of the entry it reverses;
    /// deductions, bill charges, late fees and adjustments have none).
    case channel
    /// The operator who recorded the entry or the allocation.
    case `operator`
    /// The customer type of the account.
    case customerType = "customer-type"
}

/// One bucket of time (and one value of the dimension, when split) of money in and out. Each kind
/// is the signed sum of the ledger entries of that kind made in the bucket, as `account
/// transactions` lists them: positive in the customers' favour (recharges, payments), negative
/// owed or paid out (refunds, deductions, bill charges, late fees).
public struct FinancialLine: Sendable, Equatable {
    /// The bucket's name: `2026-10-05`, `2026-10` or `2026` (UTC).
    public let bucket: String
    /// The bucket's first day within the report's span (for a date column).
    public let firstDay: CivilDate
    /// The dimension's value (nil: not split, or the entries have none, such as a deduction's channel).
    public let group: String?
    public let recharges: Money
    public let refunds: Money
    public let payments: Money
    public let deductions: Money
    public let cardPurchases: Money
    public let billCharges: Money
    public let lateFees: Money
    public let adjustments: Money
    /// Every reversal in the bucket, whatever it reverses (a rolled-back card purchase, a
    /// cancelled bill's charge, a voided reading's deduction).
    public let reversals: Money
    /// Money received less money paid back: recharges + payments + refunds (negative), and the
    /// reversals of entries of those three kinds (a card purchase rolled back takes its recharge back).
    public let moneyIn: Money
    /// Bills issued in the bucket less bills cancelled in it: the bill charges and their reversals,
    /// made positive.
    public let billed: Money
    /// What was put on bills in the bucket (`bill_allocations`: from payments and from credit, less
    /// what cancellations took off).
    public let collected: Money
    /// `collected / billed` in percent, one decimal, half-up; nil when nothing was billed (billed ≤ 0).
    public let collectionRate: FixedDecimal?
}

/// A financial report: lines in bucket order, then by the dimension's value (none first).
public struct FinancialReport: Sendable, Equatable {
    public let span: DateSpan
    public let granularity: ReportGranularity
    public let dimension: FinancialDimension?
    public let currency: Currency
    public let lines: [FinancialLine]
}

/// Money in and out from the ledger over a span of UTC days, by day, month or year, optionally split
/// by channel, operator or customer type. Two queries, each an index range search by time
/// (`ledger_entries_at`, `bill_allocations_at`, both covering) over the span's rows; sums by SQLite (a sum beyond
/// 64 bits is refused) and added in Int64 with every overflow caught.
///
/// Without a dimension every bucket of the span has a line, zeros included; split, only the
/// buckets and values that have entries do.
public struct FinancialSummary {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The kinds of entry whose movements are money received or paid back.
    static let cashKinds: Set<LedgerEntryKind> = [.recharge, .payment, .refund]

    /// The report over `span`, cut by `granularity`, split by `dimension` when given.
    public func report(span: DateSpan, granularity: ReportGranularity, by dimension: FinancialDimension?) throws -> FinancialReport {
        let currency = try UtilitySettings(database: database).currency()
        let start = span.first.description, end = span.last.adding(days: 1).description
        let length = granularity.prefixLength
        var sums: [Key: Sums] = [:]

        let ledgerGroup: String
        let allocationGroup: String
        switch dimension {
        case nil: (ledgerGroup, allocationGroup) = ("NULL", "NULL")
        case .channel?: (ledgerGroup, allocationGroup) = ("coalesce(e.channel, r.channel)", "p.channel")
        case .operator?: (ledgerGroup, allocationGroup) = ("e.operator", "b.operator")
        case .customerType?: (ledgerGroup, allocationGroup) = ("t.name", "t.name")
        }
        let typeJoin = dimension == .customerType
            ? "JOIN accounts a ON a.id = e.account_id JOIN customer_types t ON t.id = a.customer_type_id" : ""
        let entries = try ReportArithmetic.summing(what: "the ledger's entries in \(span)", currency: currency) {
            try database.query("""
                SELECT substr(e.at, 1, \(length)), \(ledgerGroup), e.kind, r.kind, sum(e.amount)
                FROM ledger_entries e LEFT JOIN ledger_entries r ON r.id = e.reverses_id \(typeJoin)
                WHERE e.at >= ? AND e.at < ?
                GROUP BY 1, 2, 3, 4
                """, [start, end]) { row in
                (key: Key(bucket: row.text(0), group: row.optionalText(1)), kind: try row.stored(2, as: LedgerEntryKind.self),
                 reversed: row.isNull(3) ? nil : try row.stored(3, as: LedgerEntryKind.self), amount: row.int64(4))
            }
        }
        for entry in entries {
            let what = { (column: String) in "\(column) of \(entry.key.bucket)\(entry.key.group.map { " (\($0))" } ?? "")" }
            var line = sums[entry.key] ?? Sums()
            try line.add(entry.amount, to: entry.kind.rawValue, what: what(entry.kind.rawValue), currency: currency)
            let cash = Self.cashKinds.contains(entry.kind) || (entry.kind == .reversal && entry.reversed.map(Self.cashKinds.contains) == true)
            if cash { try line.add(entry.amount, to: "money in", what: what("money in"), currency: currency) }
            if entry.kind == .billCharge || (entry.kind == .reversal && entry.reversed == .billCharge) {
                let billed = try ReportArithmetic.negate(entry.amount, what: what("billed"), currency: currency)
                try line.add(billed, to: "billed", what: what("billed"), currency: currency)
            }
            sums[entry.key] = line
        }

        let allocationJoin = dimension == .channel ? "LEFT JOIN ledger_entries p ON p.id = b.ledger_entry_id"
            : dimension == .customerType ? "JOIN accounts a ON a.id = b.account_id JOIN customer_types t ON t.id = a.customer_type_id" : ""
        let allocations = try ReportArithmetic.summing(what: "money put on bills in \(span)", currency: currency) {
            try database.query("""
                SELECT substr(b.at, 1, \(length)), \(allocationGroup), sum(b.amount)
                FROM bill_allocations b \(allocationJoin)
                WHERE b.at >= ? AND b.at < ?
                GROUP BY 1, 2
                """, [start, end]) { (key: Key(bucket: $0.text(0), group: $0.optionalText(1)), amount: $0.int64(2)) }
        }
        for allocation in allocations {
            var line = sums[allocation.key] ?? Sums()
            try line.add(allocation.amount, to: "collected", what: "collected of \(allocation.key.bucket)", currency: currency)
            sums[allocation.key] = line
        }

        let buckets = granularity.buckets(in: span)
        var lines: [FinancialLine] = []
        for bucket in buckets {
            var keys = sums.keys.filter { $0.bucket == bucket.name }
            if dimension == nil && keys.isEmpty { keys = [Key(bucket: bucket.name, group: nil)] }
            for key in keys.sorted(by: { ($0.group == nil ? 0 : 1, $0.group ?? "") < ($1.group == nil ? 0 : 1, $1.group ?? "") }) {
                lines.append(try (sums[key] ?? Sums()).line(key, firstDay: bucket.days.first, currency: currency))
            }
        }
        return FinancialReport(span: span, granularity: granularity, dimension: dimension, currency: currency, lines: lines)
    }

    /// A line's bucket and dimension value.
    struct Key: Hashable {
        let bucket: String
        let group: String?
    }

    /// A line's sums by column name, in minor units.
    struct Sums {
        var columns: [String: Int64] = [:]

        mutating func add(_ amount: Int64, to column: String, what: String, currency: Currency) throws {
            columns[column] = try ReportArithmetic.add(columns[column] ?? 0, amount, what: what, currency: currency)
        }

        func line(_ key: Key, firstDay: CivilDate, currency: Currency) throws -> FinancialLine {
            func money(_ column: String) -> Money { Money(minorUnits: columns[column] ?? 0, currency: currency) }
            let billed = columns["billed"] ?? 0, collected = columns["collected"] ?? 0
            return FinancialLine(
                bucket: key.bucket, firstDay: firstDay, group: key.group,
                recharges: money(LedgerEntryKind.recharge.rawValue), refunds: money(LedgerEntryKind.refund.rawValue),
                payments: money(LedgerEntryKind.payment.rawValue), deductions: money(LedgerEntryKind.deduction.rawValue),
                cardPurchases: money(LedgerEntryKind.cardPurchase.rawValue), billCharges: money(LedgerEntryKind.billCharge.rawValue),
                lateFees: money(LedgerEntryKind.lateFee.rawValue), adjustments: money(LedgerEntryKind.adjustment.rawValue),
                reversals: money(LedgerEntryKind.reversal.rawValue), moneyIn: money("money in"), billed: money("billed"),
                collected: money("collected"), collectionRate: billed > 0 ? try ReportPercentage.of(collected, in: billed) : nil)
        }
    }
}
