@testable import WBillCLI
import WaterBilling
import XCTest
@testable import WBillSupport

/// Answers from a script; everything written is kept as the transcript.
private final class ScriptedPromptIO: PromptIO {
    var answers: [String]
    var transcript = ""

    init(_ answers: [String]) {
        self.answers = answers
    }

    func write(_ text: String) {
        transcript += text
    }

    func readLine() -> String? {
        guard !answers.isEmpty else { return nil }
        let answer = answers.removeFirst()
        transcript += answer + "\n"
        return answer
    }
}

final class PromptTests: XCTestCase {
    func testAskRepeatsUntilAnAnswerIsAccepted() throws {
        let io = ScriptedPromptIO(["", "  x ", "42"])
        let value = try Prompter(io: io).ask("Number: ") { answer in
            Int(answer).map { .success($0) } ?? .failure(PromptRejection("'\(answer)' is not a number"))
        }
        XCTAssertEqual(value, 42)
        XCTAssertEqual(io.transcript, "Number: \nNumber:   x \n  'x' is not a number\nNumber: 42\n")
    }

    func testTheEndOfInputStopsWithAUsageError() {
        let io = ScriptedPromptIO([])
        XCTAssertThrowsError(try Prompter(io: io).ask("Name: ") { .success($0) }) { error in
            XCTAssertEqual(error as? UsageError,
                           UsageError("the input ended before every question was answered; nothing was written").withoutHint())
        }
        XCTAssertEqual(io.transcript, "Name: \n")
    }

    func testChooseTakesANumberOrANameAndSuggestsTheNearest() throws {
        let io = ScriptedPromptIO(["3", "residental", "shops"])
        let chosen = try Prompter(io: io).choose("Type: ", items: ["Residential", "Shops"], line: { $0 }, name: { $0 })
        XCTAssertEqual(chosen, "Shops")
        XCTAssertEqual(io.transcript, """
              1) Residential
              2) Shops
            Type: 3
              choose a number from 1 to 2
            Type: residental
              no 'residental' in the list; did you mean 'Residential'?
            Type: shops

            """)
    }

    func testTheStartOfOneNameIsEnough() throws {
        let io = ScriptedPromptIO(["pre", "prepaid s"])
        XCTAssertEqual(try Prompter(io: io).choose("Type: ", items: ["Prepaid homes", "Prepaid shops", "Residential"], line: { $0 }, name: { $0 }),
                       "Prepaid shops")
        XCTAssertEqual(try Prompter(io: ScriptedPromptIO(["res"])).choose("Type: ", items: ["Prepaid homes", "Residential"], line: { $0 }, name: { $0 }),
                       "Residential")
        XCTAssertEqual(io.transcript.components(separatedBy: "\n").filter { $0.hasPrefix("  '") },
                       ["  'pre' starts Prepaid homes, Prepaid shops; type more of the name"])
    }

    func testARegistrationAsksEachStep() throws {
        let database = try registrationDatabase()
        let io = ScriptedPromptIO(["2", "0", "4", "9", "2 WM-3"])
        let questions = RegistrationQuestions(prompter: Prompter(io: io), database: database)
        let type = try questions.chooseType()
        XCTAssertEqual(type.name, "Residential")
        XCTAssertEqual(try questions.ask(.persons), "4")
        XCTAssertEqual(try questions.chooseMeters(for: type), ["WM-2", "WM-3"])
        XCTAssertEqual(io.transcript, """
            Customer types:
              1) Prepaid homes (residential, system-prepaid)
              2) Residential (residential, postpaid)
            Customer type (number or name): 2
            Household size (persons): 0
              a whole number of persons, 1 to 999
            Household size (persons): 4
            In-stock meters customer type 'Residential' allows (3):
              1) WM-1  DN20 mechanical  Building 1
              2) WM-2  DN20 mechanical  Building 2
              3) WM-3  DN20 mechanical  Building 3
            Meters (numbers or serials, separated by spaces): 9
              9 is not in the list (1 to 3)
            Meters (numbers or serials, separated by spaces): 2 WM-3

            """)
    }

    func testNoEligibleMetersIsSaidBeforeAsking() throws {
        let database = try registrationDatabase(meters: 0)
        let io = ScriptedPromptIO(["1"])
        let questions = RegistrationQuestions(prompter: Prompter(io: io), database: database)
        let type = try CustomerTypeStore(database: database).named("Residential")
        XCTAssertThrowsError(try questions.chooseMeters(for: type)) { error in
            XCTAssertEqual(error as? CatalogueError, .noEligibleMeters(customerType: "Residential", meterTypes: ["DN20 mechanical"]))
        }
        XCTAssertEqual(io.transcript, "")
    }

    /// A migrated in-memory database with two customer types and `meters` meters in stock.
    private func registrationDatabase(meters: Int = 3) throws -> Database {
        let database = try Database(path: ":memory:", mode: .create)
        let time = Timestamp(millisecondsSinceEpoch: 1_795_000_000_000)
        try Migrator().migrate(database, context: AuditContext(operatorName: "tester", command: "test", time: time))
        let audit = AuditTrail(database: database, context: AuditContext(operatorName: "t", command: "test", time: time))
        try MeterTypeStore(database: database).add(
            MeterTypeDraft(name: "DN20 mechanical", kind: .mechanical, paymentModel: .postpaid, calibers: [20]), audit: audit)
        for index in 0..<meters {
            try MeterStore(database: database).add(
                MeterDraft(serial: "WM-\(index + 1)", typeName: "DN20 mechanical", location: "Building \(index + 1)"), audit: audit)
        }
        for (name, mode) in [("Residential", BusinessMode.postpaid), ("Prepaid homes", .systemPrepaid)] {
            try CustomerTypeStore(database: database).add(
                CustomerTypeDraft(name: name, waterNature: .residential, businessMode: mode, meterTypes: ["DN20 mechanical"],
                                  charges: false), audit: audit)
        }
        return database
    }
}
