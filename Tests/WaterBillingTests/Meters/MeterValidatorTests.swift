import XCTest
@testable import WaterBilling
@testable import WBillSupport

final class MeterValidatorTests: XCTestCase {
    var fixture: TestDatabase!
    var validator: MeterValidator!

    override func setUpWithError() throws {
        fixture = try TestDatabase()
        try fixture.addStandardMeterTypes()
        try MeterGroupStore(database: fixture.database).add(name: "Route 1", reader: nil, masterSerial: nil, audit: fixture.audit)
        validator = try MeterValidator(database: fixture.database)
    }

    func problems(_ draft: MeterDraft) -> [MeterFieldProblem] {
        if case .invalid(let problems) = validator.validate(draft) { return problems }
        return []
    }

    func testAValidDraftIsNormalised() throws {
        guard case .valid(let meter) = validator.validate(MeterDraft(
            serial: "  wm-001 ", typeName: "dn20 MECHANICAL", caliber: "DN20", manufacturer: " Ningbo ",
            initialReading: "12.5", group: "route 1")) else { return XCTFail("expected valid") }
        XCTAssertEqual(meter.serial, "WM-001")
        XCTAssertEqual(meter.caliber, 20)
        XCTAssertEqual(meter.manufacturer, "Ningbo")
        XCTAssertEqual(meter.initialReading, Volume(litres: 12_500))
        XCTAssertNotNil(meter.groupID)
    }

    func testTheOnlyCaliberIsTheDefault() {
        guard case .valid(let meter) = validator.validate(MeterDraft(serial: "IC-1", typeName: "IC card DN15")) else {
            return XCTFail("expected valid")
        }
        XCTAssertEqual(meter.caliber, 15)
    }

    func testEveryBadFieldIsReportedAtOnce() {
        let found = problems(MeterDraft(serial: "WM 1", typeName: "DN20 mechanicl", caliber: "x", initialReading: "-1",
                                        group: "Route 9"))
        XCTAssertEqual(found.map(\.field), ["serial", "type", "caliber", "initial_reading", "group"])
        XCTAssertEqual(found[0].reason, "letters A-Z, digits and - _ . / only")
        XCTAssertEqual(found[1].reason, "no such meter type; did you mean 'DN20 mechanical'?")
        XCTAssertEqual(found[2].reason, "a caliber in mm such as 20 or DN20")
        XCTAssertEqual(found[3].reason, "a reading cannot be negative")
        XCTAssertEqual(found[4].reason, "no such meter group; did you mean 'Route 1'?")
    }

    func testCaliberMustBeOneOfTheType() {
        XCTAssertEqual(problems(MeterDraft(serial: "A", typeName: "DN20 mechanical", caliber: "25")).map(\.reason),
                       ["meter type 'DN20 mechanical' comes in 15, 20 mm"])
        XCTAssertEqual(problems(MeterDraft(serial: "A", typeName: "DN20 mechanical")).map(\.reason),
                       ["required: meter type 'DN20 mechanical' comes in 15, 20 mm"])
    }

    func testReadingLimits() {
        XCTAssertEqual(problems(MeterDraft(serial: "A", typeName: "IC card DN15", initialReading: "1.2345")).map(\.reason),
                       ["a reading in m³ with at most 3 decimals, such as 12.5"])
        XCTAssertEqual(problems(MeterDraft(serial: "A", typeName: "IC card DN15", initialReading: "100000")).map(\.reason),
                       ["more than a 5-digit register shows"])
        XCTAssertTrue(problems(MeterDraft(serial: "A", typeName: "IC card DN15", initialReading: "99999.999")).isEmpty)
    }

    func testSerialRules() {
        XCTAssertEqual(problems(MeterDraft(serial: "   ", typeName: "IC card DN15")).map(\.reason), ["a serial is required"])
        XCTAssertEqual(problems(MeterDraft(serial: String(repeating: "A", count: 65), typeName: "IC card DN15")).map(\.reason),
                       ["at most 64 characters"])
        XCTAssertEqual(problems(MeterDraft(serial: "水表1", typeName: "IC card DN15")).map(\.reason),
                       ["letters A-Z, digits and - _ . / only"])
    }

    func testControlCharactersAreRefusedButUnicodeTextIsNot() {
        XCTAssertTrue(problems(MeterDraft(serial: "A", typeName: "IC card DN15", location: "北京市海淀区 3号楼")).isEmpty)
        XCTAssertEqual(problems(MeterDraft(serial: "A", typeName: "IC card DN15", location: "a\u{7}b")).map(\.field), ["location"])
        XCTAssertEqual(problems(MeterDraft(serial: "A", typeName: "IC card DN15", model: "x\u{85}y")).map(\.field), ["model"])
    }
}
