import WaterBilling
import WBillSupport

/// `wbill card readers|status|read`: the IC card reader and the card on it.
enum CardCommands {
    static let groups = [
        GroupSpec(["card"], summary: "IC cards of card-meter accounts, on a serial card reader",
                  discussion: """
                    Card-meter (meter-prepaid) accounts buy water onto an IC card: the counter writes
                    the purchase to the card, the customer inserts it into the meter, and the meter
                    takes the purchase once, when its sequence is the next one, and writes its own
                    state back to the card. The cards are SLE4442-class memory cards (256 bytes, a
                    3-byte security code, 3 tries), on a serial reader of the ACR30 family.

                    The card commands talk to the reader on the serial port given by --port or
                    WBILL_CARD_PORT, at --speed or WBILL_CARD_SPEED (9600 by default), 8 data bits,
                    no parity, one stop bit. A command holds the port alone while it runs: a second
                    card command on the same port is told the port is busy (exit 75). A reader that
                    does not answer within 2 s, a reply that does not decode, or a line that hangs up
                    is reported (exit 69), never waited on without end.

                    Reading a card presents no security code. Writing one presents the card's own
                    code, derived from the utility's card secret and the card number, and only to a
                    card with all 3 tries left: a card tried elsewhere with a wrong code is refused
                    rather than risked. wbill-cardsim(1) simulates a reader and its cards for
                    training, demonstrations and tests.
                    """,
                  manualSections: [
                    (title: "CARD LAYOUT", text: CardManual.layout),
                    (title: "SECURITY CODES", text: CardManual.securityCodes),
                  ]),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["card", "readers"], summary: "list the serial ports a card reader can be on",
            discussion: """
                Lists the serial devices the kernel has: USB-serial adapters (/dev/ttyUSB*), USB
                modem-class devices (/dev/ttyACM*) and built-in ports with a chip behind them
                (/dev/ttyS*), with the product name a USB device gives. No port is opened: opening
                one can reset what hangs off it.
                """,
            listOutput: true, examples: ["wbill card readers"], handler: readers),
        CommandSpec(
            ["card", "open"], summary: "open a card for a card-meter account on a blank card",
            discussion: """
                Writes a blank card on the reader for the account: its number, the meter (the
                account's only one, or --meter), a new card number, no purchase yet; reads it back,
                gives it its own security code, and binds the card number to the account. Anything
                but a blank card with all 3 code tries left is refused with what it is, and no code
                is presented to it. The card must be recharged before it goes into the meter.

                The card's writing is journaled: if it fails part-way (the card pulled out, the
                reader silent), opening again with the same card finishes the same card number; a
                blank card instead opens a new one. An account has one card at a time.
                """,
            options: [.value("meter", .text, placeholder: "SERIAL", help: "the meter the card is for, when the account has several")]
                + CardReaderOptions.rows,
            arguments: [ArgumentSpec("ACCOUNT", help: "the card-meter account")],
            requirements: Requirements(database: .writeManaged, cardReader: true),
            examples: ["wbill card open AC00000042 --port /dev/ttyUSB0"], handler: open),
        CommandSpec(
            ["card", "status"], summary: "what is on the reader: the card's type, contents and account, checked",
            discussion: """
                Reads the card on the reader without presenting its code: no card, a card of the
                wrong type, a blank card (ready to be opened), a card that is not a wbill card, or a
                wbill card with its card number, account, meter and last purchase. A wbill card is
                checked against the database: issued by this utility, its account known, open and a
                card-meter account, its meter installed on the account; the check field lists what
                disagrees. A card with fewer than 3 code tries left is said to be so: it cannot be
                written.
                """,
            options: CardReaderOptions.rows, requirements: Requirements(database: .read, cardReader: true),
            examples: ["wbill card status --port /dev/ttyUSB0", "wbill card status --format json   # the port from WBILL_CARD_PORT"],
            handler: status),
        CommandSpec(
            ["card", "read"], summary: "read the card on the reader field by field, as the card layout places them",
            discussion: """
                Every field of a wbill card (see CARD LAYOUT), the meter's write-back included, and
                how its purchase area and the area's copy were found. Refused when there is no card
                or a card of the wrong type; a blank or foreign card shows only what it is.
                """,
            options: CardReaderOptions.rows, requirements: Requirements(database: .read, cardReader: true),
            examples: ["wbill card read --port /dev/ttyUSB0"], handler: read),
    ]

    static func open(_ context: CommandContext) throws -> CommandOutput {
        let card = try CardIssuer(database: context.database, context: context.auditContext)
            .open(accountNumber: context.arguments.requiredArgument("ACCOUNT"), meterSerial: context.arguments.value("meter"),
                  reader: context.cardReader)
        if context.settings.format == .table {
            return .message("opened card \(card.number) for account \(card.accountNumber), meter \(card.meterSerial); "
                            + "recharge it before it goes into the meter")
        }
        var record = DataRecord()
        record.append("card_number", .integer(Int64(card.number)))
        record.append("account", .text(card.accountNumber))
        record.append("meter", .text(card.meterSerial))
        record.append("state", .text(card.state.rawValue))
        record.append("opened_at", card.openedAt.map(Cell.text) ?? .null)
        return .record(record)
    }

    static func readers(_ context: CommandContext) throws -> CommandOutput {
        var table = DataTable(columns: [Column("port"), Column("kind"), Column("description")])
        for device in SerialDevices.present() {
            table.append([.text(device.path), .text(device.kind), device.description.map(Cell.text) ?? .null])
        }
        return .table(table)
    }

    static func status(_ context: CommandContext) throws -> CommandOutput {
        let inspection = try CardInspector(database: context.database).inspect(context.cardReader)
        var record = DataRecord()
        record.append("port", .text(inspection.port))
        record.append("reader", .text(inspection.firmware))
        record.append("card", .text(CardViews.cardText(inspection.contents)))
        record.append("tries_left", inspection.triesLeft.map { .integer(Int64($0)) } ?? .null)
        record.append("contents", CardViews.contentsCell(inspection.contents))
        let card = CardViews.record(inspection.contents)
        record.append("card_number", card.map { .integer(Int64($0.identity.cardNumber)) } ?? .null)
        record.append("account", card.map { .text($0.identity.accountNumber) } ?? .null)
        record.append("meter", card.map { .text($0.identity.meterSerial) } ?? .null)
        record.append("purchase_sequence", card.map { .integer(Int64($0.purchase.sequence)) } ?? .null)
        record.append("check", CardViews.checkCell(inspection))
        return .record(record)
    }

    static func read(_ context: CommandContext) throws -> CommandOutput {
        let inspection = try CardInspector(database: context.database).inspect(context.cardReader)
        switch inspection.contents {
        case .noCard: throw CardReaderError.noCard(port: inspection.port)
        case .wrongType(let type): throw CardReaderError.wrongCardType(found: type.name)
        default: break
        }
        let unit = try context.volumeUnit()
        var record = DataRecord()
        record.append("port", .text(inspection.port))
        record.append("reader", .text(inspection.firmware))
        record.append("answer_to_reset", inspection.answerToReset.map { .text(Hex.bytes($0)) } ?? .null)
        record.append("tries_left", inspection.triesLeft.map { .integer(Int64($0)) } ?? .null)
        record.append("contents", CardViews.contentsCell(inspection.contents))
        let card = CardViews.record(inspection.contents)
        let ours = card.map { !inspection.findings.contains(.otherUtility(found: $0.identity.utilityCode)) }
        record.append("layout_version", card.map { _ in .integer(Int64(CardLayout.version)) } ?? .null)
        record.append("kind", card.map { .text($0.identity.kind.name) } ?? .null)
        record.append("utility", card.map { .text(ours == true ? "this utility" : "another (code \($0.identity.utilityCode))") } ?? .null)
        record.append("card_number", card.map { .integer(Int64($0.identity.cardNumber)) } ?? .null)
        record.append("replacement_count", card.map { .integer(Int64($0.identity.replacementCount)) } ?? .null)
        record.append("account", card.map { .text($0.identity.accountNumber) } ?? .null)
        record.append("meter", card.map { .text($0.identity.meterSerial) } ?? .null)
        record.append("purchase_sequence", card.map { .integer(Int64($0.purchase.sequence)) } ?? .null)
        record.append("purchased_volume", card.map { .decimal($0.purchase.volume.description) } ?? .null,
                      title: VolumeLabels.header("PURCHASED VOLUME", unit))
        record.append("cumulative_purchases", card.map { .decimal($0.purchase.cumulative.description) } ?? .null,
                      title: VolumeLabels.header("CUMULATIVE PURCHASES", unit))
        record.append("purchase_area", card.map { .text($0.purchaseState.rawValue) } ?? .null)
        let writeBack = card?.writeBack
        record.append("meter_remaining", writeBack.map { .decimal($0.remaining.description) } ?? .null,
                      title: VolumeLabels.header("METER REMAINING", unit))
        record.append("meter_cumulative_use", writeBack.map { .decimal($0.cumulativeUse.description) } ?? .null,
                      title: VolumeLabels.header("METER CUMULATIVE USE", unit))
        record.append("meter_status", writeBack.map { .text("0x" + Hex.bytes([UInt8($0.status >> 8), UInt8($0.status & 0xFF)], separator: "")) } ?? .null)
        record.append("meter_last_sequence", writeBack.map { .integer(Int64($0.lastSequenceConsumed)) } ?? .null)
        record.append("write_back_area", card.map { .text($0.writeBack == nil ? "damaged" : "whole") } ?? .null)
        record.append("check", CardViews.checkCell(inspection))
        return .record(record)
    }
}

/// How the card commands show an inspection's parts.
enum CardViews {
    static func cardText(_ contents: CardInspection.Contents) -> String {
        switch contents {
        case .noCard: return "none"
        case .wrongType(let type): return "\(type.name) (not usable)"
        default: return ReaderCardType.sle4442.name
        }
    }

    static func contentsCell(_ contents: CardInspection.Contents) -> Cell {
        switch contents {
        case .noCard, .wrongType: return .null
        case .blank: return .text("blank (ready to be opened)")
        case .foreign: return .text("not a wbill card")
        case .unreadable(let error): return .text("unreadable: \(error.description)")
        case .wbill(let record): return .text("wbill \(record.identity.kind.name) card")
        }
    }

    static func record(_ contents: CardInspection.Contents) -> CardRecord? {
        if case .wbill(let record) = contents { return record }
        return nil
    }

    static func checkCell(_ inspection: CardInspection) -> Cell {
        if !inspection.findings.isEmpty { return .text(inspection.findings.map(\.description).joined(separator: "; ")) }
        if case .wbill = inspection.contents { return .text("agrees with the database") }
        return .null
    }
}
