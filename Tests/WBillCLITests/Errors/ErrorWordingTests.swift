@testable import WBillCLI
@testable import WaterBilling
import XCTest
@testable import WBillSupport

/// The command line's wording of domain errors: the library states the facts (no options, no
/// commands, no rule numbers), the command line adds the commands and options that fix them.
final class ErrorWordingTests: XCTestCase {
    /// Asserts the library's plain text and what `wbill: error: …` shows.
    func assertWording(_ error: ClassifiedError, plain: String, worded: String, details: [String] = [],
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(error.description, plain, file: file, line: line)
        XCTAssertFalse(Self.hasCommandLineWords(error.description) || error.details.contains(where: Self.hasCommandLineWords),
                       "the library's text names options, commands or rules: \(error.description)", file: file, line: line)
        XCTAssertEqual(ErrorWording.text(for: error), ErrorText(message: worded, details: details), file: file, line: line)
    }

    /// An option (`--db`), a command (`` `wbill init` ``) or a rule number (`rule 4`).
    static func hasCommandLineWords(_ text: String) -> Bool {
        text.range(of: #"(^|[\s(`'])--[a-z]|[`'(]wbill [a-z]|rule [0-9]"#, options: .regularExpression) != nil
    }

    func testDatabaseFiles() {
        assertWording(DatabaseFileError.missing(path: "/w.db"), plain: "no database at /w.db",
                      worded: "no database at /w.db; create it with `wbill init` or choose another with --db")
        assertWording(DatabaseFileError.outdatedSchema(path: "/w.db", found: 1, needed: 2),
                      plain: "/w.db has schema version 1 and this wbill needs 2; it must be migrated first",
                      worded: "/w.db has schema version 1 and this wbill needs 2; run `wbill db migrate` (after `wbill db backup`)")
        assertWording(DatabaseFileError.isDirectory(path: "/w"), plain: "/w is a directory, not a database file",
                      worded: "/w is a directory, not a database file")
        assertWording(BackupError.targetExists(path: "/b.db"), plain: "/b.db already exists",
                      worded: "/b.db already exists; use --force to replace it")
        assertWording(BackupError.sameFile(path: "/w.db"), plain: "/w.db is the database itself; choose another file",
                      worded: "/w.db is the database itself; choose another file")
    }

    func testTariffs() {
        assertWording(TariffStoreError.duplicateName("flat"), plain: "a tariff named 'flat' exists already",
                      worded: "a tariff named 'flat' exists already; add a version with 'wbill tariff edit flat --file FILE --effective DATE'")
        assertWording(TariffStoreError.unknownTariff(name: "flt", suggestion: "flat"), plain: "no tariff named 'flt'; did you mean 'flat'?",
                      worded: "no tariff named 'flt'; did you mean 'flat'?")
    }

    func testCustomers() {
        assertWording(CustomerError.notFound(9), plain: "no customer 9", worded: "no customer 9; `wbill customer list` shows customer numbers")
        assertWording(CustomerError.invalidInformation([CustomerFieldProblem(field: .idNumber, value: "x", reason: "r")]),
                      plain: "id_number 'x': r", worded: "--id-number 'x': r")
        assertWording(CustomerError.invalidInformation([CustomerFieldProblem(field: .phone, value: "", reason: "required"),
                                                        CustomerFieldProblem(field: .persons, value: "0", reason: "1 to 999")]),
                      plain: "the basic information has 2 problems", worded: "the basic information has 2 problems",
                      details: ["  --phone: required", "  --persons '0': 1 to 999"])
    }

    func testAccounts() {
        assertWording(AccountError.notFound("AC99"), plain: "no account 'AC99'",
                      worded: "no account 'AC99'; find it with `wbill customer list --search TEXT`")
        assertWording(AccountError.cardMeter("AC00000001"),
                      plain: "account AC00000001 is a card-meter (meter-prepaid) account: its recharges and refunds go through the IC card",
                      worded: "account AC00000001 is a card-meter (meter-prepaid) account: its recharges and refunds go through the IC card; its history is in `wbill account transactions AC00000001`")
    }

    func testAnErrorWithoutWordingIsShownAsItIs() {
        let error = UsageError("missing argument FILE", command: "wbill tariff add")
        XCTAssertEqual(ErrorWording.text(for: error),
                       ErrorText(message: "missing argument FILE", details: ["Run 'wbill tariff add --help' for usage."]))
    }
}
