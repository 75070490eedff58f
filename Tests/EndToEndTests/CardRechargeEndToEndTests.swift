#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport
import XCTest

/// `wbill card recharge` against `wbill-cardsim` and its simulated meter: priced by the account's
/// meter-prepaid tariff, charged once, written and confirmed; a card carries one purchase at a
/// time, taken once by the meter; a retry with the same reference charges nothing.
final class CardRechargeEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    var simulator: CardSimulatorProcess!
    var port: String { simulator.port }
    var account = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        simulator = try CardSimulatorProcess(in: sandbox.path, arguments: ["--meters", sandbox.file("meters")])
        account = try sandbox.openAccount("Card homes", meter: "IC-000001")
    }

    override func tearDown() {
        simulator = nil
        super.tearDown()
    }

    func wbill(_ words: String..., file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try sandbox.wbill(Array(words), environment: ["WBILL_CARD_PORT": port], file: file, line: line)
    }

    func openCard(_ image: String = "card.img", account: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        try simulator.send("insert blank \(sandbox.file(image))", file: file, line: line)
        XCTAssertEqual(try wbill("card", "open", account ?? self.account).status, 0, file: file, line: line)
    }

    func purchases() throws -> String {
        try sandbox.sql("""
            SELECT sequence, volume, cumulative, asked, amount, channel, ifnull(reference, ''), state, ifnull(receipt_entry_id, ''),
                   ifnull(purchase_entry_id, '') FROM card_purchases ORDER BY id
            """)
    }

    func ledger() throws -> String {
        try sandbox.sql("SELECT id, kind, amount, ifnull(channel, ''), ifnull(reference, ''), ifnull(reverses_id, ''), ifnull(reason, '') FROM ledger_entries ORDER BY id")
    }

    func testOpenRechargeSwipeAtTheMeterAndRechargeAgain() throws {
        try openCard()
        // prepaid-card: 3.45 + 1.57 + 0.98 = 6.00 per m³, each line rounded half-up. 16.668 m³: 57.5046 → 57.50,
        // 26.16876 → 26.17, 16.33464 → 16.33 = 100.00; 16.669 m³ would be 57.51 + 26.17 + 16.34 = 100.02.
        XCTAssertRun(try wbill("card", "recharge", account, "--amount", "100.00", "--channel", "cash"), status: 0, stdout: """
            card 1  account \(account)  purchase 1  16.668 for 100.00 CNY  cumulative 16.668  receipt 1  confirmed

            """)
        XCTAssertRun(try wbill("card", "recharge", account, "--volume", "2.5", "--channel", "cash"), status: 1, stderr: """
            wbill: error: card 1 still carries purchase 1, which the meter has not taken (it has taken none from this card): a card carries one purchase at a time, and is recharged again once the meter has taken it

            """)
        XCTAssertEqual(try simulator.send("swipe IC-000001"), "meter IC-000001: took purchase 1 of 16.668, credit 16.668\n")
        XCTAssertEqual(try simulator.send("swipe IC-000001"), "meter IC-000001: nothing new on card 1 (purchase 1 taken before), credit 16.668\n")
        XCTAssertEqual(try simulator.send("use IC-000001 6.668"), "meter IC-000001: counted 6.668, credit 10.000\n")
        // A purchase costs price(bought before + it) − price(bought before): 19.168 m³ is 66.1296 → 66.13,
        // 30.09376 → 30.09, 18.78464 → 18.78 = 115.00, less 100.00 = 15.00 (2.5 m³ priced alone would be 15.01).
        XCTAssertRun(try wbill("card", "recharge", account, "--volume", "2.5", "--channel", "cash"), status: 0, stdout: """
            card 1  account \(account)  purchase 2  2.500 for 15.00 CNY  cumulative 19.168  receipt 3  confirmed

            """)
        XCTAssertEqual(try simulator.send("swipe IC-000001"), "meter IC-000001: took purchase 2 of 2.500, credit 12.500\n")
        XCTAssertEqual(try purchases(), """
            1|16668|16668|amount 100.00|10000|cash||confirmed|1|2
            2|2500|19168|volume 2.500|1500|cash||confirmed|3|4

            """)
        XCTAssertEqual(try ledger(), """
            1|recharge|10000|cash|||card 1 purchase 1: 16.668 by prepaid-card
            2|card-purchase|-10000||||card 1 purchase 1: 16.668 by prepaid-card
            3|recharge|1500|cash|||card 1 purchase 2: 2.500 by prepaid-card
            4|card-purchase|-1500||||card 1 purchase 2: 2.500 by prepaid-card

            """)
        let read = try wbill("--format", "tsv", "card", "read").stdout.split(separator: "\n")
        let fields = Dictionary(uniqueKeysWithValues: zip(read[0].split(separator: "\t", omittingEmptySubsequences: false),
                                                          read[1].split(separator: "\t", omittingEmptySubsequences: false)))
        XCTAssertEqual(fields["purchase_sequence"], "2")
        XCTAssertEqual(fields["meter_remaining"], "12.500")
        XCTAssertEqual(fields["meter_cumulative_use"], "6.668")
        XCTAssertEqual(fields["meter_last_sequence"], "2")
        XCTAssertEqual(try sandbox.sql("SELECT action FROM audit_log WHERE entity = 'card' ORDER BY id"),
                       "start opening\nopen\npurchase pending\nrecharge\npurchase pending\nrecharge\n")
    }

    func testTiersRunOverTheTariffYearsPurchasesAndAnAmountBuysWholeLitresRoundedDown() throws {
        let tariff = try sandbox.write("""
            name = "card-tiers"
            kind = "meter-prepaid"
            currency = "CNY"
            rounding = "half-up"
            tier-cycle = "annual"
            year-start = "01-01"
            [[tiers]]
            up-to = 10
            [[tiers]]
            [components.water]
            rates = [2.00, 3.00]

            """, to: "card-tiers.toml")
        XCTAssertEqual(try wbill("tariff", "add", "--file", tariff).status, 0)
        XCTAssertEqual(try wbill("customer-type", "add", "Card tiers", "--water-nature", "residential", "--business-mode", "meter-prepaid",
                                 "--meter-type", "IC card DN15", "--tariff", "card-tiers", "--channel", "cash", "--channel", "wechat").status, 0)
        XCTAssertEqual(try wbill("customer", "open", "--type", "Card tiers", "--name", "Wang Fang", "--id-number", "110101199003071234",
                                 "--phone", "13800138001", "--address", "Building 9", "--persons", "2", "--meter", "IC-000002").status, 0)
        account = "AC00000002"
        try openCard()
        XCTAssertEqual(try wbill("card", "recharge", account, "--volume", "8", "--channel", "cash").stdout,
                       "card 1  account \(account)  purchase 1  8.000 for 16.00 CNY  cumulative 8.000  receipt 1  confirmed\n")
        try simulator.send("swipe IC-000002")
        // 8 bought: 2 m³ more at 2.00 = 4.00; 3.00 left at 3.00: 1.001 m³ costs 3.003 → 3.00 (half-up),
        // 1.002 m³ 3.006 → 3.01. So 7.00 buys 3.001 m³, all of it charged.
        XCTAssertEqual(try wbill("card", "recharge", account, "--amount", "7", "--channel", "wechat").stdout,
                       "card 1  account \(account)  purchase 2  3.001 for 7.00 CNY  cumulative 11.001  receipt 3  confirmed\n")
        try simulator.send("swipe IC-000002")
        // All in the second tier, after 23.00 for 11.001 m³ (20.00 + 3.003 → 3.00): 0.333 m³ more makes 4.002 → 4.00,
        // 1.00 more; 0.334 m³ would make 4.005 → 4.01. So 1.00 buys 0.333 m³.
        XCTAssertEqual(try wbill("card", "recharge", account, "--amount", "1.00", "--channel", "cash").stdout,
                       "card 1  account \(account)  purchase 3  0.333 for 1.00 CNY  cumulative 11.334  receipt 5  confirmed\n")
        XCTAssertEqual(try sandbox.sql("SELECT sum(amount) FROM ledger_entries WHERE kind = 'recharge'"), "2400\n",
                       "the purchases add up to the price of their total, 11.334 m³: 20.00 + 4.002 → 4.00")
    }

    func testARetryWithTheSameReferenceChargesOnceAndADifferentRequestIsRefused() throws {
        try openCard()
        let first = try wbill("card", "recharge", account, "--volume", "5", "--channel", "cash", "--ref", "R-1")
        XCTAssertRun(first, status: 0, stdout: "card 1  account \(account)  purchase 1  5.000 for 30.00 CNY  cumulative 5.000  receipt 1  confirmed\n")
        let at = try sandbox.sql("SELECT started_at FROM card_purchases").trimmingCharacters(in: .newlines)
        XCTAssertRun(try wbill("card", "recharge", account, "--volume", "5.000", "--channel", "cash", "--ref", "R-1"), status: 0,
                     stdout: first.stdout, stderr: """
            wbill: warning: reference 'R-1' was already used by card purchase 1 at \(at); nothing new was charged or written, this is that purchase

            """)
        XCTAssertRun(try wbill("card", "recharge", account, "--volume", "6", "--channel", "cash", "--ref", "R-1"), status: 1, stderr: """
            wbill: error: reference 'R-1' was used by card purchase 1, with another request (volume 5.000)

            """)
        XCTAssertEqual(try purchases(), "1|5000|5000|volume 5.000|3000|cash|R-1|confirmed|1|2\n")
        XCTAssertEqual(try ledger(), """
            1|recharge|3000|cash|R-1||card 1 purchase 1: 5.000 by prepaid-card
            2|card-purchase|-3000||R-1||card 1 purchase 1: 5.000 by prepaid-card

            """)
        XCTAssertEqual(try sandbox.sql("SELECT sum(amount) FROM ledger_entries"), "0\n", "a card-meter account holds no money")
    }

    func testAnotherAccountsCardAndABlankCardAreRefusedBeforeAnyCodeIsPresented() throws {
        try openCard("first.img")
        let other = try sandbox.openAccount("Card homes", meter: "IC-000002")
        try simulator.send("remove")
        try openCard("second.img", account: other)
        try simulator.send("remove")
        try simulator.send("insert \(sandbox.file("first.img"))")
        XCTAssertRun(try wbill("card", "recharge", other, "--volume", "1", "--channel", "cash"), status: 1, stderr: """
            wbill: error: the card in the reader is card 1 of account \(account), active, not account \(other)'s card 2

            """)
        try simulator.send("remove")
        try simulator.send("insert blank")
        XCTAssertRun(try wbill("card", "recharge", other, "--volume", "1", "--channel", "cash"), status: 1, stderr: """
            wbill: error: the card in the reader is blank, not account \(other)'s card 2

            """)
        XCTAssertRun(try wbill("card", "recharge", other, "--volume", "1", "--amount", "5", "--channel", "cash"), status: 64, stderr: """
            wbill: error: --amount and --volume cannot both be given: one says what the other costs
            Run 'wbill card recharge --help' for usage.

            """)
        XCTAssertEqual(try purchases(), "")
    }

    func testAReplayedOldCardImageIsRefusedByTheMeterAndCountsNothing() throws {
        try openCard()
        _ = try wbill("card", "recharge", account, "--volume", "3", "--channel", "cash")
        let old = try String(contentsOfFile: sandbox.file("card.img"), encoding: .utf8)
        try simulator.send("swipe IC-000001")
        XCTAssertEqual(try wbill("card", "recharge", account, "--volume", "2", "--channel", "cash").status, 0)
        try simulator.send("swipe IC-000001")
        try simulator.send("remove")
        try simulator.send("insert \(try sandbox.write(old, to: "copy.img"))")
        let replay = try simulator.sendAllowingRefusal("swipe IC-000001")
        XCTAssertEqual(replay.status, 1)
        XCTAssertEqual(replay.stderr, "wbill-cardsim: meter IC-000001: card 1 holds purchase 1, older than purchase 2 the meter took: a replayed card image\n")
        XCTAssertEqual(try simulator.send("meter IC-000001"), """
            meter IC-000001: purchase 2 taken last, from card 1 (replacement 0)
            purchased 5.000, used 0.000, credit 5.000

            """)
    }
}
