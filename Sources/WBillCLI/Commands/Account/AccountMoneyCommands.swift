import WaterBilling
import WBillSupport

/// `wbill account recharge|refund|adjust|pay`: money in, money out, corrections, payments of
/// postpaid bills — one receipt each.
enum AccountMoneyCommands {
    static let channelOption = OptionSpec.value(
        "channel", .choice(PaymentChannel.allCases.map(\.rawValue)), placeholder: "CHANNEL", required: true,
        help: "how the money moves, one the customer type accepts: " + PaymentChannel.allCases.map(\.rawValue).joined(separator: ", "))
    static let referenceOption = OptionSpec.value(
        "ref", .text, placeholder: "REF",
        help: "a receipt or payment-gateway id: a retry with the same REF writes nothing and prints the original receipt")
    static let account = ArgumentSpec("ACCOUNT", help: "the account number")

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["account", "recharge"], summary: "pay money in to an account's balance",
            discussion: """
                The amount is exact, in the utility's currency, with at most its decimals. On a
                postpaid account a recharge is money paid in advance, which later bills draw on.
                Card-meter accounts are recharged through their IC card, not with this command.
                """,
            options: [.value("amount", .decimal, placeholder: "AMOUNT", required: true, help: "how much, e.g. 100.00 (more than zero)"),
                      channelOption, referenceOption],
            arguments: [account], requirements: .writeDatabase,
            examples: ["wbill account recharge AC00000002 --amount 100.00 --channel wechat --ref WX20261123001"],
            handler: { try perform(.recharge, $0) }),
        CommandSpec(
            ["account", "refund"], summary: "pay money back out of an account's balance, never more than the balance",
            options: [.value("amount", .decimal, placeholder: "AMOUNT", required: true, help: "how much, e.g. 50.00 (more than zero)"),
                      channelOption, referenceOption],
            arguments: [account], requirements: .writeDatabase,
            examples: ["wbill account refund AC00000002 --amount 50.00 --channel cash --ref R-0042"],
            handler: { try perform(.refund, $0) }),
        CommandSpec(
            ["account", "adjust"], summary: "correct an account's balance with a signed adjustment and a reason",
            discussion: "A positive amount credits the account, a negative one debits it. The entry is recorded as an adjustment with its reason.",
            options: [.value("amount", .decimal, placeholder: "AMOUNT", required: true, help: "signed, e.g. -12.50 or 3.00 (not zero)"),
                      .value("reason", .text, placeholder: "TEXT", required: true, help: "why (kept with the entry)"),
                      referenceOption],
            arguments: [account], requirements: .writeDatabase,
            examples: ["wbill account adjust AC00000002 --amount -20.00 --reason 'recharge of 2026-11-20 entered twice'"],
            handler: { try perform(.adjust, $0) }),
        CommandSpec(
            ["account", "pay"], summary: "pay a postpaid account's bills: the oldest open bills first, the rest kept as credit",
            discussion: """
                The payment is one ledger entry of kind payment. It is put on the account's open and
                partly paid bills, the oldest first (by due date, then number), each up to what it
                still owes; what is left is credit that the next bill issued takes. Late fees and other
                debts that are not bills are covered first. A cancelled bill's payments become credit
                again and go to the other open bills (or the rebill). The receipt lists each bill paid.
                """,
            options: [.value("amount", .decimal, placeholder: "AMOUNT", required: true, help: "how much, e.g. 120.00 (more than zero)"),
                      channelOption, referenceOption],
            arguments: [account], requirements: .writeDatabase,
            examples: ["wbill account pay AC00000001 --amount 120.00 --channel cash --ref R-2026-1201-07"],
            handler: { try perform(.pay, $0) }),
    ]

    static func perform(_ action: CashierAction, _ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let request = MoneyRequest(
            action: action, accountNumber: arguments.requiredArgument("ACCOUNT"), amount: arguments.required("amount"),
            // Recharges and refunds name a channel; an adjustment moves no money, so it names a reason.
            channel: action == .adjust ? nil : arguments.requiredChoice("channel", as: PaymentChannel.self),
            reference: arguments.value("ref"), reason: action == .adjust ? arguments.required("reason") : nil)
        let outcome = try Cashier(database: context.database).perform(request, audit: context.audit)
        if outcome.isRetry {
            context.warn("reference '\(outcome.entry.reference ?? "")' was already recorded as receipt \(outcome.entry.id) at \(outcome.entry.at); nothing was written, this is the original receipt")
        }
        guard action == .pay else { return receipt(outcome.entry, context: context) }
        return paymentReceipt(outcome, context: context)
    }

    /// A payment's receipt, then each bill it paid: lines for people, a document for scripts.
    static func paymentReceipt(_ outcome: MoneyOutcome, context: CommandContext) -> CommandOutput {
        let entry = outcome.entry
        if context.settings.format == .table {
            var text = receiptLine(entry) + "\n"
            for allocation in outcome.allocations {
                text += "  bill \(allocation.billNumber)  \(allocation.amount)  now \(allocation.statusAfter.rawValue)"
                    + "  outstanding \(allocation.outstandingAfter)\n"
            }
            return .text(text)
        }
        var bills = DataTable(columns: [Column("bill"), Column("amount"), Column("paid"), Column("outstanding"), Column("status")])
        for allocation in outcome.allocations {
            bills.append([.text(allocation.billNumber), .decimal(allocation.amount.description), .decimal(allocation.paidAfter.description),
                          .decimal(allocation.outstandingAfter.description), .text(allocation.statusAfter.rawValue)])
        }
        return .document(DataDocument(record: receiptRecord(entry), sections: [DataDocument.Section(key: "bills", title: "bills paid", table: bills)]))
    }

    /// A receipt a cashier can keep: one line for people, a record for scripts.
    static func receipt(_ entry: LedgerEntry, context: CommandContext) -> CommandOutput {
        .confirmation(receiptLine(entry), record: receiptRecord(entry), context: context)
    }

    /// The receipt in one line.
    static func receiptLine(_ entry: LedgerEntry) -> String {
        let code = entry.amount.currency.code
        var line = "receipt \(entry.id)  \(entry.at)  account \(entry.accountNumber)  \(entry.kind.rawValue) \(entry.amount) \(code)"
        line += "  balance \(entry.balanceAfter) \(code)"
        if let channel = entry.channel { line += "  channel \(channel.rawValue)" }
        line += "  ref \(entry.reference ?? "-")  operator \(entry.operatorName)"
        if let reason = entry.reason { line += "  reason \(shellQuoted(reason))" }
        return line
    }

    /// The receipt as a record.
    static func receiptRecord(_ entry: LedgerEntry) -> DataRecord {
        let code = entry.amount.currency.code
        var record = DataRecord()
        record.append("receipt", .integer(entry.id))
        record.append("at", .text(entry.at))
        record.append("account", .text(entry.accountNumber))
        record.append("kind", .text(entry.kind.rawValue))
        record.append("amount", .decimal(entry.amount.description))
        record.append("balance_after", .decimal(entry.balanceAfter.description))
        record.append("currency", .text(code))
        record.append("channel", entry.channel.map { .text($0.rawValue) } ?? .null)
        record.append("reference", entry.reference.map(Cell.text) ?? .null)
        record.append("reason", entry.reason.map(Cell.text) ?? .null)
        record.append("operator", .text(entry.operatorName))
        return record
    }
}
