#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport
import XCTest

/// A purchase whose card write stopped — the card pulled out, the reader lost, wbill killed between
/// the write and its confirmation — stays pending, charged once; `wbill card recover` (or the next
/// recharge with that card) confirms it when the card holds it, writes the same purchase with the
/// same sequence when not, or rolls it back on request: never a second purchase, never a lost one.
final class CardRecoverEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    var simulator: CardSimulatorProcess!
    var port: String { simulator.port }
    var account = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        simulator = try CardSimulatorProcess(in: sandbox.path, arguments: ["--meters", sandbox.file("meters")])
        account = try sandbox.openAccount("Card homes", meter: "IC-000001")
        try simulator.send("insert blank \(sandbox.file("card.img"))")
        XCTAssertEqual(try wbill("card", "open", account).status, 0)
    }

    override func tearDown() {
        simulator = nil
        super.tearDown()
    }

    func wbill(_ words: String..., file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try sandbox.wbill(Array(words), environment: ["WBILL_CARD_PORT": port], file: file, line: line)
    }

    func purchases() throws -> String {
        try sandbox.sql("""
            SELECT sequence, volume, amount, state, ifnull(receipt_entry_id, ''), ifnull(purchase_entry_id, ''), ifnull(receipt_reversal_id, ''),
                   ifnull(purchase_reversal_id, '') FROM card_purchases ORDER BY id
            """)
    }

    func ledger() throws -> String {
        try sandbox.sql("SELECT id, kind, amount, ifnull(reverses_id, '') FROM ledger_entries ORDER BY id")
    }

    func cardSequence() throws -> String {
        let read = try wbill("--format", "tsv", "card", "read").stdout.split(separator: "\n")
        let fields = Dictionary(uniqueKeysWithValues: zip(read[0].split(separator: "\t", omittingEmptySubsequences: false),
                                                          read[1].split(separator: "\t", omittingEmptySubsequences: false)))
        return "\(fields["purchase_sequence"] ?? "?") \(fields["purchase_area"] ?? "?")"
    }

    func testACardPulledDuringThePurchaseAreaIsFinishedWithTheSamePurchaseAndTheMeterTakesItOnce() throws {
        try simulator.send("fault pull 1")
        XCTAssertRun(try wbill("card", "recharge", account, "--volume", "5", "--channel", "cash"), status: 69, stderr: """
            wbill: error: purchase 1 was not written to card 1: the card was taken out of the reader on \(port) during write; it stays pending (journaled and charged), to be finished with the same card or rolled back if the card does not hold it; with the card in the reader, `wbill card recover` finishes it (--roll-back takes it back)

            """)
        XCTAssertEqual(try purchases(), "1|5000|3000|pending|1|2||\n")
        try simulator.send("insert \(sandbox.file("card.img"))")
        XCTAssertEqual(try cardSequence(), "0 area torn, copy used")
        XCTAssertRun(try wbill("card", "recover"), status: 0, stdout: """
            pending purchase 1 of card 1 (5.000, 30.00 CNY): the card did not hold it; written again with the same sequence and confirmed

            """)
        XCTAssertEqual(try cardSequence(), "1 whole")
        XCTAssertEqual(try purchases(), "1|5000|3000|confirmed|1|2||\n")
        XCTAssertEqual(try ledger(), "1|recharge|3000|\n2|card-purchase|-3000|\n", "charged once")
        XCTAssertEqual(try simulator.send("swipe IC-000001"), "meter IC-000001: took purchase 1 of 5.000, credit 5.000\n")
        XCTAssertRun(try wbill("card", "recover"), status: 1, stderr: "wbill: error: account \(account) has no pending card purchase or refund\n")
    }

    func testACardPulledDuringTheCopyHoldsThePurchaseAndTheNextRechargeConfirmsItFirst() throws {
        try simulator.send("fault pull 2")
        XCTAssertEqual(try wbill("card", "recharge", account, "--volume", "5", "--channel", "cash").status, 69)
        try simulator.send("insert \(sandbox.file("card.img"))")
        XCTAssertEqual(try cardSequence(), "1 copy behind")
        XCTAssertRun(try wbill("card", "recharge", account, "--volume", "1", "--channel", "cash"), status: 1, stderr: """
            wbill: warning: pending purchase 1 of card 1 (5.000, 30.00 CNY): the card holds it; confirmed
            wbill: error: card 1 still carries purchase 1, which the meter has not taken (it has taken none from this card): a card carries one purchase at a time, and is recharged again once the meter has taken it

            """)
        XCTAssertEqual(try cardSequence(), "1 whole")
        XCTAssertEqual(try purchases(), "1|5000|3000|confirmed|1|2||\n")
        XCTAssertEqual(try ledger(), "1|recharge|3000|\n2|card-purchase|-3000|\n")
    }

    func testAPurchaseTheCardNeverTookIsRolledBackOnRequestAndItsSequenceIsTheNextOneAgain() throws {
        try simulator.send("fault pull 1")
        XCTAssertEqual(try wbill("card", "recharge", account, "--volume", "5", "--channel", "cash").status, 69)
        try simulator.send("insert \(sandbox.file("card.img"))")
        XCTAssertRun(try wbill("card", "recover", account, "--roll-back"), status: 0, stdout: """
            pending purchase 1 of card 1 (5.000, 30.00 CNY): the card does not hold it; rolled back, receipt 1 reversed by 4

            """)
        XCTAssertEqual(try ledger(), "1|recharge|3000|\n2|card-purchase|-3000|\n3|reversal|3000|2\n4|reversal|-3000|1\n")
        XCTAssertEqual(try wbill("card", "recharge", account, "--volume", "2", "--channel", "cash").stdout,
                       "card 1  account \(account)  purchase 1  2.000 for 12.00 CNY  cumulative 2.000  receipt 5  confirmed\n")
        XCTAssertEqual(try purchases(), "1|5000|3000|rolled-back|1|2|4|3\n1|2000|1200|confirmed|5|6||\n")
        XCTAssertRun(try wbill("card", "recover", "--roll-back"), status: 1, stderr: "wbill: error: account \(account) has no pending card purchase or refund\n")
    }

    func testWbillKilledBetweenTheCardWriteAndItsConfirmationLeavesAPendingPurchaseThatRecoverConfirms() throws {
        // The reader goes silent once the copy (the second write) is on the card: wbill waits for the reply and is killed.
        try simulator.send("fault stall-after 2")
        let recharge = try BackgroundProcess([ProgramRunner.wbillPath, "card", "recharge", account, "--volume", "5", "--channel", "cash"],
                                             environment: sandbox.environment(["WBILL_CARD_PORT": port]), directory: sandbox.path)
        var waited = 0
        while !(try simulator.send("status")).contains("faults: stalled") {
            XCTAssertLessThan(waited, 1000, "the simulator never stalled")
            guard waited < 1000 else { break }
            usleep(10_000)
            waited += 1
        }
        kill(recharge.pid, SIGKILL)
        XCTAssertEqual(recharge.wait(timeout: 10), 128 + SIGKILL)
        try simulator.send("fault clear")
        XCTAssertEqual(try purchases(), "1|5000|3000|pending|1|2||\n", "charged and journaled, not confirmed")
        XCTAssertEqual(try cardSequence(), "1 whole", "the card took it")
        XCTAssertRun(try wbill("card", "recover", account), status: 0, stdout: """
            pending purchase 1 of card 1 (5.000, 30.00 CNY): the card holds it; confirmed

            """)
        XCTAssertEqual(try purchases(), "1|5000|3000|confirmed|1|2||\n")
        XCTAssertEqual(try ledger(), "1|recharge|3000|\n2|card-purchase|-3000|\n")
        XCTAssertEqual(try simulator.send("swipe IC-000001"), "meter IC-000001: took purchase 1 of 5.000, credit 5.000\n")
    }
}
