#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport
import XCTest

/// `wbill card replace|lost` against `wbill-cardsim` and its meter (rule 9): the new card carries
/// the account's last purchase and a higher replacement count; it is recharged only after the meter
/// has seen it, and the meter then refuses the old card; a purchase the lost card carried is taken
/// once, from whichever card brings it.
final class CardReplaceEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    var simulator: CardSimulatorProcess!
    var port: String { simulator.port }
    var account = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        simulator = try CardSimulatorProcess(in: sandbox.path, arguments: ["--meters", sandbox.file("meters")])
        account = try sandbox.openAccount("Card homes", meter: "IC-000001")
        try simulator.send("insert blank \(sandbox.file("old.img"))")
        XCTAssertEqual(try wbill("card", "open", account).status, 0)
    }

    override func tearDown() {
        simulator = nil
        super.tearDown()
    }

    func wbill(_ words: String..., file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try sandbox.wbill(Array(words), environment: ["WBILL_CARD_PORT": port], file: file, line: line)
    }

    func swipeRefused(_ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try simulator.sendAllowingRefusal("swipe IC-000001")
        XCTAssertEqual(result.status, 1, file: file, line: line)
        XCTAssertEqual(result.stderr, "wbill-cardsim: \(expected)\n", file: file, line: line)
    }

    func testAReplacementIsRefusedARechargeUntilTheMeterHasSeenItAndTheOldCardIsThenRefusedByTheMeter() throws {
        XCTAssertEqual(try wbill("card", "recharge", account, "--volume", "4", "--channel", "cash").status, 0)
        try simulator.send("swipe IC-000001")
        try simulator.send("remove")
        try simulator.send("insert blank \(sandbox.file("new.img"))")
        XCTAssertRun(try wbill("card", "replace", account), status: 0, stdout: """
            issued card 2 for account \(account), meter IC-000001, replacement 1, carrying purchase 1; swipe it at the meter before it is recharged

            """)
        XCTAssertEqual(try sandbox.sql("SELECT card_number, replacement_count, state, swipe_required FROM cards ORDER BY id"),
                       "1|0|replaced|0\n2|1|active|1\n")
        XCTAssertRun(try wbill("card", "recharge", account, "--volume", "2", "--channel", "cash"), status: 1, stderr: """
            wbill: error: card 2 of account \(account) replaced a card and has not been swiped at the meter yet: it is recharged once the meter has taken it (rule 9)

            """)
        XCTAssertEqual(try simulator.send("swipe IC-000001"), "meter IC-000001: nothing new on card 2 (purchase 1 taken before), credit 4.000\n")
        XCTAssertRun(try wbill("card", "recharge", account, "--volume", "2", "--channel", "cash"), status: 0, stdout: """
            card 2  account \(account)  purchase 2  2.000 for 12.00 CNY  cumulative 6.000  receipt 3  confirmed

            """)
        XCTAssertEqual(try sandbox.sql("SELECT swipe_required FROM cards WHERE card_number = 2"), "0\n")
        try simulator.send("remove")
        try simulator.send("insert \(sandbox.file("old.img"))")
        try swipeRefused("meter IC-000001: card 1 was replaced (the meter takes card 2, replacement 1)")
        XCTAssertRun(try wbill("card", "recharge", account, "--volume", "2", "--channel", "cash"), status: 1, stderr: """
            wbill: error: the card in the reader is card 1 of account \(account), replaced, not account \(account)'s card 2

            """)
        XCTAssertEqual(try sandbox.sql("SELECT action, entity_id FROM audit_log WHERE entity = 'card' AND action IN ('replace', 'swiped at meter') ORDER BY id"),
                       "replace|1\nswiped at meter|2\n")
    }

    func testALostCardsUntakenPurchaseIsCarriedByItsReplacementAndTakenOnce() throws {
        XCTAssertEqual(try wbill("card", "recharge", account, "--volume", "3", "--channel", "cash").status, 0)
        XCTAssertRun(try wbill("card", "lost", account), status: 0, stdout: "card 1 of account \(account) is lost; issue a replacement on a blank card\n")
        XCTAssertRun(try wbill("card", "recharge", account, "--volume", "1", "--channel", "cash"), status: 1,
                     stderr: "wbill: error: account \(account) has no active card\n")
        XCTAssertRun(try wbill("card", "lost", account), status: 1, stderr: "wbill: error: account \(account) has no active card\n")
        try simulator.send("remove")
        try simulator.send("insert blank \(sandbox.file("new.img"))")
        XCTAssertRun(try wbill("card", "open", account), status: 0, stdout: """
            opened card 2 for account \(account), meter IC-000001; recharge it before it goes into the meter

            """)
        XCTAssertEqual(try sandbox.sql("SELECT card_number, replacement_count, state, swipe_required FROM cards ORDER BY id"),
                       "1|0|lost|0\n2|1|active|1\n", "an open after a lost card is a replacement too")
        XCTAssertEqual(try simulator.send("swipe IC-000001"), "meter IC-000001: took purchase 1 of 3.000, credit 3.000\n")
        try simulator.send("remove")
        try simulator.send("insert \(sandbox.file("old.img"))")
        try swipeRefused("meter IC-000001: card 1 was replaced (the meter takes card 2, replacement 1)")
        XCTAssertEqual(try simulator.send("meter IC-000001").split(separator: "\n").last, "purchased 3.000, used 0.000, credit 3.000")
    }

    func testAPendingPurchaseIsCarriedByTheReplacementAndConfirmedOnceAndNothingIsLeftToReplaceWithoutACard() throws {
        try simulator.send("fault pull 1")
        XCTAssertEqual(try wbill("card", "recharge", account, "--volume", "5", "--channel", "cash").status, 69)
        try simulator.send("insert blank \(sandbox.file("new.img"))")
        XCTAssertEqual(try wbill("card", "replace", account).status, 0)
        XCTAssertEqual(try sandbox.sql("SELECT sequence, state FROM card_purchases"), "1|confirmed\n")
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM ledger_entries"), "2\n", "charged once")
        XCTAssertEqual(try simulator.send("swipe IC-000001"), "meter IC-000001: took purchase 1 of 5.000, credit 5.000\n")
        let other = try sandbox.openAccount("Card homes", meter: "IC-000002")
        try simulator.send("remove")
        try simulator.send("insert blank")
        XCTAssertRun(try wbill("card", "replace", other), status: 1, stderr: "wbill: error: account \(other) has no active or lost card to replace\n")
    }
}
