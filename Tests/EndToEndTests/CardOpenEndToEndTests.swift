#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport
import XCTest

/// `wbill card open` against `wbill-cardsim`: a blank card written, read back, given its own code
/// and bound to the account, journaled before and confirmed after; everything else refused with
/// the reason and no code presented; a card pulled mid-write finished by opening it again.
final class CardOpenEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    var simulator: CardSimulatorProcess!
    var port: String { simulator.port }
    var account = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        simulator = try CardSimulatorProcess(in: sandbox.path)
        account = try sandbox.openAccount("Card homes", meter: "IC-000001")
    }

    override func tearDown() {
        simulator = nil
        super.tearDown()
    }

    func wbill(_ words: String..., file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try sandbox.wbill(Array(words), environment: ["WBILL_CARD_PORT": port], file: file, line: line)
    }

    func cards() throws -> String {
        try sandbox.sql("SELECT card_number, account_id, meter_id, state, code_state, opened_at IS NOT NULL, ifnull(failure, '') FROM cards ORDER BY id")
    }

    func testABlankCardIsWrittenReadBackGivenItsCodeAndBoundToTheAccount() throws {
        try simulator.send("insert blank \(sandbox.file("card.img"))")
        XCTAssertRun(try wbill("card", "open", account), status: 0, stdout: """
            opened card 1 for account \(account), meter IC-000001; recharge it before it goes into the meter

            """)
        XCTAssertEqual(try wbill("--format", "tsv", "card", "status").stdout, """
            port\treader\tcard\ttries_left\tcontents\tcard_number\taccount\tmeter\tpurchase_sequence\tcheck
            \(port)\tACR30-SIM 1.0\tSLE4442 memory card\t3\twbill customer card\t1\t\(account)\tIC-000001\t0\tagrees with the database

            """)
        XCTAssertTrue(try simulator.send("dump").hasPrefix("type sle4442, 3 of 3 code tries left, code changed\n"))
        let memory = try XCTUnwrap(Hex.parse(try String(contentsOfFile: sandbox.file("card.img"), encoding: .utf8)
            .split(separator: "\n").dropFirst(5).map { $0.dropFirst(4) }.joined(separator: " ")))
        let keys = try CardImages.keys(of: sandbox)
        XCTAssertEqual(try CardLayout.decode(memory), .wbill(CardRecord(
            identity: CardIdentity(utilityCode: keys.utilityCode, cardNumber: 1, replacementCount: 0, accountNumber: account, meterSerial: "IC-000001"),
            purchase: .none, writeBack: MeterWriteBack.none)))
        XCTAssertTrue(try String(contentsOfFile: sandbox.file("card.img"), encoding: .utf8)
            .contains("\ncode \(Hex.bytes(keys.securityCode(forCard: 1)))\n"), "the card's own code, derived from the secret")
        XCTAssertEqual(try cards(), "1|1|6|active|card|1|\n")
        XCTAssertEqual(try sandbox.sql("SELECT action, entity_id FROM audit_log WHERE entity = 'card' ORDER BY id"), """
            start opening|1
            open|1

            """)
    }

    func testAnythingButABlankCardIsRefusedWithWhatItIsAndNothingIsJournaled() throws {
        XCTAssertRun(try wbill("card", "open", account), status: 69, stderr: "wbill: error: no card in the reader on \(port)\n")
        var foreign = CardImages.blankMemory
        foreign[100] = 0x42
        try simulator.send("insert \(try sandbox.write(CardImages.text(foreign, code: "12 34 56"), to: "foreign.img"))")
        XCTAssertRun(try wbill("card", "open", account), status: 1, stderr: """
            wbill: error: a card is opened on a blank card, and the card in the reader holds data that is not a wbill card

            """)
        XCTAssertTrue(try simulator.send("dump").hasPrefix("type sle4442, 3 of 3 code tries left, code changed\n"), "no code presented")
        try simulator.send("remove")
        try simulator.send("insert cpu")
        XCTAssertRun(try wbill("card", "open", account), status: 1, stderr: """
            wbill: error: the card in the reader is a microprocessor (T=0) card, not an SLE4442 memory card

            """)
        XCTAssertEqual(try cards(), "")
    }

    func testAnAccountThatIsNotACardMeterOneOrAMeterNotOnItIsRefusedBeforeTheCardIsTouched() throws {
        let postpaid = try sandbox.openAccount("Residential", meter: "WM-000001")
        try simulator.send("insert blank")
        XCTAssertRun(try wbill("card", "open", postpaid), status: 1, stderr: """
            wbill: error: account \(postpaid) is postpaid: IC cards are for card-meter (meter-prepaid) accounts

            """)
        XCTAssertRun(try wbill("card", "open", account, "--meter", "IC-000002"), status: 1, stderr: """
            wbill: error: meter IC-000002 is not installed on account \(account)

            """)
        XCTAssertEqual(try wbill("card", "open", "AC99999999").status, 1)
        XCTAssertEqual(try cards(), "")
    }

    func testACardFromElsewhereWithAnotherCodeCostsOneTryAndIsThenRefusedWithoutAnother() throws {
        try simulator.send("insert \(try sandbox.write(CardImages.text(CardImages.blankMemory, code: "12 34 56"), to: "elsewhere.img"))")
        XCTAssertRun(try wbill("card", "open", account), status: 1, stderr: """
            wbill: error: the card refused the security code: 2 of 3 tries left; it is not this utility's card, or not a blank one

            """)
        XCTAssertRun(try wbill("card", "open", account), status: 1, stderr: """
            wbill: error: the card has 2 of 3 security code tries left, so no code is presented to it (a wrong one could lock it for good); it was tried elsewhere with a wrong code

            """)
        XCTAssertTrue(try simulator.send("dump").hasPrefix("type sle4442, 2 of 3 code tries left, code changed\n"),
                      "one try used by the first run, none by the second")
        XCTAssertEqual(try cards(), "1|1|6|failed|factory|0|the card refused the security code: 2 of 3 tries left; it is not this utility's card, or not a blank one\n")
    }

    func testACardPulledMidWriteIsFinishedByOpeningItAgainAndABlankOneOpensANewNumber() throws {
        try simulator.send("insert blank \(sandbox.file("pulled.img"))")
        try simulator.send("fault pull 2")
        XCTAssertRun(try wbill("card", "open", account), status: 69, stderr: """
            wbill: error: card 1 was not opened: the card was taken out of the reader on \(port) during write; the card may hold part of it, and opening again with the same card finishes card 1

            """)
        XCTAssertEqual(try cards(), "1|1|6|failed|factory|0|the card was taken out of the reader on \(port) during write\n")
        try simulator.send("insert \(sandbox.file("pulled.img"))")
        XCTAssertEqual(try wbill("card", "status").stdout.split(separator: "\n")[4],
                       "Contents:           unreadable: the card's identity area is damaged (its CRC does not match)")
        XCTAssertRun(try wbill("card", "open", account), status: 0, stdout: """
            opened card 1 for account \(account), meter IC-000001; recharge it before it goes into the meter

            """)
        XCTAssertEqual(try cards(), "1|1|6|active|card|1|\n")
        XCTAssertEqual(try wbill("card", "status").stdout.split(separator: "\n").last, "Check:              agrees with the database")

        try simulator.send("remove")
        try simulator.send("insert blank")
        XCTAssertRun(try wbill("card", "open", account), status: 1, stderr: """
            wbill: error: account \(account) already has card 1 (active); an account has one card at a time

            """)
    }

    func testAnUnfinishedOpeningIsAbandonedWhenABlankCardIsOpenedInstead() throws {
        try simulator.send("insert blank")
        try simulator.send("fault pull 1")
        XCTAssertEqual(try wbill("card", "open", account).status, 69)
        try simulator.send("insert blank")
        XCTAssertEqual(try wbill("card", "open", account).stdout,
                       "opened card 2 for account \(account), meter IC-000001; recharge it before it goes into the meter\n")
        XCTAssertEqual(try sandbox.sql("SELECT card_number, state FROM cards ORDER BY id"), "1|abandoned\n2|active\n")
    }
}
