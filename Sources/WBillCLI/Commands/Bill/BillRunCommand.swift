import WaterBilling
import WBillSupport

/// `wbill bill run`: the period's bills for every charged postpaid account, from cron or by hand.
enum BillRunCommand {
    static let pricingRules = """
        What a bill prices: the account's consumption records not billed yet whose span ends by the
        period's last day (every meter of the account together, so the tiers apply to the
        account; a reading entered late, or the correction of an estimate billed before, comes in
        with the next bill). Over which days: the period's, from the day the account was opened
        when that was later; tier thresholds and fixed charges follow those days as in tariff
        quote --from --to. Household size: the holder's. Caliber: the largest of the meters the
        account had during those days. The lines are exactly what tariff quote prints for the same
        tariff, volume, days, --persons and --caliber.

        Sewage: where a tariff component is charged on the sewage basis (basis = "sewage") and the
        account has a sewage basis (wbill account sewage-basis set, or a winter average from
        wbill account sewage-basis update), the sewage volume charged is the basis, a volume per
        month, times the months the days billed are worth (a whole calendar month is exactly one),
        rounded half-up to a thousandth; it is shown on the bill. Without a basis the component
        charges its share of the water.

        Which accounts: every open postpaid account whose customer type charges, opened by the
        period's last day (with --group, those with a meter of that reading route during the
        period). Every meter on the account at the period's end needs a reading dated in the
        period (a meter put on by an exchange needs one after its initial reading); an account
        without is not billed, unless --estimate-missing is given: the missing reading is then
        estimated at 23:59:59 on the period's last day, as wbill reading estimate does, and the
        next real reading corrects it. An account is not billed either when its consumption not
        billed yet adds up below zero, when its tariff does not price the days, or when a bill of
        another period covers some of them.
        """

    static let command = CommandSpec(
        ["bill", "run"], summary: "bill a period: one bill per charged postpaid account, resumable, for cron",
        discussion: """
            Issues one bill per account for the period (see PRICING A BILL in wbill-bill(1)), each
            with its bill-charge ledger entry and its audit entry. PERIOD is a month (2026-10,
            last-month), a quarter (2026-Q4, last-quarter) or a day (2026-10-05, yesterday); the
            run's cycle is the period's (monthly, quarterly, daily), and --cycle, when given, must
            agree. Nothing is billed for a period that is not over.

            Safe to repeat: an account that has a bill for the period is counted as already billed,
            and a second run of the same period creates nothing and says so. The run commits every
            --batch-size accounts (5000 by default), each bill whole: a crash or kill -9 leaves whole
            bills of whole batches, and running the same command again bills the rest. One bill run
            at a time: a lock file beside the database (DATABASE.bill-run.lock) is held for the
            whole run and dropped by the system however the run ends, so a killed run never blocks
            the next; a run started while another holds it stops with exit 75.

            Prints a summary as data (accounts, bills, already billed, not billed, estimated,
            volume, amount) and the accounts not billed with why; on a terminal a progress line
            shows on stderr. The exit status is 1 when any account was not billed (the others are
            billed and committed), and they are listed on stderr too; 0 otherwise. --dry-run does
            the whole run and then rolls it back.
            """,
        options: [
            PeriodOption.row(help: "the period to bill: 2026-10, 2026-Q4, 2026-10-05, last-month, last-quarter, yesterday", required: true),
            .value("cycle", .choice(BillingCycle.allCases.map(\.rawValue)), placeholder: "CYCLE",
                   help: "daily, monthly or quarterly: must be the period's (checked)"),
            .value("group", .text, placeholder: "GROUP", help: "only accounts with a meter in this meter group (reading route)"),
            .flag("estimate-missing", help: "estimate a reading missing at the period's end instead of leaving the account unbilled"),
            .flag("dry-run", help: "do the whole run, then roll it back: nothing is written"),
            .value("batch-size", .integer, placeholder: "N", help: "commit every N accounts (default 5000)"),
        ],
        requirements: Requirements(database: .writeManaged), listOutput: true,
        examples: ["wbill bill run --period last-month", "wbill bill run --period 2026-10 --group 'Route 1' --estimate-missing",
                   "wbill bill run --period 2026-Q4 --cycle quarterly --dry-run --format json"],
        handler: run)

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let lengths = BillingCycle.allCases.map(\.periodLength)
        guard let period = try PeriodOption.period(context, lengths: lengths), let cycle = BillingCycle(periodLength: period.length) else {
            preconditionFailure("--period is required and a bill run takes only billing cycles' lengths")
        }
        if let asked = arguments.choice("cycle", as: BillingCycle.self), asked != cycle {
            throw context.usageError("--period \(period.label) is a \(period.length.rawValue), not a \(asked.periodLength.rawValue): "
                                     + "a \(asked.rawValue) run takes a period such as \(asked.periodLength.pattern) or \(asked.periodLength.relativeWords.last)")
        }
        var request = BillRunRequest(period: period, cycle: cycle, group: arguments.value("group"),
                                     estimateMissing: arguments.has("estimate-missing"), dryRun: arguments.has("dry-run"))
        if let size = arguments.integer("batch-size") {
            guard size >= 1 else { throw context.invalidValue(String(size), for: "batch-size", expected: "1 or more") }
            request.batchSize = size
        }
        let progress = ProgressBar(streams: context.streams, label: "billing \(period.label)", totalBytes: nil,
                                   quiet: context.settings.quiet, environment: context.environment, unit: "accounts")
        let result: BillRunResult
        do {
            result = try BillRun(database: context.database).run(request, audit: context.audit, today: context.settings.now.date) { done, total in
                progress.update(rows: done, of: total)
            }
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()
        for id in result.interrupted {
            context.warn("bill run \(id) had stopped before its end (killed or crashed); marked interrupted. This run bills what it left")
        }
        if result.counts.billed == 0 && result.counts.alreadyBilled > 0 && result.notBilled.isEmpty && !request.dryRun {
            context.warn("nothing new to bill: all \(result.counts.alreadyBilled) account(s) have their bill for \(period.label) already")
        }
        let document = try summary(result, dryRun: request.dryRun, unit: try context.volumeUnit())
        guard result.notBilled.isEmpty else {
            return .failed(.document(document), BillError.accountsNotBilled(period: period.label, notBilled: result.notBilled,
                                                                           billed: result.counts.billed))
        }
        return .document(document)
    }

    /// The run as data: the counts, then the accounts not billed with why.
    static func summary(_ result: BillRunResult, dryRun: Bool, unit: VolumeUnit) throws -> DataDocument {
        var record = DataRecord()
        record.append("run", result.runID.map(Cell.integer) ?? .null)
        record.append("period", .text(result.period.label))
        record.append("cycle", .text(result.cycle.rawValue))
        record.append("from", .text(result.period.span.first.description))
        record.append("to", .text(result.period.span.last.description))
        record.append("accounts", .integer(Int64(result.counts.accounts)))
        record.append(dryRun ? "would_bill" : "billed", .integer(Int64(result.counts.billed)))
        record.append("already_billed", .integer(Int64(result.counts.alreadyBilled)))
        record.append("not_billed", .integer(Int64(result.counts.notBilled)))
        record.append(dryRun ? "would_estimate" : "estimated", .integer(Int64(result.counts.estimated)))
        record.append("volume", .decimal(Volume(litres: result.counts.volume).description), title: VolumeLabels.header("VOLUME", unit))
        record.append("amount", .decimal(result.amount.description))
        record.append("currency", .text(result.amount.currency.code))
        var notBilled = DataTable(columns: [Column("account"), Column("reason")])
        for account in result.notBilled {
            notBilled.append([.text(account.accountNumber), .text(account.reason.description)])
        }
        return DataDocument(record: record, sections: [DataDocument.Section(key: "accounts_not_billed", title: "Not billed", table: notBilled)])
    }
}
