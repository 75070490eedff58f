@testable import WBillCLI
@testable import WaterBilling
import XCTest
@testable import WBillSupport

/// The command line's wording of domain errors: the library states the facts (no options, no
/// commands, no rule numbers), the command line adds the commands and options that fix them.
final class ErrorWordingTests: XCTestCase {
    let cny = Currency.cny

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

    func testCustomerTypes() {
        assertWording(CatalogueError.notFound(entity: "tariff", name: "Commercial", suggestion: nil),
                      plain: "no tariff named 'Commercial'",
                      worded: "no tariff named 'Commercial'; add it first with `wbill tariff add`")
        assertWording(CatalogueError.notFound(entity: "tariff", name: "Residental", suggestion: "Residential"),
                      plain: "no tariff named 'Residental'; did you mean 'Residential'?",
                      worded: "no tariff named 'Residental'; did you mean 'Residential'?")
        assertWording(CatalogueError.notFound(entity: "meter type", name: "DN21", suggestion: nil),
                      plain: "no meter type named 'DN21'", worded: "no meter type named 'DN21'")
        assertWording(CatalogueError.noCustomerTypes, plain: "there are no customer types yet",
                      worded: "there are no customer types yet; add one with `wbill customer-type add`")
        assertWording(CatalogueError.meterTypeRequired(mode: .postpaid),
                      plain: "a customer type needs at least one meter type; business mode postpaid takes postpaid meter types",
                      worded: "a customer type needs at least one meter type (--meter-type); business mode postpaid takes postpaid meter types")
        assertWording(CatalogueError.tariffRequired(mode: .systemPrepaid),
                      plain: "a customer type that charges needs a tariff of kind system-prepaid",
                      worded: "a customer type that charges needs a tariff (--tariff) of kind system-prepaid; use --charge no for one that bills nothing")
        assertWording(CatalogueError.channelRequired,
                      plain: "a customer type that charges needs at least one payment channel (one of cash, bank-transfer, bank-collection, wechat, alipay, unionpay-pos)",
                      worded: "a customer type that charges needs at least one payment channel (--channel: cash, bank-transfer, bank-collection, wechat, alipay, unionpay-pos)")
        assertWording(CatalogueError.freeTypeTakesNoTariffOrChannels,
                      plain: "a customer type that does not charge bills nothing, so it takes no tariff and no payment channels",
                      worded: "a customer type with --charge no bills nothing, so it takes no tariff and no payment channels")
        assertWording(CatalogueError.meterTypePaymentModel(meterType: "IC card DN15", paymentModel: .prepaid, mode: .postpaid),
                      plain: "meter type 'IC card DN15' is prepaid, but business mode postpaid needs postpaid meter types; choose a postpaid meter type, or business mode meter-prepaid for this one",
                      worded: "meter type 'IC card DN15' is prepaid, but business mode postpaid needs postpaid meter types; choose a postpaid meter type, or business mode meter-prepaid for this one")
        assertWording(CatalogueError.noEligibleMeters(customerType: "Residential", meterTypes: ["DN20 mechanical", "DN25"]),
                      plain: "no meter in stock is of a type customer type 'Residential' allows (DN20 mechanical, DN25)",
                      worded: "no meter in stock is of a type customer type 'Residential' allows (DN20 mechanical, DN25); add one with `wbill meter add` or `wbill meter import`")
    }

    func testMeters() {
        assertWording(CatalogueError.meterStateNotEditable(serial: "WM-1", state: .removed),
                      plain: "meter WM-1 is removed; an edit moves a meter only between in-stock and faulty",
                      worded: "meter WM-1 is removed; edit moves a meter only between in-stock and faulty (installing and removing go through the customer's account, retiring through `wbill meter retire`)")
        assertWording(CatalogueError.meterInstalled(serial: "WM-1", account: "AC00000001"),
                      plain: "meter WM-1 is installed on account AC00000001",
                      worded: "meter WM-1 is installed on account AC00000001; take it off the account first (customer close or a meter exchange)")
        assertWording(CatalogueError.meterGroupNotEmpty(name: "Route 7", meters: 2), plain: "meter group 'Route 7' has 2 meters",
                      worded: "meter group 'Route 7' has 2 meters; use --force to delete it and leave them ungrouped")
        assertWording(CatalogueError.meterNotInGroup(serial: "WM-1", group: "Route 7"), plain: "meter WM-1 is not in group 'Route 7'",
                      worded: "meter WM-1 is not in group 'Route 7'")
        let group = MeterFieldProblem(field: "group", value: "Route 9", reason: "no such meter group",
                                      cause: .unknownMeterGroup(suggestion: nil))
        assertWording(MeterDraftError(problems: [group]), plain: "group 'Route 9': no such meter group",
                      worded: "group 'Route 9': no such meter group; add it with `wbill meter group add`")
        let near = MeterFieldProblem(field: "group", value: "Route 9", reason: "no such meter group; did you mean 'Route 1'?",
                                     cause: .unknownMeterGroup(suggestion: "Route 1"))
        let caliber = MeterFieldProblem(field: "caliber", value: "x", reason: "a caliber in mm such as 20 or DN20")
        assertWording(MeterDraftError(problems: [near, caliber]), plain: "the meter has 2 problems",
                      worded: "the meter has 2 problems",
                      details: ["  group 'Route 9': no such meter group; did you mean 'Route 1'?",
                                "  caliber 'x': a caliber in mm such as 20 or DN20"])
    }

    func testMeterImports() {
        var summary = MeterImportSummary()
        summary.problems = [
            MeterImportProblem(line: 2, column: "serial", value: "WM-1", reason: "duplicate serial: already in the database",
                               cause: .duplicateSerial),
            MeterImportProblem(line: 3, column: "group", value: "R", reason: "no such meter group", cause: .unknownMeterGroup(suggestion: nil)),
            MeterImportProblem(line: 4, column: nil, value: "", reason: "expected 3 fields as in the header, found 2"),
        ]
        summary.problemCount = 5
        assertWording(MeterImportError(source: "m.csv", summary: summary, batched: false),
                      plain: "m.csv: 5 problems in bad rows; nothing was imported",
                      worded: "m.csv: 5 problems in bad rows; nothing was imported",
                      details: ["m.csv:2: serial 'WM-1': duplicate serial: already in the database (see --on-duplicate)",
                                "m.csv:3: group 'R': no such meter group; add it with `wbill meter group add`",
                                "m.csv:4: expected 3 fields as in the header, found 2",
                                "… and 2 more; use --skip-invalid --rejects FILE to list them all"])
        XCTAssertEqual(MeterImportError(source: "m.csv", summary: summary, batched: false).details.last, "… and 2 more")
        XCTAssertEqual(ProblemWording.rejectReason(Array(summary.problems.prefix(2))),
                       "serial 'WM-1': duplicate serial: already in the database (see --on-duplicate); group 'R': no such meter group; add it with `wbill meter group add`")
    }

    func testCustomers() {
        assertWording(CustomerError.notFound(9), plain: "no customer 9", worded: "no customer 9; `wbill customer list` shows customer numbers")
        assertWording(CustomerError.invalidInformation([CustomerFieldProblem(field: .idNumber, value: "x", reason: "r")]),
                      plain: "id_number 'x': r", worded: "--id-number 'x': r")
        assertWording(CustomerError.invalidInformation([CustomerFieldProblem(field: .phone, value: "", reason: "required"),
                                                        CustomerFieldProblem(field: .persons, value: "0", reason: "1 to 999")]),
                      plain: "the basic information has 2 problems", worded: "the basic information has 2 problems",
                      details: ["  --phone: required", "  --persons '0': 1 to 999"])
        let unknown = RegistrationProblem(field: "meter", value: "NOPE-1", reason: "no such meter", failureKind: .refused, cause: .unknownMeter)
        let faulty = RegistrationProblem(field: "meter", value: "WM-3", reason: "is not in stock: it is marked faulty", failureKind: .refused)
        assertWording(CustomerError.meterProblems([unknown]), plain: "meter 'NOPE-1': no such meter",
                      worded: "meter 'NOPE-1': no such meter; add it with `wbill meter add` or `wbill meter import`")
        assertWording(CustomerError.meterProblems([unknown, faulty]), plain: "2 problems with the meters", worded: "2 problems with the meters",
                      details: ["  meter 'NOPE-1': no such meter; add it with `wbill meter add` or `wbill meter import`",
                                "  meter 'WM-3': is not in stock: it is marked faulty"])
        assertWording(CustomerImportError(source: "c.csv", problems: [
                          CustomerImportProblem(line: 5, column: "meters", value: "WM-9", reason: "no such meter", cause: .unknownMeter),
                          CustomerImportProblem(line: 6, column: "phone", value: "", reason: "required")], problemCount: 2, rows: 6),
                      plain: "c.csv: 2 bad rows of 6; nothing was imported", worded: "c.csv: 2 bad rows of 6; nothing was imported",
                      details: ["c.csv:5: meters 'WM-9': no such meter; add it with `wbill meter add` or `wbill meter import`",
                                "c.csv:6: phone: required"])
    }

    func testTransfersAndClosing() throws {
        assertWording(CustomerError.transferDateNotAfterHolding(holder: "Li Lei", account: "AC00000001", since: "2026-12-01"),
                      plain: "Li Lei has held account AC00000001 since 2026-12-01; the transfer date must be after that",
                      worded: "Li Lei has held account AC00000001 since 2026-12-01; the transfer date must be after that (to correct the holder's details use `wbill customer edit`)")
        let balance = try Money(parsing: "20.00", currency: cny)
        assertWording(CustomerError.closeWithBalance(account: "AC00000001", balance: balance, cardMeter: false),
                      plain: "account AC00000001 has a balance of 20.00 CNY; it can be closed once that is refunded",
                      worded: "account AC00000001 has a balance of 20.00 CNY; refund it first (`wbill account refund AC00000001 --amount 20.00 --channel CHANNEL`)")
        assertWording(CustomerError.closeWithBalance(account: "AC00000002", balance: balance, cardMeter: true),
                      plain: "account AC00000002 has a balance of 20.00 CNY; it can be closed once that is refunded through the IC card",
                      worded: "account AC00000002 has a balance of 20.00 CNY; refund it first through the IC card")
        assertWording(CustomerError.missingReadings(account: "AC00000001", serials: ["WM-1", "WM-2"], unit: .cubicMetres),
                      plain: "closing account AC00000001 needs a final reading of each meter on it: WM-1, WM-2",
                      worded: "closing account AC00000001 needs a final reading of each meter on it: --reading WM-1=M3 --reading WM-2=M3")
        assertWording(CustomerError.missingReadings(account: "AC00000001", serials: ["WM-1"], unit: .hundredCubicFeet),
                      plain: "closing account AC00000001 needs a final reading of each meter on it: WM-1",
                      worded: "closing account AC00000001 needs a final reading of each meter on it: --reading WM-1=CCF")
        assertWording(CustomerError.alreadyClosed(account: "AC00000001", closedAt: "2026-12-01T00:00:00.000Z"),
                      plain: "account AC00000001 is already closed (at 2026-12-01T00:00:00.000Z)",
                      worded: "account AC00000001 is already closed (at 2026-12-01T00:00:00.000Z)")
    }

    func testAccounts() {
        assertWording(AccountError.notFound("AC99"), plain: "no account 'AC99'",
                      worded: "no account 'AC99'; find it with `wbill customer list --search TEXT`")
        assertWording(AccountError.cardMeter("AC00000001"),
                      plain: "account AC00000001 is a card-meter (meter-prepaid) account: its recharges and refunds go through the IC card",
                      worded: "account AC00000001 is a card-meter (meter-prepaid) account: its recharges and refunds go through the IC card; its history is in `wbill account transactions AC00000001`")
        assertWording(AccountError.invalidAccountDigits(3), plain: "account numbers have 4 to 12 digits (got 3)",
                      worded: "account numbers have 4 to 12 digits (got 3)")
    }

    func testAnErrorWithoutWordingIsShownAsItIs() {
        let error = UsageError("missing argument FILE", command: "wbill tariff add")
        XCTAssertEqual(ErrorWording.text(for: error),
                       ErrorText(message: "missing argument FILE", details: ["Run 'wbill tariff add --help' for usage."]))
    }
}
