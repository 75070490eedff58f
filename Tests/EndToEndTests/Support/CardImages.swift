import WaterBilling
import WBillSupport
import XCTest

/// Card image files for `wbill-cardsim` (its text format, man/wbill-cardsim.1), made by a test:
/// a blank card, or a wbill card written with the card layout as a counter would have written it.
enum CardImages {
    /// A blank card's memory: answer to reset, chip serial 42, then FF.
    static var blankMemory: [UInt8] { SLE4442Session.answerToReset + [0, 0, 0, 42] + [UInt8](repeating: 0xFF, count: 248) }

    /// The image file's text for `memory`, with the error counter's bits and the code given.
    static func text(_ memory: [UInt8], counter: String = "07", code: String = "FF FF FF") -> String {
        var lines = ["wbill-cardsim card 1", "type sle4442", "counter \(counter)", "code \(code)", "protection 00 FF FF FF"]
        for row in stride(from: 0, to: 256, by: 16) { lines.append("\(Hex.byte(UInt8(row))): \(Hex.bytes(memory[row..<(row + 16)]))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The card keys of the sandbox's default database (its card secret, read with sqlite3).
    static func keys(of sandbox: Sandbox, file: StaticString = #filePath, line: UInt = #line) throws -> CardKeys {
        let secret = try sandbox.sql("SELECT value FROM settings WHERE key = 'card_secret'", file: file, line: line)
        return CardKeys(secret: try XCTUnwrap(Hex.parse(secret.trimmingCharacters(in: .newlines)), file: file, line: line))
    }

    /// The memory of a card opened for `account` and `meter`, with `purchase` written.
    static func wbillCard(utilityCode: UInt32, cardNumber: UInt32 = 1, account: String, meter: String,
                          purchase: CardPurchase = .none) throws -> [UInt8] {
        let identity = CardIdentity(utilityCode: utilityCode, cardNumber: cardNumber, replacementCount: 0,
                                    accountNumber: account, meterSerial: meter)
        return try CardLayout.image(of: CardRecord(identity: identity, purchase: purchase, writeBack: MeterWriteBack.none),
                                    over: blankMemory)
    }
}
