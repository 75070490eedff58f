import WaterBilling
import WBillSupport

/// `wbill account recharge|refund|adjust`: money in, money out, corrections — one receipt each.
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
        return receipt(outcome.entry, context: context)
    }

    /// A receipt a cashier can keep: one line for people, a record for scripts.
    static func receipt(_ entry: LedgerEntry, context: CommandContext) -> CommandOutput {
        let code = entry.amount.currency.code
        var line = "receipt \(entry.id)  \(entry.at)  account \(entry.accountNumber)  \(entry.kind.rawValue) \(entry.amount) \(code)"
        line += "  balance \(entry.balanceAfter) \(code)"
        if let channel = entry.channel { line += "  channel \(channel.rawValue)" }
        line += "  ref \(entry.reference ?? "-")  operator \(entry.operatorName)"
        if let reason = entry.reason { line += "  reason \(shellQuoted(reason))" }
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
        return .confirmation(line, record: record, context: context)
    }
}
