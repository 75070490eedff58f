import WaterBilling
import WBillSupport

/// `wbill bill …`: postpaid bills — the bill run, list, show, print, cancel, rebill, and options.
enum BillCommands {
    static let groups = [
        GroupSpec(["bill"], summary: "postpaid bills: the bill run, list, show, print, cancel, rebill and late fees",
                  discussion: """
                    A bill charges a postpaid account for a period (a day, a month or a quarter) the
                    consumption its readings yielded and not billed before, priced by the tariff of
                    its customer type exactly as tariff quote prices it: its lines (component, tier,
                    sub-period, fixed charges, tax) are the quote's for the same tariff, volume,
                    days, household size and caliber. A bill has a number (the series' prefix and 8
                    digits, without gaps), the account and its holder's name and address, the period
                    and the days billed, the readings it rests on, its lines and total, an issue date
                    and a due date (the payment terms after it), and a status: open, partly-paid,
                    paid, or cancelled. Its total is one ledger entry of kind bill-charge on the
                    account, so a balance is still the sum of the ledger.

                    Nothing in a bill is edited: a wrong one is cancelled (its charge reversed by a
                    reversal entry, its consumption billed again by the next bill) or rebilled
                    (cancelled and priced again, linked to the bill it replaces). A reading a
                    standing bill rests on cannot be voided until the bill is cancelled. bill show
                    and bill print render the stored bill, the same way every time.

                    account pay puts a payment on the account's open bills, the oldest first; what
                    is left is credit that the next bill issued takes. A cancelled bill's payments
                    are credit again, put on the other open bills or the rebill. bill late-fees
                    charges overdue bills a daily rate (bill option set --late-fee), once per day.
                    """,
                  manualSections: [("PRICING A BILL", BillRunCommand.pricingRules)]),
        GroupSpec(["bill", "option"], summary: "bill options: the number prefix, the payment terms and late fees",
                  discussion: """
                    Bill numbers are the prefix (B unless set) and 8 digits, numbered from 1 in each
                    prefix's series without gaps; a new prefix starts a series of its own, and going
                    back to an old one goes on where it stopped. The due date is the issue date plus
                    the payment terms (15 days unless set). Late fees (none unless set) are a rate
                    per mille a day of what a bill still owes, for each day after its due date and
                    the grace days (0 unless set), charged by bill late-fees.
                    """),
    ]

    static let numberArgument = ArgumentSpec("NUMBER", help: "the bill's number, e.g. B00000001")

    static let commands: [CommandSpec] = [
        BillRunCommand.command,
        CommandSpec(
            ["bill", "list"], summary: "list bills in the order issued, filtered and paged",
            options: [
                .value("account", .text, placeholder: "ACCOUNT", help: "only this account's bills"),
                PeriodOption.row(help: "only bills for this period (2026-10, 2026-Q4, last-month …)"),
                .value("status", .choice(BillStatus.allCases.map(\.rawValue)), placeholder: "STATUS",
                       help: "only bills open, partly-paid, paid or cancelled"),
                .value("run", .integer, placeholder: "N", help: "only bills issued by bill run N"),
            ] + Paging.rows(limit: "at most N bills"),
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill bill list --period last-month --format csv", "wbill bill list --account AC00000001",
                       "wbill bill list --status open --limit 50"],
            handler: list),
        CommandSpec(
            ["bill", "show"], summary: "show a bill: as issued, its readings and lines, and its status and payments now",
            arguments: [numberArgument], requirements: .readDatabase, listOutput: true,
            examples: ["wbill bill show B00000001", "wbill bill show B00000001 --format json"],
            handler: show),
        BillPrintCommand.command,
        BillLateFeesCommand.command,
        CommandSpec(
            ["bill", "cancel"], summary: "cancel a bill: its charge reversed, its consumption billed again later",
            discussion: """
                The bill is marked cancelled with who, when and why (nothing else of it changes); its
                bill-charge is reversed by a reversal entry in the ledger, and the consumption it
                rested on goes back to what is not billed, for the next bill or a rebill (bill rebill
                NUMBER prices it again for the same period). A cancelled bill stays, and prints as it
                was issued.
                """,
            options: [.value("reason", .text, placeholder: "TEXT", required: true, help: "why (1 to 200 characters)")],
            arguments: [numberArgument], requirements: .writeDatabase,
            examples: ["wbill bill cancel B00000012 --reason 'misread meter'"],
            handler: cancel),
        CommandSpec(
            ["bill", "rebill"], summary: "cancel a bill and price its account again for the same period, linked to it",
            discussion: """
                Cancels the bill (unless it was cancelled before and not rebilled yet) and issues a
                new one for the same account, period and days, priced from the consumption not billed
                now: the cancelled bill's, with any correction since (a voided or added reading). The
                new bill has a new number and records the bill it replaces. Refused, and nothing is
                written, when the account cannot be billed for the period (a meter without a reading
                in it, a tariff that does not price it).
                """,
            options: [.value("reason", .text, placeholder: "TEXT", required: true, help: "why (1 to 200 characters)")],
            arguments: [numberArgument], requirements: .writeDatabase,
            examples: ["wbill bill rebill B00000012 --reason 'corrected reading'"],
            handler: rebill),
        CommandSpec(["bill", "option", "list"], summary: "show the bill number prefix, the payment terms and the late fee options",
                    requirements: .readDatabase, listOutput: true, handler: options),
        CommandSpec(
            ["bill", "option", "set"], summary: "set the bill number prefix, the payment terms or the late fee options",
            discussion: """
                The prefix is 1 to 10 letters, digits, '-' or '_' (stored in capitals); the terms are
                whole days from 0 to 365 between a bill's issue date and its due date. Bills issued
                before keep their numbers and due dates. The late fee rate is per mille a day of what
                a bill still owes (0 to 10, at most 3 decimals; 0 charges none); the grace days (0 to
                365) pass after the due date before late fees start. The next bill late-fees run
                uses the options then set.
                """,
            options: [
                .value("number-prefix", .text, placeholder: "PREFIX", help: "the prefix of new bill numbers"),
                .value("due-days", .integer, placeholder: "DAYS", help: "days from issue to due date"),
                .value("late-fee", .decimal, placeholder: "PER_MILLE", help: "late fee per mille a day, e.g. 0.5 (0.05 % a day)"),
                .value("grace-days", .integer, placeholder: "DAYS", help: "days after the due date before late fees start"),
            ],
            requirements: .writeDatabase,
            examples: ["wbill bill option set --number-prefix W2027 --due-days 20", "wbill bill option set --late-fee 0.5 --grace-days 10"],
            handler: setOptions),
    ]

    static func list(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let paging = try Paging(context)
        let filter = BillFilter(accountNumber: arguments.value("account"), period: try PeriodOption.period(context)?.label,
                                status: arguments.choice("status", as: BillStatus.self), runID: arguments.integer("run").map(Int64.init),
                                limit: paging.limit, offset: paging.offset)
        var table = DataTable(columns: BillViews.listColumns(try context.volumeUnit()))
        for bill in try BillStore(database: context.database).list(filter) {
            table.append(BillViews.listRow(bill))
        }
        return .table(table)
    }

    static func show(_ context: CommandContext) throws -> CommandOutput {
        let details = try BillStore(database: context.database).details(context.arguments.requiredArgument("NUMBER"))
        return .document(BillViews.shown(details, unit: try context.volumeUnit()))
    }

    static func cancel(_ context: CommandContext) throws -> CommandOutput {
        let bill = try BillCorrection(database: context.database).cancel(context.arguments.requiredArgument("NUMBER"),
                                                                          reason: context.arguments.required("reason"),
                                                                          audit: context.audit)
        var record = DataRecord()
        record.append("bill", .text(bill.number))
        record.append("account", .text(bill.accountNumber))
        record.append("status", .text(bill.status.rawValue))
        record.append("reversed", .decimal(bill.total.description))
        record.append("currency", .text(bill.total.currency.code))
        return .confirmation("cancelled bill \(bill.number) of account \(bill.accountNumber) for \(bill.period); "
                             + "\(bill.total.formatted(withCode: true)) reversed", record: record, context: context)
    }

    static func rebill(_ context: CommandContext) throws -> CommandOutput {
        let (old, new) = try BillCorrection(database: context.database).rebill(context.arguments.requiredArgument("NUMBER"),
                                                                              reason: context.arguments.required("reason"),
                                                                              audit: context.audit)
        var record = DataRecord()
        record.append("cancelled", .text(old.number))
        record.append("bill", .text(new.number))
        record.append("account", .text(new.accountNumber))
        record.append("period", .text(new.period))
        record.append("total", .decimal(new.total.description))
        record.append("was", .decimal(old.total.description))
        record.append("currency", .text(new.total.currency.code))
        record.append("due", .text(new.dueDate.description))
        return .confirmation("bill \(new.number) replaces \(old.number) for account \(new.accountNumber), \(new.period): "
                             + "\(new.total.formatted(withCode: true)) (was \(old.total.formatted(withCode: true))), due \(new.dueDate)",
                             record: record, context: context)
    }

    static func options(_ context: CommandContext) throws -> CommandOutput {
        .record(optionsRecord(try BillOptions.current(in: context.database)))
    }

    static func setOptions(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        guard ["number-prefix", "due-days", "late-fee", "grace-days"].contains(where: arguments.has) else {
            throw context.usageError("nothing to change: give --number-prefix PREFIX, --due-days DAYS, --late-fee PER_MILLE or --grace-days DAYS")
        }
        let options = try BillOptions.set(prefix: arguments.value("number-prefix"), dueDays: arguments.value("due-days"),
                                          lateFeePerMille: arguments.value("late-fee"), graceDays: arguments.value("grace-days"),
                                          in: context.database, audit: context.audit)
        return .record(optionsRecord(options))
    }

    private static func optionsRecord(_ options: BillOptions) -> DataRecord {
        var record = DataRecord()
        record.append("number_prefix", .text(options.numberPrefix))
        record.append("due_days", .integer(Int64(options.dueDays)))
        record.append("late_fee_per_mille", .decimal(options.lateFeePerMille.description))
        record.append("grace_days", .integer(Int64(options.graceDays)))
        return record
    }
}
