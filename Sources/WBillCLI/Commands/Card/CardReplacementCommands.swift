import WaterBilling
import WBillSupport

/// `wbill card replace|lost`: a card out of use, and the blank card issued in its place.
enum CardReplacementCommands {
    static let commands: [CommandSpec] = [
        CommandSpec(
            ["card", "replace"], summary: "issue a blank card in place of the account's active or lost card",
            discussion: """
                Writes a blank card on the reader for the account, as card open does, in place of its
                active card (marked replaced) or its lost one: a new card number, the replacement
                count of the cards issued before it, and the account's last purchase with its
                sequence (a purchase still pending is carried and confirmed). The meter takes that
                purchase once, from whichever card brings it first, and refuses the old card once
                it has seen the new one. The new card must be swiped at the meter before it is
                recharged (rule 9).
                """,
            options: [.value("meter", .text, placeholder: "SERIAL", help: "the meter the card is for, when the account has several")]
                + CardReaderOptions.rows,
            arguments: [ArgumentSpec("ACCOUNT", help: "the card-meter account")],
            requirements: Requirements(database: .writeManaged, cardReader: true),
            examples: ["wbill card replace AC00000042 --port /dev/ttyUSB0"], handler: replace),
        CommandSpec(
            ["card", "lost"], summary: "report the account's active card lost",
            discussion: """
                The card is out of use: a recharge refuses it. A replacement is issued on a blank
                card with card replace; it carries the account's last purchase, which the meter
                takes once whichever card brings it.
                """,
            arguments: [ArgumentSpec("ACCOUNT", help: "the card-meter account")],
            requirements: .writeDatabase,
            examples: ["wbill card lost AC00000042"], handler: lost),
    ]

    static func replace(_ context: CommandContext) throws -> CommandOutput {
        let card = try CardIssuer(database: context.database, context: context.auditContext)
            .open(accountNumber: context.arguments.requiredArgument("ACCOUNT"), meterSerial: context.arguments.value("meter"),
                  reader: context.cardReader, replacing: true)
        let carried = try CardPurchaseStore(database: context.database).last(of: card.accountID)
        if context.settings.format == .table {
            return .message("issued card \(card.number) for account \(card.accountNumber), meter \(card.meterSerial), replacement \(card.replacementCount), "
                            + "carrying purchase \(carried?.purchase.sequence ?? 0); swipe it at the meter before it is recharged")
        }
        var record = DataRecord()
        record.append("card_number", .integer(Int64(card.number)))
        record.append("account", .text(card.accountNumber))
        record.append("meter", .text(card.meterSerial))
        record.append("replacement_count", .integer(Int64(card.replacementCount)))
        record.append("purchase_sequence", .integer(Int64(carried?.purchase.sequence ?? 0)))
        record.append("state", .text(card.state.rawValue))
        return .record(record)
    }

    static func lost(_ context: CommandContext) throws -> CommandOutput {
        let card = try CardLoss(database: context.database, context: context.auditContext)
            .report(accountNumber: context.arguments.requiredArgument("ACCOUNT"))
        if context.settings.format == .table {
            return .message("card \(card.number) of account \(card.accountNumber) is lost; issue a replacement on a blank card")
        }
        var record = DataRecord()
        record.append("card_number", .integer(Int64(card.number)))
        record.append("account", .text(card.accountNumber))
        record.append("state", .text(card.state.rawValue))
        return .record(record)
    }
}
