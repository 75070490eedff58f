import WBillSupport

/// How long a bill has been overdue, in days past its due date, as arrears are aged.
public enum ArrearsBucket: Int, Sendable, CaseIterable {
    /// 1 to 30 days past due (a bill due on the report's date is not overdue yet).
    case upTo30
    case upTo60
    case upTo90
    /// More than 90 days past due.
    case over90

    /// The bucket of a bill `days` days past its due date (1 or more).
    public init(daysPastDue days: Int) {
        switch days {
        case ...30: self = .upTo30
        case 31...60: self = .upTo60
        case 61...90: self = .upTo90
        default: self = .over90
        }
    }

    /// `0-30`, `31-60`, `61-90`, `over-90`.
    public var label: String {
        switch self {
        case .upTo30: return "0-30"
        case .upTo60: return "31-60"
        case .upTo90: return "61-90"
        case .over90: return "over-90"
        }
    }
}

/// One account's overdue bills, aged, with the holder's contact data.
public struct ArrearsLine: Sendable, Equatable {
    public let accountNumber: String
    /// The account's holder now: name, phone and address (for reminders).
    public let customerName: String
    public let phone: String?
    public let address: String?
    /// What overdue bills still owe, by bucket (`ArrearsBucket.allCases` order).
    public let buckets: [Money]
    /// Their sum.
    public let total: Money
    /// What the account owes besides its bills (unpaid late fees, debit adjustments): the part of
    /// its balance its standing bills do not explain; zero when it has none.
    public let otherOwed: Money
    /// How many bills are overdue, and the earliest due date among them.
    public let bills: Int
    public let oldestDueDate: CivilDate
}

/// The arrears of every account with an overdue bill on a date.
public struct ArrearsReport: Sendable, Equatable {
    public let asOf: CivilDate
    /// By account number.
    public let lines: [ArrearsLine]
}

/// Computes arrears: for each account, what its open and partly paid bills due before the date
/// still owe (total less paid), by days past due (0–30, 31–60, 61–90, over 90). One index search on
/// `bills_status` finds the overdue bills, however many bills are paid; each account's contact and
/// what it owes besides bills (unpaid late fees, shown apart, not aged) are a look-up each.
public struct Arrears {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The arrears on `asOf`.
    public func report(asOf: CivilDate) throws -> ArrearsReport {
        let overdue = try database.query("""
            SELECT account_id, due_date, total - paid_amount, currency, minor_unit FROM bills
            WHERE (status = 'open' OR status = 'partly-paid') AND due_date < ?
            """, [asOf.description]) { row in
            (accountID: row.int64(0), due: try CivilDate(parsing: row.text(1)), owed: row.int64(2),
             currency: try Currency(code: row.text(3), minorUnit: row.int(4)))
        }
        var byAccount: [Int64: [(due: CivilDate, owed: Int64, currency: Currency)]] = [:]
        for bill in overdue where bill.owed > 0 { byAccount[bill.accountID, default: []].append((bill.due, bill.owed, bill.currency)) }
        var lines: [ArrearsLine] = []
        for (accountID, bills) in byAccount {
            guard let contact = try database.first("""
                SELECT a.number, c.name, c.phone, c.address FROM accounts a
                JOIN account_holders h ON h.account_id = a.id AND h.to_date IS NULL JOIN customers c ON c.id = h.customer_id
                WHERE a.id = ?
                """, [accountID], { (number: $0.text(0), name: $0.text(1), phone: $0.optionalText(2), address: $0.optionalText(3)) })
            else { continue }
            let currency = bills[0].currency
            var sums = [Int64](repeating: 0, count: ArrearsBucket.allCases.count)
            for bill in bills {
                let (sum, overflow) = sums[ArrearsBucket(daysPastDue: bill.due.days(to: asOf)).rawValue].addingReportingOverflow(bill.owed)
                guard !overflow else { throw AccountError.balanceOutOfRange(number: contact.number, currency: currency) }
                sums[ArrearsBucket(daysPastDue: bill.due.days(to: asOf)).rawValue] = sum
            }
            let (total, overflow) = sums.reduce((Int64(0), false)) { partial, next in
                let (sum, over) = partial.0.addingReportingOverflow(next)
                return (sum, partial.1 || over)
            }
            guard !overflow else { throw AccountError.balanceOutOfRange(number: contact.number, currency: currency) }
            let credit = try BillSettlement(database: database).unallocatedCredit(accountID: accountID)
            lines.append(ArrearsLine(accountNumber: contact.number, customerName: contact.name, phone: contact.phone,
                                     address: contact.address, buckets: sums.map { Money(minorUnits: $0, currency: currency) },
                                     total: Money(minorUnits: total, currency: currency),
                                     otherOwed: Money(minorUnits: credit < 0 ? -credit : 0, currency: currency), bills: bills.count,
                                     oldestDueDate: bills.map(\.due).min() ?? asOf))
        }
        return ArrearsReport(asOf: asOf, lines: lines.sorted { $0.accountNumber < $1.accountNumber })
    }
}
