#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport
import XCTest

/// `wbill card refund`: only credit still on the card and not yet taken by the meter is paid back,
/// at what that last volume of the cycle's purchases was worth; the card is rewritten with the same
/// sequence and the volume less, and the meter then takes only what is left.
final class CardRefundEndToEndTests: SandboxTestCase {
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
        XCTAssertEqual(try wbill("card", "recharge", account, "--volume", "5", "--channel", "cash").stdout,
                       "card 1  account \(account)  purchase 1  5.000 for 30.00 CNY  cumulative 5.000  receipt 1  confirmed\n")
    }

    override func tearDown() {
        simulator = nil
        super.tearDown()
    }

    func wbill(_ words: String..., file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try sandbox.wbill(Array(words), environment: ["WBILL_CARD_PORT": port], file: file, line: line)
    }

    func ledger() throws -> String {
        try sandbox.sql("SELECT id, kind, amount, ifnull(channel, ''), ifnull(reverses_id, '') FROM ledger_entries ORDER BY id")
    }

    func testOnlyCreditTheMeterHasNotTakenIsRefundedAtWhatItWasWorthAndTheMeterTakesTheRest() throws {
        // 5 m³ cost 30.00; 3 m³ cost 18.00 (10.35 + 4.71 + 2.94): the last 2 m³ were worth 12.00.
        XCTAssertRun(try wbill("card", "refund", account, "--volume", "2", "--channel", "cash"), status: 0, stdout: """
            card 1  account \(account)  purchase 1  2.000 refunded for 12.00 CNY  now carries 3.000  receipt 4  confirmed

            """)
        XCTAssertRun(try wbill("card", "refund", account, "--volume", "5", "--channel", "cash"), status: 1, stderr: """
            wbill: error: card 1 carries 3.000 the meter has not taken, so no more than that is refunded, not 5.000

            """)
        // 3 m³ cost 18.00; 1.332 m³ 4.5954 → 4.60, 2.09124 → 2.09, 1.30536 → 1.31 = 8.00, so 1.668 m³ are worth 10.00;
        // 1.331 m³ cost 4.59 + 2.09 + 1.30 = 7.98, so 1.669 m³ would be worth 10.02.
        XCTAssertRun(try wbill("card", "refund", account, "--amount", "10.00", "--channel", "cash"), status: 0, stdout: """
            card 1  account \(account)  purchase 1  1.668 refunded for 10.00 CNY  now carries 1.332  receipt 6  confirmed

            """)
        XCTAssertEqual(try simulator.send("swipe IC-000001"), "meter IC-000001: took purchase 1 of 1.332, credit 1.332\n")
        XCTAssertRun(try wbill("card", "refund", account, "--volume", "1", "--channel", "cash"), status: 1, stderr: """
            wbill: error: card 1 has no credit to refund: the meter took purchase 1, and credit in the meter is not on the card

            """)
        XCTAssertEqual(try wbill("card", "recharge", account, "--volume", "1", "--channel", "cash").stdout,
                       "card 1  account \(account)  purchase 2  1.000 for 6.00 CNY  cumulative 2.332  receipt 7  confirmed\n")
        XCTAssertEqual(try ledger(), """
            1|recharge|3000|cash|
            2|card-purchase|-3000||
            3|card-purchase|1200||
            4|refund|-1200|cash|
            5|card-purchase|1000||
            6|refund|-1000|cash|
            7|recharge|600|cash|
            8|card-purchase|-600||

            """)
        XCTAssertEqual(try sandbox.sql("SELECT sum(amount) FROM ledger_entries"), "0\n")
        XCTAssertEqual(try sandbox.sql("SELECT volume, asked, amount, state FROM card_refunds ORDER BY id"),
                       "2000|volume 2.000|1200|confirmed\n1668|amount 10.00|1000|confirmed\n")
    }

    func testARefundPulledMidWriteStaysPendingAndRecoverFinishesItOnce() throws {
        try simulator.send("fault pull 1")
        XCTAssertEqual(try wbill("card", "refund", account, "--volume", "2", "--channel", "cash", "--ref", "RF-1").status, 69)
        XCTAssertEqual(try sandbox.sql("SELECT state FROM card_refunds"), "pending\n")
        try simulator.send("insert \(sandbox.file("card.img"))")
        XCTAssertRun(try wbill("card", "recover"), status: 0, stdout: """
            pending refund of 2.000 from purchase 1 of card 1 (12.00 CNY): the card did not hold it; written again and confirmed

            """)
        XCTAssertRun(try wbill("card", "refund", account, "--volume", "2", "--channel", "cash", "--ref", "RF-1"), status: 0, stdout: """
            card 1  account \(account)  purchase 1  2.000 refunded for 12.00 CNY  now carries 3.000  receipt 4  confirmed

            """, stderr: """
            wbill: warning: reference 'RF-1' was already used by card refund 1 at \(try sandbox.sql("SELECT started_at FROM card_refunds").trimmingCharacters(in: .newlines)); nothing new was paid back or written, this is that refund

            """)
        XCTAssertEqual(try sandbox.sql("SELECT count(*) FROM ledger_entries WHERE kind = 'refund'"), "1\n", "paid back once")
        XCTAssertEqual(try simulator.send("swipe IC-000001"), "meter IC-000001: took purchase 1 of 3.000, credit 3.000\n")
    }

    func testAPendingRefundIsCarriedByAReplacementAndConfirmed() throws {
        try simulator.send("fault pull 1")
        XCTAssertEqual(try wbill("card", "refund", account, "--volume", "2", "--channel", "cash").status, 69)
        try simulator.send("insert blank \(sandbox.file("new.img"))")
        XCTAssertEqual(try wbill("card", "replace", account).status, 0)
        XCTAssertEqual(try sandbox.sql("SELECT state FROM card_refunds"), "confirmed\n")
        XCTAssertEqual(try simulator.send("swipe IC-000001"), "meter IC-000001: took purchase 1 of 3.000, credit 3.000\n")
        XCTAssertRun(try wbill("card", "recover"), status: 1, stderr: "wbill: error: account \(account) has no pending card purchase or refund\n")
    }
}
