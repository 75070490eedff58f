#if canImport(Glibc)
import Glibc
#endif
@testable import WBillCLI
import WaterBilling
import XCTest
@testable import WBillSupport

/// Global options and the environment resolved into `Settings`.
final class SettingsTests: XCTestCase {
    func settings(_ words: [String] = [], _ environment: [String: String] = [:], terminal: Bool = false) throws -> Settings {
        let invocation = try ArgumentParser(table: .standard).parse(words + ["audit", "list"])
        return try Settings.resolve(globals: invocation.globals, environment: environment, stdoutIsTerminal: terminal)
    }

    func testDatabasePathPrecedence() throws {
        let environment = ["HOME": "/home/ann", "XDG_DATA_HOME": "/data", "WBILL_DB": "/env/w.db"]
        XCTAssertEqual(try settings(["--db", "/opt/x.db"], environment).databasePath, "/opt/x.db")
        XCTAssertEqual(try settings([], environment).databasePath, "/env/w.db")
        XCTAssertEqual(try settings([], ["HOME": "/home/ann", "XDG_DATA_HOME": "/data"]).databasePath, "/data/wbill/wbill.db")
        XCTAssertEqual(try settings([], ["HOME": "/home/ann", "WBILL_DB": ""]).databasePath,
                       "/home/ann/.local/share/wbill/wbill.db")
        // XDG_DATA_HOME must be absolute to count (XDG Base Directory rules).
        XCTAssertEqual(try settings([], ["HOME": "/home/ann", "XDG_DATA_HOME": "rel"]).databasePath,
                       "/home/ann/.local/share/wbill/wbill.db")
    }

    func testOperatorPrecedence() throws {
        let loginName = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        XCTAssertEqual(try settings(["--operator", "ann"], ["WBILL_OPERATOR": "bob"]).operatorName, "ann")
        XCTAssertEqual(try settings([], ["WBILL_OPERATOR": "bob"]).operatorName, "bob")
        XCTAssertEqual(try settings([], ["WBILL_OPERATOR": ""]).operatorName, loginName)
        XCTAssertEqual(try settings([], ["WBILL_OPERATOR": "  \t"]).operatorName, loginName, "a blank variable counts as unset")
        XCTAssertEqual(try settings([], [:]).operatorName, loginName)
        XCTAssertEqual(try settings(["--operator", " ann "]).operatorName, "ann")
        XCTAssertThrowsError(try settings(["--operator", " \t"])) { error in
            XCTAssertEqual(error as? UsageError, UsageError("the operator name is empty; pass --operator NAME").withoutHint())
        }
    }

    func testBusyTimeOutPrecedenceAndRange() throws {
        XCTAssertEqual(try settings([]).busyTimeoutSeconds, 60)
        XCTAssertEqual(try settings([], ["WBILL_BUSY_TIMEOUT": "300"]).busyTimeoutSeconds, 300)
        XCTAssertEqual(try settings([], ["WBILL_BUSY_TIMEOUT": " "]).busyTimeoutSeconds, 60, "a blank variable counts as unset")
        XCTAssertEqual(try settings(["--busy-timeout", "0"], ["WBILL_BUSY_TIMEOUT": "300"]).busyTimeoutSeconds, 0)
        XCTAssertEqual(try settings(["--busy-timeout", "3600"]).busyTimeoutSeconds, 3600)
        XCTAssertThrowsError(try settings(["--busy-timeout", "-1"])) { error in
            XCTAssertEqual(error as? UsageError,
                           UsageError("invalid value '-1' for --busy-timeout: expected whole seconds from 0 to 3600").withoutHint())
        }
        XCTAssertThrowsError(try settings([], ["WBILL_BUSY_TIMEOUT": "5s"])) { error in
            XCTAssertEqual(error as? UsageError,
                           UsageError("WBILL_BUSY_TIMEOUT: expected whole seconds from 0 to 3600, found '5s'").withoutHint())
        }
    }

    func testColourOnlyOnATerminalWithoutNoColor() throws {
        XCTAssertTrue(try settings([], [:], terminal: true).color)
        XCTAssertTrue(try settings([], ["NO_COLOR": ""], terminal: true).color)
        XCTAssertFalse(try settings([], ["NO_COLOR": "1"], terminal: true).color)
        XCTAssertFalse(try settings(["--no-color"], [:], terminal: true).color)
        XCTAssertFalse(try settings([], ["TERM": "dumb"], terminal: true).color)
        XCTAssertFalse(try settings([], [:], terminal: false).color)
    }

    func testFormatQuietAndClock() throws {
        XCTAssertEqual(try settings([]).format, .table)
        XCTAssertEqual(try settings(["--format", "tsv"]).format, .tsv)
        XCTAssertFalse(try settings([]).quiet)
        XCTAssertTrue(try settings(["-q"]).quiet)
        XCTAssertEqual(try settings([], ["WBILL_NOW": "2026-11-23T10:45:12.345Z"]).now.description, "2026-11-23T10:45:12.345Z")
        XCTAssertEqual(try settings([], ["WBILL_NOW": "2026-11-23"]).now.description, "2026-11-23T00:00:00.000Z")
        let before = Timestamp.now()
        let now = try settings([], [:]).now
        XCTAssertGreaterThanOrEqual(now, before)
        XCTAssertLessThan(now.millisecondsSinceEpoch - before.millisecondsSinceEpoch, 60_000)
        XCTAssertThrowsError(try settings([], ["WBILL_NOW": "now"]))
    }
}
