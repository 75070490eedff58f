import WaterBilling
import WBillSupport

/// `wbill card recharge|refund|recover`: purchases (and refunds) written to the account's card, journaled.
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
            ["card", "refund"], summary: "pay back credit still on the card that the meter has not taken",
            discussion: """
                Only the purchase the card carries, and only while the meter has not taken it (the
                card's write-back area shows the last purchase the meter took), can be refunded:
                credit in the meter is not on the card. --volume takes that much off the card;
                --amount takes off the largest volume, in whole thousandths, whose money is at most
                the amount. The money is what that last volume of the tariff cycle's purchases was
                worth: the price of the cycle's purchases less the price without it, every line
                rounded once by the tariff's rule, so a purchase refunded whole pays back what it
                cost.

                The refund is journaled as pending with its ledger entries (the water's money
                returned as a card-purchase, paid out as a refund, whose number is the receipt),
                the card's purchase area and its copy are rewritten with the same sequence and the
                volume less, read back, and the refund confirmed. A write that stops leaves it
                pending, settled as a recharge's is (`wbill card recover`).
                """,
            options: [
                .value("amount", .decimal, placeholder: "AMOUNT", help: "money to pay back, e.g. 20.00 (more than zero); or --volume"),
                .value("volume", .decimal, placeholder: "VOLUME", help: "volume to take off the card, e.g. 2.5 (at most 3 decimals); or --amount"),
                AccountMoneyCommands.channelOption, AccountMoneyCommands.referenceOption,
            ] + CardReaderOptions.rows,
            arguments: [ArgumentSpec("ACCOUNT", help: "the card-meter account")],
            requirements: Requirements(database: .writeManaged, cardReader: true),
            examples: ["wbill card refund AC00000042 --volume 2.5 --channel cash --ref RF-0007"],
            handler: refund),
        CommandSpec(
            ["card", "recover"], summary: "finish or roll back the pending purchase of the card on the reader",
            discussion: """
                A purchase (or refund) whose writing stopped (a crash, the card pulled out, the
                reader lost) is pending: charged and journaled, perhaps on the card. With the card
                on the reader, recover confirms it when the card holds it, and otherwise writes the
                same purchase with the same sequence and confirms it. With --roll-back it instead takes the
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
        let request = try moneyRequest(context, missing: "say how much to buy: --amount AMOUNT or --volume VOLUME",
                                       both: "--amount and --volume cannot both be given: one says what the other costs")
        let outcome = try CardRecharger(database: context.database, context: context.auditContext).recharge(
            request, reader: context.cardReader, settledFirst: { context.warn(settledText($0)) })
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
        switch outcome {
        case .purchase(let purchase): return purchaseOutput(purchase.purchase, unspent: nil, context: context)
        case .refund(let refund): return refundOutput(refund.refund, carried: nil, context: context)
        }
    }

    static func refund(_ context: CommandContext) throws -> CommandOutput {
        let request = try moneyRequest(context, missing: "say how much to refund: --amount AMOUNT or --volume VOLUME",
                                       both: "--amount and --volume cannot both be given: one says what the other is worth")
        let outcome = try CardRefunder(database: context.database, context: context.auditContext).refund(
            request, reader: context.cardReader, settledFirst: { context.warn(settledText($0)) })
        if outcome.isRetry {
            context.warn("reference '\(outcome.refund.reference ?? "")' was already used by card refund \(outcome.refund.id) at "
                         + "\(outcome.refund.startedAt); nothing new was paid back or written, this is that refund")
        }
        return refundOutput(outcome.refund, carried: outcome.carried, context: context)
    }

    /// ACCOUNT, exactly one of --amount and --volume (usage errors `missing` and `both` otherwise),
    /// --channel and --ref, as recharge and refund take them.
    static func moneyRequest(_ context: CommandContext, missing: String, both: String) throws -> CardMoneyRequest {
        let arguments = context.arguments
        let amount = arguments.value("amount")
        let volume = arguments.value("volume")
        guard (amount == nil) != (volume == nil) else { throw context.usageError(amount == nil ? missing : both) }
        return CardMoneyRequest(accountNumber: arguments.requiredArgument("ACCOUNT"), amount: amount, volume: volume,
                                channel: arguments.requiredChoice("channel", as: PaymentChannel.self), reference: arguments.value("ref"))
    }

    static func refundOutput(_ refund: CardRefundRecord, carried: CardPurchase?, context: CommandContext) -> CommandOutput {
        let code = refund.amount.currency.code
        var line = "card \(refund.cardNumber)  account \(refund.accountNumber)  purchase \(refund.sequence)  \(refund.volume) refunded for "
            + "\(refund.amount) \(code)"
        if let carried { line += "  now carries \(carried.volume)" }
        line += "  receipt \(refund.refundEntryID.map(String.init) ?? "-")  \(refund.state.rawValue)"
        var record = DataRecord()
        record.append("card_number", .integer(Int64(refund.cardNumber)))
        record.append("account", .text(refund.accountNumber))
        record.append("sequence", .integer(Int64(refund.sequence)))
        record.append("volume", .decimal(refund.volume.description))
        record.append("amount", .decimal(refund.amount.description))
        record.append("currency", .text(code))
        record.append("carried", carried.map { .decimal($0.volume.description) } ?? .null)
        record.append("channel", .text(refund.channel.rawValue))
        record.append("reference", refund.reference.map(Cell.text) ?? .null)
        record.append("receipt", refund.refundEntryID.map { .integer($0) } ?? .null)
        record.append("state", .text(refund.state.rawValue))
        return .confirmation(line, record: record, context: context)
    }

    static func settledText(_ outcome: SettledCardWrite) -> String {
        switch outcome {
        case .purchase(let purchase): return settledText(purchase)
        case .refund(let refund):
            let what = "pending refund of \(refund.refund.volume) from purchase \(refund.refund.sequence) of card \(refund.refund.cardNumber) "
                + "(\(refund.refund.amount) \(refund.refund.amount.currency.code))"
            switch refund {
            case .confirmed: return "\(what): the card holds it; confirmed"
            case .finished: return "\(what): the card did not hold it; written again and confirmed"
            case .rolledBack: return "\(what): the card does not hold it; rolled back"
            }
        }
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
