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
    /// re-run does again, and a short write waits at most one batch for the lock.
    public static let defaultBatchSize = 500

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
/// For each account, in account-number order, in a savepoint of its own (an account not billed
/// leaves nothing, its estimates neither):
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
            let candidates = try accounts(for: period, group: group)
            let pricing = BillPricing(database: database)
            let issue = BillIssue(database: database, options: options)
            var counts = BillRunCounts()
            var batchStart = counts
            var batchAccounts: ClosedRange<String>?
            var notBilled: [NotBilledAccount] = []
            for (index, candidate) in candidates.enumerated() {
                counts.accounts += 1
                let outcome = try billOne(candidate, period: period, request: request, runID: record.id, pricing: pricing,
                                          issue: issue, audit: audit)
                switch outcome {
                case .billed(let volume, let amount, let estimated):
                    counts.billed += 1
                    counts.volume += volume.litres
                    counts.amount += amount.minorUnits
                    counts.estimated += estimated
                case .alreadyBilled:
                    counts.alreadyBilled += 1
                case .notBilled(let reason):
                    counts.notBilled += 1
                    notBilled.append(NotBilledAccount(accountNumber: candidate.number, reason: reason))
                }
                batchAccounts = (batchAccounts?.lowerBound ?? candidate.number)...candidate.number
                if index % 100 == 0 { progress?(index, candidates.count) }
                if batch.rowDone() {
                    try record.recordBatch(counts, since: batchStart, number: batch.batchesCommitted + 1,
                                           accounts: batchAccounts ?? candidate.number...candidate.number)
                    try batch.commit()
                    batchStart = counts
                    batchAccounts = nil
                }
            }
            progress?(candidates.count, candidates.count)
            if let batchAccounts, batch.batchesCommitted > 0, !request.dryRun {
                try record.recordBatch(counts, since: batchStart, number: batch.batchesCommitted + 1, accounts: batchAccounts)
            }
            try record.recordEnd(counts, period: period)
            return BillRunResult(runID: request.dryRun ? nil : record.id, period: period, cycle: request.cycle, counts: counts,
                                 amount: Money(minorUnits: counts.amount, currency: currency), notBilled: notBilled,
                                 interrupted: interrupted)
        }
    }

    /// An account the run looks at.
    struct Candidate {
        let id: Int64
        let number: String
    }

    /// What billing one account came to.
    enum Outcome {
        case billed(volume: Volume, amount: Money, estimated: Int)
        case alreadyBilled
        case notBilled(NotBilledReason)
    }

    /// A reason to leave an account unbilled, thrown to roll its savepoint back.
    private struct NotBilled: Error {
        let reason: NotBilledReason
    }

    /// The accounts to bill for `period`, by number: open, postpaid, charged, opened before the
    /// period's end, with a meter in `group` during the period when one is named.
    func accounts(for period: CalendarPeriod, group: MeterGroup?) throws -> [Candidate] {
        let start = period.span.first.description
        let end = period.span.last.adding(days: 1).description
        var sql = """
            SELECT a.id, a.number FROM accounts a JOIN customer_types t ON t.id = a.customer_type_id
            WHERE a.status = 'open' AND a.business_mode = 'postpaid' AND t.charge = 1 AND a.opened_at < ?
            """
        var values: [SQLBindable] = [end]
        if let group {
            sql += """
                 AND EXISTS (SELECT 1 FROM account_meters am JOIN meters m ON m.id = am.meter_id
                             WHERE am.account_id = a.id AND m.group_id = ? AND am.installed_at < ?
                               AND (am.removed_at IS NULL OR am.removed_at >= ?))
                """
            values += [group.id, end, start]
        }
        sql += " ORDER BY a.number"
        return try database.query(sql, values) { Candidate(id: $0.int64(0), number: $0.text(1)) }
    }

    /// Bills one account in a savepoint of its own.
    private func billOne(_ candidate: Candidate, period: CalendarPeriod, request: BillRunRequest, runID: Int64,
                         pricing: BillPricing, issue: BillIssue, audit: AuditTrail) throws -> Outcome {
        do {
            return try database.writeTransaction {
                let account = try AccountStore(database: database).find(id: candidate.id)
                guard let tariff = try pricing.chargedTariff(ofCustomerType: account.customerTypeID),
                      let span = BillPricing.span(of: period, openedAt: account.openedAt) else {
                    preconditionFailure("account \(account.number) is no candidate for \(period)")
                }
                if let standing = try BillStore(database: database).standingBill(of: account.id, overlapping: period.span) {
                    if standing.period == period.label { return .alreadyBilled }
                    throw NotBilled(reason: .overlaps(number: standing.number, period: standing.period))
                }
                var estimated = 0
                let missing = try pricing.metersWithoutReading(of: account.id, in: period)
                if !missing.isEmpty {
                    guard request.estimateMissing else { throw NotBilled(reason: .noReading(serials: missing)) }
                    let at = period.span.last.description + "T23:59:59Z"
                    for serial in missing {
                        do {
                            _ = try ReadingEntry(database: database).estimate(serial: serial, at: at, audit: audit)
                            estimated += 1
                        } catch let error as ReadingError {
                            throw NotBilled(reason: .notEstimated(serial: serial, reason: error.description))
                        }
                    }
                }
                switch try pricing.draft(for: account, tariffName: tariff, period: period, cycle: request.cycle, span: span) {
                case .failure(let reason):
                    throw NotBilled(reason: reason)
                case .success(let draft):
                    try issue.issue(draft, runID: runID, audit: audit)
                    return .billed(volume: draft.volume, amount: draft.total, estimated: estimated)
                }
            }
        } catch let error as NotBilled {
            return .notBilled(error.reason)
        }
    }
}
