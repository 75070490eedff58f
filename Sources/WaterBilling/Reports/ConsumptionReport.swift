import WBillSupport

/// What `report consumption` groups the water used by.
public enum ConsumptionDimension: String, Sendable, CaseIterable {
    /// The account's holder when the record's span ended (after a transfer, the water before it
    /// stays with the previous holder).
    case customer
    /// The account's customer type.
    case customerType = "customer-type"
    /// The water nature of the account's customer type.
    case waterNature = "water-nature"
    /// The meter's reading route (its group now); meters in no group make one line without a key.
    case group
    /// The month the record's span ended in; every month of the span has a line, water or not.
    case month
}

/// One line of the consumption report: what a value of the dimension used in the span.
public struct ConsumptionLine: Sendable, Equatable {
    /// The value: a customer's number, a customer type's or group's name, a water nature, a month
    /// (`2026-10`); nil for the meters in no group.
    public let key: String?
    /// What names it beside the key: the customer's name, the customer type's water nature; nil otherwise.
    public let name: String?
    /// How many accounts and meters have records in it, and how many records (reversals included).
    public let accounts: Int
    public let meters: Int
    public let records: Int
    /// The sum of its records' volumes, reversals included (so it may be negative).
    public let volume: Volume
    /// Its volume as a percentage of the report's total (one decimal, half-up); nil when the total is zero.
    public let share: FixedDecimal?
}

/// A customer type whose water is not counted ("count consumption: no"), and what it used in the span.
public struct UncountedConsumption: Sendable, Equatable {
    public let customerType: String
    public let records: Int
    public let volume: Volume
}

/// The water used over a span of days, by a dimension, computed once.
public struct ConsumptionReport: Sendable, Equatable {
    public let span: DateSpan
    public let dimension: ConsumptionDimension
    /// By key (customers by number, months in order, the line without a group last).
    public let lines: [ConsumptionLine]
    /// The counted total: the sum of the lines' volumes, records, and the distinct accounts and meters.
    public let volume: Volume
    public let records: Int
    public let accounts: Int
    public let meters: Int
    /// Every customer type that does not count consumption, by name, with what it used in the span
    /// (zero when nothing): left out of the lines and the total.
    public let uncounted: [UncountedConsumption]
}

/// Computes the consumption report from the `consumptions` records: a record belongs to the span
/// when the date of its `to_at` (UTC, as stored) is one of the span's days, whatever day its span
/// started; an account's use is the sum of its records, reversals included, so a voided or
/// corrected reading counts once. Accounts of a customer type that does not count consumption are
/// left out and reported apart. One range search of `consumptions_to_at` over the span's records,
/// grouped by key, account and meter in SQL; the small catalogue tables are read whole.
public struct ConsumptionStatistics {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The report over `span`, by `dimension`.
    /// - Throws: `NumberError.overflow` when a sum does not fit; `SQLiteError`.
    public func report(over span: DateSpan, by dimension: ConsumptionDimension) throws -> ConsumptionReport {
        let bounds = [span.first.description, span.last.adding(days: 1).description]
        let (key, name, joins) = Self.keyColumns(dimension)
        let rows = try database.query("""
            SELECT \(key), \(name), c.account_id, c.meter_id, count(*), sum(c.volume), t.count_consumption, t.name
            FROM consumptions c JOIN accounts a ON a.id = c.account_id JOIN customer_types t ON t.id = a.customer_type_id\(joins)
            WHERE c.to_at >= ? AND c.to_at < ?
            GROUP BY 1, c.account_id, c.meter_id
            """, bounds) { row in
            MeterUse(key: row.optionalText(0), name: row.optionalText(1), accountID: row.int64(2), meterID: row.int64(3),
                     records: row.int(4), volume: row.int64(5), counted: row.bool(6), customerType: row.text(7))
        }
        let counted = rows.filter(\.counted)
        let total = try Self.sum(counted)
        var groups: [String?: [MeterUse]] = Dictionary(grouping: counted, by: \.key)
        if dimension == .month {
            for month in Self.months(of: span) where groups[month] == nil { groups[month] = [] }
        }
        let lines = try groups.map { key, uses in
            let sum = try Self.sum(uses)
            return ConsumptionLine(key: key, name: uses.first?.name, accounts: Set(uses.map(\.accountID)).count,
                                   meters: Set(uses.map(\.meterID)).count, records: sum.records,
                                   volume: Volume(litres: sum.volume), share: try ReportPercentage.of(sum.volume, in: total.volume))
        }.sorted { Self.ordered($0.key, $1.key, dimension) }
        let uncountedTypes = try database.query("SELECT name FROM customer_types WHERE count_consumption = 0 ORDER BY name") { $0.text(0) }
        let uncounted = try uncountedTypes.map { type in
            let sum = try Self.sum(rows.filter { !$0.counted && $0.customerType == type })
            return UncountedConsumption(customerType: type, records: sum.records, volume: Volume(litres: sum.volume))
        }
        return ConsumptionReport(span: span, dimension: dimension, lines: lines, volume: Volume(litres: total.volume),
                                 records: total.records, accounts: Set(counted.map(\.accountID)).count,
                                 meters: Set(counted.map(\.meterID)).count, uncounted: uncounted)
    }

    /// One meter's records on one account for one key.
    struct MeterUse {
        let key: String?
        let name: String?
        let accountID: Int64
        let meterID: Int64
        let records: Int
        let volume: Int64
        let counted: Bool
        let customerType: String
    }

    /// The key and name expressions of `dimension` and the joins they need.
    static func keyColumns(_ dimension: ConsumptionDimension) -> (key: String, name: String, joins: String) {
        switch dimension {
        case .customer:
            // The holder on the day the span ended (a transfer's from_date is the new holder's
            // first day); an account's first holder for a record dated before any.
            let day = "substr(c.to_at, 1, 10)"
            return ("CAST(cu.id AS TEXT)", "cu.name", """

                JOIN customers cu ON cu.id = coalesce(
                    (SELECT h.customer_id FROM account_holders h WHERE h.account_id = c.account_id AND h.from_date <= \(day)
                     ORDER BY h.from_date DESC LIMIT 1),
                    (SELECT h.customer_id FROM account_holders h WHERE h.account_id = c.account_id ORDER BY h.from_date LIMIT 1))
                """)
        case .customerType: return ("t.name", "t.water_nature", "")
        case .waterNature: return ("t.water_nature", "NULL", "")
        case .group:
            return ("g.name", "NULL", "\nJOIN meters m ON m.id = c.meter_id LEFT JOIN meter_groups g ON g.id = m.group_id")
        case .month: return ("substr(c.to_at, 1, 7)", "NULL", "")
        }
    }

    /// The records and volume of `uses`, added exactly.
    static func sum(_ uses: [MeterUse]) throws -> (records: Int, volume: Int64) {
        var volume: Int64 = 0
        var records = 0
        for use in uses {
            let (next, overflow) = volume.addingReportingOverflow(use.volume)
            guard !overflow else { throw NumberError.overflow("consumption sum") }
            volume = next
            records += use.records
        }
        return (records, volume)
    }

    /// The months the span's days fall in (`2026-10`), in order.
    static func months(of span: DateSpan) -> [String] {
        var months: [String] = []
        var month = span.first.firstOfMonth
        while month <= span.last {
            months.append(String(month.description.prefix(7)))
            month = month.adding(months: 1)
        }
        return months
    }

    /// Lines in key order: customers by number, the rest by text; the line without a key last.
    static func ordered(_ left: String?, _ right: String?, _ dimension: ConsumptionDimension) -> Bool {
        guard let left else { return false }
        guard let right else { return true }
        if dimension == .customer, let l = Int64(left), let r = Int64(right) { return l < r }
        return left.lowercased() == right.lowercased() ? left < right : left.lowercased() < right.lowercased()
    }
}
