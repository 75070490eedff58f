import WaterBilling
import XCTest

final class BasicInformationTests: XCTestCase {
    func testWhatEachWaterNatureRequires() {
        XCTAssertEqual(BasicInformation.required(for: .residential), [.name, .idNumber, .phone, .address, .persons])
        XCTAssertEqual(BasicInformation.required(for: .commercial), [.name, .taxNumber, .contact, .phone, .address])
        XCTAssertEqual(BasicInformation.required(for: .industrial), [.name, .taxNumber, .contact, .phone, .address])
        XCTAssertEqual(BasicInformation.required(for: .public), [.name, .contact, .phone, .address])
        XCTAssertEqual(BasicInformation.required(for: .statistical), [.name, .address])
        XCTAssertEqual(BasicInformation.missing(in: CustomerDraft([.name: "A", .idNumber: " "]), for: .residential),
                       [.idNumber, .phone, .address, .persons])
    }

    func testValuesAreCheckedAndNormalised() {
        let draft = CustomerDraft([.name: "  Wang Fang ", .idNumber: "11010119900307123x", .phone: "+86 (10) 1234-5678",
                                   .address: "Building 3", .persons: "03", .email: "wf@example.com"])
        guard case .valid(let valid) = BasicInformation.validate(draft, for: .residential) else { return XCTFail("invalid") }
        XCTAssertEqual(valid.value(.name), "Wang Fang")
        XCTAssertEqual(valid.value(.idNumber), "11010119900307123X")
        XCTAssertEqual(valid.value(.persons), "3")
        XCTAssertEqual(valid.value(.email), "wf@example.com")
        XCTAssertNil(valid.value(.taxNumber))
    }

    func testEveryProblemIsReportedAtOnce() {
        let draft = CustomerDraft([.name: "Shop", .taxNumber: "91/110", .phone: "12", .email: "no-at", .persons: "1000"])
        XCTAssertEqual(BasicInformation.validate(draft, for: .commercial), .invalid([
            CustomerFieldProblem(field: .contact, value: "", reason: "required for commercial customers"),
            CustomerFieldProblem(field: .address, value: "", reason: "required for commercial customers"),
            CustomerFieldProblem(field: .taxNumber, value: "91/110", reason: "4 to 32 letters, digits or '-'"),
            CustomerFieldProblem(field: .phone, value: "12", reason: "a phone number: digits, spaces and + - ( ), at least 3 digits"),
            CustomerFieldProblem(field: .email, value: "no-at", reason: "an e-mail address such as name@example.com"),
            CustomerFieldProblem(field: .persons, value: "1000", reason: "a whole number of persons, 1 to 999"),
        ]))
        XCTAssertEqual(CustomerError.invalidInformation([CustomerFieldProblem(field: .persons, value: "0", reason: "r")]).description,
                       "persons '0': r")
    }
}
