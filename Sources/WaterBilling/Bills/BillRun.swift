import WBillSupport

/// A bill run as asked for.
public struct BillRunRequest: Sendable {
    public var period: CalendarPeriod
    public var cycle: BillingCycle
    /// Only accounts with a meter in this meter group (reading route) during the period.
    public var group: String?
    /// Estimate the readings missing at the period's end instead of leaving those accounts unbilled.
    public var estimateMissing: Bool
    /// Do the whole run, then roll it back.
    public var dryRun: Bool
    /// Accounts per committed batch.
    public var batchSize: Int

    /// Accounts a batch holds by default: a kill loses at most this many accounts' work, which the
    /// re-run does again, and a short write waits at most one batch for the lock (some tenths of a
    /// second); each COMMIT costs a sync of the log and the gap left to waiting writers.
    public static let defaultBatchSize = 5_000

    public init(period: CalendarPeriod, cycle: BillingCycle, group: String? = nil, estimateMissing: Bool = false,
                dryRun: Bool = false, batchSize: Int = BillRunRequest.defaultBatchSize) {
        self.period = period
        self.cycle = cycle
        self.group = group
        self.estimateMissing = estimateMissing
        self.dryRun = dryRun
        self.batchSize = batchSize
    }
}

/// What a bill run did.
public struct BillRunResult: Sendable, Equatable {
    /// The run's `bill_runs` row; nil for a dry run (rolled back).
    public let runID: Int64?
    public let period: CalendarPeriod
    public let cycle: BillingCycle
    public let counts: BillRunCounts
    /// The money billed, in the utility's currency.
    public let amount: Money
    /// The accounts not billed, in the order looked at, with why.
    public let notBilled: [NotBilledAccount]
    /// Runs found still recorded as running (killed) and marked interrupted.
    public let interrupted: [Int64]
}

/// The bill run: for every open postpaid account whose customer type charges (with a meter in
/// the group, if one is named) and that was opened by the period's end, one bill for the period.
///
/// For each account, in account-number order (read a page at a time), leaving nothing when it is
/// not billed (all it needs is read and priced before its bill is written; when readings are
/// estimated for it, in a savepoint of its own, so its estimates go too):
/// 1. A standing bill for the period already: counted as already billed (re-running a period
///    creates nothing). A standing bill of another period covering some of the same days: not billed.
/// 2. Every meter on the account at the period's end needs a reading dated in the period; without
///    one the account is not billed, unless estimation is asked for: then the reading is estimated
///    at the period's last second by the readings' own estimate (`ReadingEntry.estimate`).
/// 3. The consumption not billed yet is priced (`BillPricing`) and the bill issued (`BillIssue`):
///    number, `bill-charge` ledger entry, lines, records, audit entry.
///
/// The run commits every `batchSize` accounts through `BulkWrite` (a kill leaves whole bills, and
/// a re-run completes the rest), recorded by `BillRunRecord`, and holds the bill runs' lock
/// (`BillRunLock`) from start to end. Nothing is billed for a period that is not over.
public struct BillRun {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Runs `request` as of `today`.
    /// - Parameter progress: called now and then with the accounts done and the accounts to do.
    /// - Throws: `BillError.periodNotOver`, `.runInProgress`; `CatalogueError.notFound` for an
    ///   unknown group; `SQLiteError` (batches committed before stay).
    public func run(_ request: BillRunRequest, audit: AuditTrail, today: CivilDate,
                    progress: ((Int, Int) -> Void)? = nil) throws -> BillRunResult {
        let period = request.period
        guard period.isOver(on: today) else { throw BillError.periodNotOver(period: period.label, lastDay: period.span.last, today: today) }
        let group = try request.group.map { try MeterGroupStore(database: database).named($0) }
        let lock = try BillRunLock.acquire(database)
        defer { lock?.release() }
        let currency = try UtilitySettings(database: database).currency()
        let options = try BillOptions.current(in: database)
        var bulk = BulkWriteOptions(batchSize: request.batchSize, dryRun: request.dryRun)
        bulk.cacheSizeKiB = 65_536
        return try BulkWrite(database, bulk).run { batch in
            let interrupted = try BillRunRecord.markInterrupted(in: database, audit: audit)
            let record = try BillRunRecord(database: database, audit: audit, period: period, cycle: request.cycle,
                                           group: group?.name, estimateMissing: request.estimateMissing)
            let bounds = PeriodBounds(period)
            let total = try candidateCount(bounds, group: group)
            let pricing = BillPricing(database: database)
            let issue = BillIssue(database: database, options: options, staging: true)
            var counts = BillRunCounts()
            var batchStart = counts
            var batchAccounts: ClosedRange<String>?
            var notBilled: [NotBilledAccount] = []
            var after = ""
            // A page of accounts at a time, by number, so memory stays flat whatever their count.
            while true {
                let page = try candidates(bounds, group: group, after: after, limit: max(request.batchSize, 100))
                guard let last = page.last else { break }
                after = last.account.number
                for candidate in page {
                    counts.accounts += 1
                    let number = candidate.account.number
                    switch try billOne(candidate, bounds: bounds, request: request, runID: record.id, pricing: pricing,
                                       issue: issue, audit: audit) {
                    case .billed(let volume, let amount, let estimated):
                        counts.billed += 1
                        counts.volume += volume.litres
                        counts.amount += amount.minorUnits
                        counts.estimated += estimated
                    case .alreadyBilled:
                        counts.alreadyBilled += 1
                    case .notBilled(let reason):
                        counts.notBilled += 1
                        notBilled.append(NotBilledAccount(accountNumber: number, reason: reason))
                    }
                    batchAccounts = (batchAccounts?.lowerBound ?? number)...number
                    if counts.accounts % 100 == 0 { progress?(counts.accounts, total) }
                    if batch.rowDone() {
                        try issue.flush()
                        try record.recordBatch(counts, since: batchStart, number: batch.batchesCommitted + 1,
                                               accounts: batchAccounts ?? number...number)
                        try batch.commit()
                        batchStart = counts
                        batchAccounts = nil
                    }
                }
            }
            try issue.flush()
            progress?(counts.accounts, total)
            if let batchAccounts, batch.batchesCommitted > 0, !request.dryRun {
                try record.recordBatch(counts, since: batchStart, number: batch.batchesCommitted + 1, accounts: batchAccounts)
            }
            try record.recordEnd(counts, period: period)
            return BillRunResult(runID: request.dryRun ? nil : record.id, period: period, cycle: request.cycle, counts: counts,
                                 amount: Money(minorUnits: counts.amount, currency: currency), notBilled: notBilled,
                                 interrupted: interrupted)
        }
    }

    /// What billing one account came to.
    enum Outcome {
        case billed(volume: Volume, amount: Money, estimated: Int)
        case alreadyBilled
        case notBilled(NotBilledReason)
    }

    /// The conditions of the accounts to bill for a period: open, postpaid, charged, opened before
    /// the period's end, with a meter in `group` during the period when one is named; binds ?1 (the
    /// day after the period) and, with a group, ?2 (its id) and ?3 (the period's first day).
    private func conditions(group: MeterGroup?) -> String {
        // `+` keeps SQLite from reaching for the index by status (most accounts are open): pages
        // walk the accounts by number, each reading only its own rows.
        var sql = """
            +a.status = 'open' AND +a.business_mode = 'postpaid' AND t.charge = 1 AND a.opened_at < ?1
            """
        if group != nil {
            sql += """
                 AND EXISTS (SELECT 1 FROM account_meters am JOIN meters m ON m.id = am.meter_id
                             WHERE am.account_id = a.id AND m.group_id = ?2 AND am.installed_at < ?1
                               AND (am.removed_at IS NULL OR am.removed_at >= ?3))
                """
        }
        return sql
    }

    private func bindings(_ bounds: PeriodBounds, group: MeterGroup?) -> [SQLBindable] {
        group.map { [bounds.end, $0.id, bounds.first] } ?? [bounds.end]
    }

    /// How many accounts the run looks at (for progress).
    func candidateCount(_ bounds: PeriodBounds, group: MeterGroup?) throws -> Int {
        Int(try database.scalarInt("""
            SELECT count(*) FROM accounts a JOIN customer_types t ON t.id = a.customer_type_id WHERE \(conditions(group: group))
            """, bindings(bounds, group: group)) ?? 0)
    }

    /// The next `limit` accounts to bill after the number `after`, by number, with their holders'
    /// household sizes and addresses.
    func candidates(_ bounds: PeriodBounds, group: MeterGroup?, after: String, limit: Int) throws -> [BillableAccount] {
        let values = bindings(bounds, group: group)
        return try database.query("""
            SELECT \(AccountStore.columns), c.persons, c.address \(AccountStore.listJoins)
            WHERE \(conditions(group: group)) AND a.number > ?\(values.count + 1) ORDER BY a.number LIMIT ?\(values.count + 2)
            """, values + [after, limit]) { row in
            BillableAccount(account: try AccountStore.account(row), persons: row.optionalInt64(14).map(Int.init),
                            address: row.optionalText(15))
        }
    }

    /// Bills one account. An account not billed writes nothing: everything it needs is read and
    /// priced before the bill is written, and only when readings are estimated for it does it need
    /// a savepoint of its own (undone when it is not billed after all).
    private func billOne(_ candidate: BillableAccount, bounds: PeriodBounds, request: BillRunRequest, runID: Int64,
                         pricing: BillPricing, issue: BillIssue, audit: AuditTrail) throws -> Outcome {
        let account = candidate.account
        guard let tariff = try pricing.chargedTariff(ofCustomerType: account.customerTypeID),
              let span = BillPricing.span(of: bounds, openedAt: account.openedAt) else {
            preconditionFailure("account \(account.number) is no candidate for \(bounds.period)")
        }
        if let standing = try BillStore(database: database).standingBill(of: account.id, overlapping: bounds) {
            if standing.period == bounds.period.label { return .alreadyBilled }
            return .notBilled(.overlaps(number: standing.number, period: standing.period))
        }
        let meters = try pricing.meters(of: account.id, span: span, bounds: bounds)
        func priceAndIssue(estimated: Int) throws -> Outcome {
            switch try pricing.draft(for: candidate, tariffName: tariff, bounds: bounds, cycle: request.cycle, span: span,
                                     caliber: meters.caliber) {
            case .failure(let reason):
                throw reason
            case .success(let draft):
                try issue.issue(draft, runID: runID, audit: audit)
                return .billed(volume: draft.volume, amount: draft.total, estimated: estimated)
            }
        }
        do {
            guard !meters.withoutReading.isEmpty else { return try priceAndIssue(estimated: 0) }
            guard request.estimateMissing else { return .notBilled(.noReading(serials: meters.withoutReading)) }
            return try database.writeTransaction {
                let at = bounds.period.span.last.description + "T23:59:59Z"
                for serial in meters.withoutReading {
                    do {
                        _ = try ReadingEntry(database: database).estimate(serial: serial, at: at, audit: audit)
                    } catch let error as ReadingError {
                        throw NotBilledReason.notEstimated(serial: serial, reason: error.description)
                    }
                }
                return try priceAndIssue(estimated: meters.withoutReading.count)
            }
        } catch let reason as NotBilledReason {
            return .notBilled(reason)
        }
    }
}
