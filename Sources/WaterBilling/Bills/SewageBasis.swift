import WBillSupport

/// An account's stored sewage basis: a volume per month, set by hand or averaged over a winter.
public struct SewageBasisEntry: Sendable, Equatable {
    public let accountNumber: String
    /// Thousandths of the volume unit, per month.
    public let volume: Volume
    /// `set` or `winter-average`.
    public let source: String
    /// The days averaged, for a winter average.
    public let window: DateSpan?
    public let at: String
    public let operatorName: String
}

/// What `updateFromWindow` did.
public struct SewageBasisUpdate: Sendable, Equatable {
    /// The window's days averaged over.
    public let window: DateSpan
    /// The bases stored.
    public let updated: [SewageBasisEntry]
    /// Accounts left as they were, with why.
    public let skipped: [(account: String, reason: String)]

    public static func == (lhs: SewageBasisUpdate, rhs: SewageBasisUpdate) -> Bool {
        lhs.window == rhs.window && lhs.updated == rhs.updated && lhs.skipped.map(\.account) == rhs.skipped.map(\.account)
            && lhs.skipped.map(\.reason) == rhs.skipped.map(\.reason)
    }
}

/// Each postpaid account's sewage basis, for the tariff components charged on sewage (`basis =
/// "sewage"`): the volume per month the sewer is billed on instead of a share of the water. It is
/// the one writer of `sewage_bases`, which is append-only: the latest row of an account is in force,
/// and each change has its audit entry.
///
/// The winter average (`updateFromWindow`): for every open postpaid account, the consumption
/// records whose span (from the day of the reading it starts at to the day before the one that
/// ends it) lies wholly within the most recent window that ended before today, summed (reversals
/// included), divided by the months the days from the first such span to the last are worth (a
/// whole calendar month is exactly one), rounded half-up to the litre. An account without such a
/// record keeps its basis.
public struct SewageBasis {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The basis in force for the account `id`, if it has one.
    func current(of accountID: Int64) throws -> (volume: Volume, id: Int64)? {
        try database.first("SELECT volume, id FROM sewage_bases WHERE account_id = ? ORDER BY id DESC LIMIT 1", [accountID]) {
            (volume: Volume(litres: $0.int64(0)), id: $0.int64(1))
        }
    }

    /// The basis in force for the account numbered `number`, if it has one.
    public func current(ofAccount number: String) throws -> SewageBasisEntry? {
        let account = try AccountStore(database: database).find(number)
        return try database.first("""
            SELECT volume, source, window_from, window_to, at, operator FROM sewage_bases WHERE account_id = ? ORDER BY id DESC LIMIT 1
            """, [account.id]) { row in
            SewageBasisEntry(accountNumber: account.number, volume: Volume(litres: row.int64(0)), source: row.text(1),
                             window: try row.optionalText(2).map { try DateSpan(from: CivilDate(parsing: $0), through: CivilDate(parsing: row.text(3))) },
                             at: row.text(4), operatorName: row.text(5))
        }
    }

    /// A basis of `volume` per month over `span`: the volume times the months the days are worth,
    /// rounded half-up to the litre.
    static func volume(_ monthly: Volume, over span: DateSpan) throws -> Volume {
        let months = try CycleCalendar(cycle: .monthly, start: .newYear).fraction(of: span)
        let exact = try months.applied(to: monthly.asFixedDecimal, scale: Volume.scale, rounding: .halfUp)
        return Volume(litres: exact.units)
    }

    /// Sets the basis of the account numbered `number` to `text` (a volume per month), in the
    /// caller's transaction, with its audit entry.
    /// - Throws: `AccountError.notFound`, `BillError.notPostpaid`, `.invalidSewageVolume`.
    @discardableResult
    public func set(account number: String, volume text: String, audit: AuditTrail) throws -> SewageBasisEntry {
        let account = try AccountStore(database: database).find(number)
        guard account.businessMode == .postpaid else { throw BillError.notPostpaid(account: account.number, businessMode: account.businessMode) }
        guard let volume = try? Volume(parsing: text.trimmed), !volume.isNegative else { throw BillError.invalidSewageVolume(text) }
        return try store(volume, for: account, source: "set", window: nil, audit: audit)
    }

    /// Recomputes every open postpaid account's basis as its average over the most recent `window`
    /// (`12-01..02-28`: from a day to a day, across the new year when the first is later) that
    /// ended before `today`, in the caller's transaction.
    /// - Throws: `BillError.invalidWindow`.
    public func updateFromWindow(_ text: String, today: CivilDate, audit: AuditTrail) throws -> SewageBasisUpdate {
        let window = try Self.window(text, before: today)
        // A span's last day is the day before its closing reading, which may be the day after the window.
        let end = window.last.adding(days: 2).description
        let accounts = try database.query("""
            SELECT id FROM accounts WHERE business_mode = 'postpaid' AND status = 'open' ORDER BY number
            """) { $0.int64(0) }
        var updated: [SewageBasisEntry] = []
        var skipped: [(account: String, reason: String)] = []
        let accountStore = AccountStore(database: database)
        for id in accounts {
            let account = try accountStore.find(id: id)
            // Spans wholly within the window: they start on or after its first day and end (the day
            // before their closing reading) on or before its last.
            let records = try database.query("""
                SELECT c.from_at, c.to_at, c.volume FROM account_meters am JOIN meter_readings r ON r.meter_id = am.meter_id
                JOIN consumptions c ON c.reading_id = r.id
                WHERE am.account_id = ?1 AND r.at >= ?2 AND r.at < ?3 AND c.account_id = ?1 AND c.from_at >= ?2
                GROUP BY c.id
                """, [account.id, window.first.description, end]) { row in
                (span: try PrepaidDeduction.span(from: row.text(0), to: row.text(1)), volume: Volume(litres: row.int64(2)))
            }.filter { window.contains($0.span.first) && window.contains($0.span.last) }
            guard let first = records.map(\.span.first).min(), let last = records.map(\.span.last).max() else {
                skipped.append((account.number, "no consumption within \(window)"))
                continue
            }
            let total = try Volume.sum(records.map(\.volume))
            guard !total.isNegative else {
                skipped.append((account.number, "the consumption within \(window) adds up below zero"))
                continue
            }
            let months = try CycleCalendar(cycle: .monthly, start: .newYear).fraction(of: DateSpan(uncheckedFrom: first, through: last))
            let perMonth = try ExactFraction(months.denominator, months.numerator)
                .applied(to: total.asFixedDecimal, scale: Volume.scale, rounding: .halfUp)
            updated.append(try store(Volume(litres: perMonth.units), for: account, source: "winter-average",
                                     window: DateSpan(uncheckedFrom: first, through: last), audit: audit))
        }
        return SewageBasisUpdate(window: window, updated: updated, skipped: skipped)
    }

    /// The most recent span `MM-DD..MM-DD` that ended before `today`.
    static func window(_ text: String, before today: CivilDate) throws -> DateSpan {
        let parts = text.trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].isEmpty, let from = MonthDay(parsing: String(parts[0])),
              let to = MonthDay(parsing: String(parts[2])) else {
            throw BillError.invalidWindow(text)
        }
        var year = today.year
        while year > today.year - 3 {
            let lastYear = year
            let firstYear = to < from ? year - 1 : year
            if let last = CivilDate(year: lastYear, month: to.month, day: min(to.day, CivilDate.daysIn(month: to.month, year: lastYear))),
               let first = CivilDate(year: firstYear, month: from.month, day: min(from.day, CivilDate.daysIn(month: from.month, year: firstYear))),
               last < today {
                return DateSpan(uncheckedFrom: first, through: last)
            }
            year -= 1
        }
        throw BillError.invalidWindow(text)
    }

    private func store(_ volume: Volume, for account: Account, source: String, window: DateSpan?, audit: AuditTrail) throws -> SewageBasisEntry {
        let before = try current(of: account.id)
        try database.run("""
            INSERT INTO sewage_bases (account_id, volume, source, window_from, window_to, at, operator) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [account.id, volume.litres, source, window?.first.description, window?.last.description,
                  audit.context.timeText, audit.context.operatorName])
        try audit.record(entity: "account", id: account.number, action: "sewage-basis", changes: [
            AuditChange("sewage_basis", old: before?.volume.description, new: volume.description),
            AuditChange("source", old: nil, new: source),
        ] + (window.map { [AuditChange("window", old: nil, new: $0.description)] } ?? []))
        return SewageBasisEntry(accountNumber: account.number, volume: volume, source: source, window: window,
                                at: audit.context.timeText, operatorName: audit.context.operatorName)
    }
}
