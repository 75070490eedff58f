#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport
import XCTest

/// `wbill card readers|status|read` against `wbill-cardsim` on a real pseudo-terminal: what is on
/// the reader, decoded and checked against the database, and every way the reader can fail.
final class CardEndToEndTests: SandboxTestCase {
    override class var start: Start { .accountsFixture }

    var simulator: CardSimulatorProcess!
    var port: String { simulator.port }

    override func setUpWithError() throws {
        try super.setUpWithError()
        simulator = try CardSimulatorProcess(in: sandbox.path)
    }

    override func tearDown() {
        simulator = nil
        super.tearDown()
    }

    /// Runs `wbill card WORDS… --port PORT`.
    func card(_ words: String..., environment: [String: String?] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        try sandbox.wbill(["card"] + words + ["--port", port], environment: environment, file: file, line: line)
    }

    /// Inserts a card image file written from `text`.
    func insert(_ text: String, as name: String = "card.img") throws {
        try simulator.send("insert \(try sandbox.write(text, to: name))")
    }

    func testACommandWithoutAPortIsToldHowToNameOne() throws {
        XCTAssertRun(try sandbox.wbill("card", "status"), status: 64, stderr: """
            wbill: error: no card reader port: give --port DEV or set WBILL_CARD_PORT (`wbill card readers` lists the serial ports)

            """)
        XCTAssertRun(try sandbox.wbill(["--format", "tsv", "card", "status"], environment: ["WBILL_CARD_PORT": port]), status: 0, stdout: """
            port\treader\tcard\ttries_left\tcontents\tcard_number\taccount\tmeter\tpurchase_sequence\tcheck
            \(port)\tACR30-SIM 1.0\tnone\t\t\t\t\t\t\t

            """)
    }

    func testABlankCardIsReadyToBeOpened() throws {
        try simulator.send("insert blank")
        XCTAssertRun(try card("status"), status: 0, stdout: """
            Port:               \(port)
            Reader:             ACR30-SIM 1.0
            Card:               SLE4442 memory card
            Tries left:         3
            Contents:           blank (ready to be opened)
            Card number:
            Account:
            Meter:
            Purchase sequence:
            Check:

            """)
    }

    func testAWbillCardIsDecodedFieldByField() throws {
        let account = try sandbox.openAccount("Card homes", meter: "IC-000001")
        let keys = try CardImages.keys(of: sandbox)
        let purchase = CardPurchase(sequence: 3, volume: Volume(litres: 10_500), cumulative: Volume(litres: 30_250))
        try insert(CardImages.text(try CardImages.wbillCard(utilityCode: keys.utilityCode, cardNumber: 17, account: account,
                                                            meter: "IC-000001", purchase: purchase), code: "12 34 56"))
        XCTAssertRun(try card("status"), status: 0, stdout: """
            Port:               \(port)
            Reader:             ACR30-SIM 1.0
            Card:               SLE4442 memory card
            Tries left:         3
            Contents:           wbill customer card
            Card number:        17
            Account:            \(account)
            Meter:              IC-000001
            Purchase sequence:  3
            Check:              card 17 was not issued in this database

            """)
        XCTAssertRun(try card("read"), status: 0, stdout: """
            Port:                     \(port)
            Reader:                   ACR30-SIM 1.0
            Answer to reset:          A2 13 10 91
            Tries left:               3
            Contents:                 wbill customer card
            Layout version:           1
            Kind:                     customer
            Utility:                  this utility
            Card number:              17
            Replacement count:        0
            Account:                  \(account)
            Meter:                    IC-000001
            Purchase sequence:        3
            Purchased volume m3:      10.500
            Cumulative purchases m3:  30.250
            Purchase area:            whole
            Meter remaining m3:       0.000
            Meter cumulative use m3:  0.000
            Meter status:             0x0000
            Meter last sequence:      0
            Write back area:          whole
            Check:                    card 17 was not issued in this database

            """)
        XCTAssertTrue(try simulator.send("dump").hasPrefix("type sle4442, 3 of 3 code tries left, code changed\n"),
                      "reading presented no code")
    }

    func testWhereACardDisagreesWithTheDatabaseIsListed() throws {
        let account = try sandbox.openAccount("Card homes", meter: "IC-000001")
        let postpaid = try sandbox.openAccount("Residential", meter: "WM-000001")
        let keys = try CardImages.keys(of: sandbox)
        let cases: [(account: String, meter: String, utility: UInt32, check: String)] = [
            (account, "IC-000002", keys.utilityCode,
             "card 1 was not issued in this database; meter IC-000002 is not installed on account \(account)"),
            ("AC99999999", "IC-000001", keys.utilityCode, "no account AC99999999 in this database"),
            (postpaid, "WM-000001", keys.utilityCode,
             "card 1 was not issued in this database; account \(postpaid) is postpaid, not a card-meter (meter-prepaid) account"),
            (account, "IC-000001", keys.utilityCode ^ 1, "issued by another utility (utility code \(keys.utilityCode ^ 1))"),
        ]
        for (index, item) in cases.enumerated() {
            try insert(CardImages.text(try CardImages.wbillCard(utilityCode: item.utility, account: item.account, meter: item.meter)),
                       as: "card-\(index).img")
            let result = try sandbox.wbill(["--format", "tsv", "card", "status", "--port", port])
            XCTAssertEqual(result.status, 0, "\(result)")
            XCTAssertEqual(result.stdout.split(separator: "\n").last?.split(separator: "\t", omittingEmptySubsequences: false).last.map(String.init),
                           item.check)
            try simulator.send("remove")
        }
    }

    func testAForeignCardOrAnUnknownLayoutIsShownAndNoCodeIsPresentedToIt() throws {
        var foreign = CardImages.blankMemory
        foreign.replaceSubrange(32..<40, with: Array("OTHERSYS".utf8))
        try insert(CardImages.text(foreign, code: "AB CD EF"))
        XCTAssertEqual(try card("status").stdout.split(separator: "\n")[4], "Contents:           not a wbill card")
        XCTAssertRun(try card("read"), status: 0, stdout: """
            Port:                     \(port)
            Reader:                   ACR30-SIM 1.0
            Answer to reset:          A2 13 10 91
            Tries left:               3
            Contents:                 not a wbill card
            Layout version:
            Kind:
            Utility:
            Card number:
            Replacement count:
            Account:
            Meter:
            Purchase sequence:
            Purchased volume m3:
            Cumulative purchases m3:
            Purchase area:
            Meter remaining m3:
            Meter cumulative use m3:
            Meter status:
            Meter last sequence:
            Write back area:
            Check:

            """)
        XCTAssertTrue(try simulator.send("dump").hasPrefix("type sle4442, 3 of 3 code tries left, code changed\n"),
                      "the foreign card's error counter is untouched")
        try simulator.send("remove")
        var newer = try CardImages.wbillCard(utilityCode: 1, account: "AC00000001", meter: "IC-000001")
        newer[36] = 2
        try insert(CardImages.text(newer), as: "newer.img")
        XCTAssertEqual(try card("status").stdout.split(separator: "\n")[4],
                       "Contents:           unreadable: the card is written in card layout version 2, and this wbill knows version 1 only")
    }

    func testACardWithTriesUsedElsewhereIsSaidToBeUnwritable() throws {
        try insert(CardImages.text(CardImages.blankMemory, counter: "03"))
        XCTAssertEqual(try card("status").stdout.split(separator: "\n").last,
                       "Check:              only 2 of 3 security code tries left: the card cannot be written")
    }

    func testNoCardOrTheWrongTypeIsAnAnswerForStatusAndARefusalForRead() throws {
        XCTAssertRun(try card("read"), status: 69, stderr: "wbill: error: no card in the reader on \(port)\n")
        try simulator.send("insert cpu")
        XCTAssertEqual(try card("status").stdout.split(separator: "\n")[2], "Card:               microprocessor (T=0) card (not usable)")
        XCTAssertRun(try card("read"), status: 1,
                     stderr: "wbill: error: the card in the reader is a microprocessor (T=0) card, not an SLE4442 memory card\n")
    }

    func testASilentReaderAWrongSpeedAndABadChecksumEachEndTheCommandWithTheReason() throws {
        try simulator.send("fault stall")
        XCTAssertRun(try card("status"), status: 69, stderr: """
            wbill: error: the card reader on \(port) did not answer (get status) within 2 s: is it connected, switched on and set to the same speed?

            """)
        try simulator.send("fault clear")
        XCTAssertRun(try card("status", environment: ["WBILL_CARD_SPEED": "19200"]), status: 69, stderr: """
            wbill: error: the card reader on \(port) did not answer (get status) within 2 s: is it connected, switched on and set to the same speed?

            """)
        try simulator.send("fault corrupt")
        let corrupt = try card("status")
        XCTAssertEqual(corrupt.status, 69)
        XCTAssertTrue(corrupt.stderr.hasPrefix("wbill: error: the card reader on \(port) sent a reply that does not decode: bad checksum: "), corrupt.stderr)
        try simulator.send("fault noise")
        XCTAssertEqual(try card("status").status, 0, "noise before a reply is skipped")
        XCTAssertRun(try sandbox.wbill("card", "status", "--port", sandbox.file("ttyUSB7")), status: 69, stderr: """
            wbill: error: cannot open the serial port \(sandbox.file("ttyUSB7")): no such device; `wbill card readers` lists the serial ports

            """)
        XCTAssertRun(try sandbox.wbill("card", "status", "--port", "/dev/null"), status: 69, stderr: """
            wbill: error: /dev/null is not a serial port (not a terminal device); `wbill card readers` lists the serial ports

            """)
    }

    func testASecondCardCommandOnThePortIsToldItIsBusy() throws {
        try simulator.send("fault stall")
        let first = try sandbox.start(["card", "status", "--port", port])
        var waited = 0
        while !simulator.log.contains("(stalled: no reply)") && waited < 1000 {
            usleep(10_000)
            waited += 1
        }
        XCTAssertRun(try card("status"), status: 75, stderr: """
            wbill: error: the serial port \(port) is busy: another program, or another card command, is using it; try again when it has finished

            """)
        XCTAssertEqual(first.result(timeout: 10).status, 69, "the first one timed out on the stalled reader")
        try simulator.send("fault clear")
        XCTAssertEqual(try card("status").status, 0, "the port is free again")
    }

    func testReadersListsTheSerialPortsWithoutOpeningThem() throws {
        let result = try sandbox.wbill("--format", "csv", "card", "readers")
        XCTAssertEqual(result.status, 0, "\(result)")
        XCTAssertTrue(result.stdout.hasPrefix("port,kind,description\r\n"), result.stdout)
        XCTAssertEqual(result.stderr, "")
    }
}
