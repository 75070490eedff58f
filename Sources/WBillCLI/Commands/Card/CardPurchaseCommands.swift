import WaterBilling
import WBillSupport

/// `wbill card recharge|recover`: purchases written to the account's card, journaled.
enum CardPurchaseCommands {
    static let commands: [CommandSpec] = [
        CommandSpec(
            ["card", "recharge"], summary: "buy water onto a card-meter account's card: priced, charged, written, confirmed",
            discussion: """
                Buys water onto the account's card on the reader, by an amount of money (--amount)
                or a volume (--volume), priced by the account's meter-prepaid tariff: tiers run over
                the account's purchases in the tariff's cycle (its year for annual tiers), and a
                purchase costs the price of the cycle's purchases with it minus the price without
                it, every line rounded once to the minor unit by the tariff's rule. An amount buys
                the largest volume in whole thousandths (rounded down) it pays for in full; that
                volume's price is charged and the rest, if any, is said to be unspent.

                The purchase is journaled as pending with its ledger entries — the money paid in (a
                recharge, whose number is the receipt) and spent on the water (a card-purchase), so
                the account's balance stays zero — written to the card (the purchase area, then its
                copy, each read back) and confirmed. The card
                must be the account's active card. A card that replaced another must be swiped at
                the meter before it is recharged (rule 9). If the write stops (the card pulled out,
                the reader silent, the command killed), the purchase stays pending: the next
                recharge with that card, or `wbill card recover`, finishes it with the same
                sequence — never a second purchase. With --ref a retry charges nothing and shows the
                first purchase.
                """,
            options: [
                .value("amount", .decimal, placeholder: "AMOUNT", help: "money to spend, e.g. 100.00 (more than zero); or --volume"),
                .value("volume", .decimal, placeholder: "VOLUME", help: "volume to buy, e.g. 10 or 2.5 (at most 3 decimals); or --amount"),
                AccountMoneyCommands.channelOption, AccountMoneyCommands.referenceOption,
            ] + CardReaderOptions.rows,
            arguments: [ArgumentSpec("ACCOUNT", help: "the card-meter account")],
            requirements: Requirements(database: .writeManaged, cardReader: true),
            examples: ["wbill card recharge AC00000042 --amount 100.00 --channel cash --ref R-0042",
                       "wbill card recharge AC00000042 --volume 20 --channel wechat"],
            handler: recharge),
        CommandSpec(
            ["card", "recover"], summary: "finish or roll back the pending purchase of the card on the reader",
            discussion: """
                A purchase whose writing stopped (a crash, the card pulled out, the reader lost) is
                pending: charged and journaled, perhaps on the card. With the card on the reader,
                recover confirms it when the card holds it, and otherwise writes the same purchase
                with the same sequence and confirms it. With --roll-back it instead takes the
                purchase back (reversals of its ledger entries) when the card does not hold it; a
                card that holds it is refused, as the meter would take it.
                """,
            options: [.flag("roll-back", help: "take the purchase back instead of finishing it (only when the card does not hold it)")]
                + CardReaderOptions.rows,
            arguments: [ArgumentSpec("ACCOUNT", optional: true, help: "the account the card must be for")],
            requirements: Requirements(database: .writeManaged, cardReader: true),
            examples: ["wbill card recover", "wbill card recover AC00000042 --roll-back"],
            handler: recover),
    ]

    static func recharge(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let amount = arguments.value("amount")
        let volume = arguments.value("volume")
        guard (amount == nil) != (volume == nil) else {
            throw context.usageError(amount == nil ? "say how much to buy: --amount AMOUNT or --volume VOLUME"
                                                   : "--amount and --volume cannot both be given: one says what the other costs")
        }
        let outcome = try CardRecharger(database: context.database, context: context.auditContext).recharge(
            CardRechargeRequest(accountNumber: arguments.requiredArgument("ACCOUNT"), amount: amount, volume: volume,
                                channel: arguments.requiredChoice("channel", as: PaymentChannel.self), reference: arguments.value("ref")),
            reader: context.cardReader, settledFirst: { context.warn(settledText($0)) })
        if outcome.isRetry {
            context.warn("reference '\(outcome.purchase.reference ?? "")' was already used by card purchase \(outcome.purchase.id) at "
                         + "\(outcome.purchase.startedAt); nothing new was charged or written, this is that purchase")
        }
        return purchaseOutput(outcome.purchase, unspent: outcome.isRetry ? nil : outcome.unspent, context: context)
    }

    static func recover(_ context: CommandContext) throws -> CommandOutput {
        let outcome = try CardRecovery(database: context.database, context: context.auditContext)
            .recover(accountNumber: context.arguments.argument("ACCOUNT"), rollBack: context.arguments.has("roll-back"), reader: context.cardReader)
        if context.settings.format == .table { return .message(settledText(outcome)) }
        return purchaseOutput(outcome.purchase, unspent: nil, context: context)
    }

    static func settledText(_ outcome: PendingPurchaseOutcome) -> String {
        let purchase = outcome.purchase
        let what = "pending purchase \(purchase.purchase.sequence) of card \(purchase.cardNumber) (\(purchase.purchase.volume), "
            + "\(purchase.amount) \(purchase.amount.currency.code))"
        switch outcome {
        case .confirmed: return "\(what): the card holds it; confirmed"
        case .finished: return "\(what): the card did not hold it; written again with the same sequence and confirmed"
        case .rolledBack(let purchase):
            return "\(what): the card does not hold it; rolled back"
                + (purchase.receiptReversalID.map { ", receipt \(purchase.receiptEntryID ?? 0) reversed by \($0)" } ?? "")
        }
    }

    static func purchaseOutput(_ purchase: CardPurchaseRecord, unspent: Money?, context: CommandContext) -> CommandOutput {
        let code = purchase.amount.currency.code
        var line = "card \(purchase.cardNumber)  account \(purchase.accountNumber)  purchase \(purchase.purchase.sequence)  "
            + "\(purchase.purchase.volume) for \(purchase.amount) \(code)  cumulative \(purchase.purchase.cumulative)  "
            + "receipt \(purchase.receiptEntryID.map(String.init) ?? "-")  \(purchase.state.rawValue)"
        if let unspent, !unspent.isZero { line += "  unspent \(unspent) \(code)" }
        var record = DataRecord()
        record.append("card_number", .integer(Int64(purchase.cardNumber)))
        record.append("account", .text(purchase.accountNumber))
        record.append("sequence", .integer(Int64(purchase.purchase.sequence)))
        record.append("volume", .decimal(purchase.purchase.volume.description))
        record.append("amount", .decimal(purchase.amount.description))
        record.append("currency", .text(code))
        record.append("cumulative", .decimal(purchase.purchase.cumulative.description))
        record.append("tariff", .text(purchase.tariff))
        record.append("channel", .text(purchase.channel.rawValue))
        record.append("reference", purchase.reference.map(Cell.text) ?? .null)
        record.append("receipt", purchase.receiptEntryID.map { .integer($0) } ?? .null)
        record.append("state", .text(purchase.state.rawValue))
        record.append("unspent", unspent.map { .decimal($0.description) } ?? .null)
        return .confirmation(line, record: record, context: context)
    }
}
