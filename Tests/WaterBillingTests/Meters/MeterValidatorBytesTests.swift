import WBillTestSupport
import XCTest
@testable import WaterBilling
@testable import WBillSupport

/// The check of a row's bytes (`validatedRow`) never disagrees with the full check (`validate`):
/// whatever it accepts, `validate` accepts as the very same meter; what it passes on, `validate`
/// decides. Rows are drawn from values that sit on every edge of both checks.
final class MeterValidatorBytesTests: XCTestCase {
    var fixture: TestDatabase!
    var validator: MeterValidator!

    override func setUpWithError() throws {
        fixture = try TestDatabase()
        try fixture.addStandardMeterTypes()
        for name in ["Route 1", "一区"] {
            try MeterGroupStore(database: fixture.database).add(name: name, reader: nil, masterSerial: nil, audit: fixture.audit)
        }
        validator = try MeterValidator(database: fixture.database)
    }

    /// `validatedRow` of the draft's bytes, as a `ValidMeter`.
    func checkBytes(_ draft: MeterDraft) -> ValidMeter? {
        let fields = [draft.serial, draft.typeName, draft.caliber, draft.manufacturer, draft.model, draft.initialReading,
                      draft.location, draft.group].map { Array($0.utf8) }
        let storage = fields.map { bytes in
            let pointer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            _ = pointer.initialize(from: bytes)
            return UnsafeBufferPointer(rebasing: pointer[..<bytes.count])
        }
        defer { storage.forEach { UnsafeMutableRawPointer(mutating: $0.baseAddress!).deallocate() } }
        return validator.validatedRow(MeterDraftBytes(
            serial: storage[0], typeName: storage[1], caliber: storage[2], manufacturer: storage[3], model: storage[4],
            initialReading: storage[5], location: storage[6], group: storage[7]))?.validMeter
    }

    let serials = ["WM-001", "IC/2.A_B", "X" + String(repeating: "9", count: 63), "wm-001", " WM-1", "WM-1 ", "", "WM 3",
                   String(repeating: "X", count: 65), "水表-6", "ß1", "A\u{3000}"]
    let types = ["DN20 mechanical", "IC card DN15", "dn20 mechanical", " DN20 mechanical", "IC card DN15\u{3000}", "Nope", "",
                 "DN20  mechanical"]
    let calibers = ["", "20", "15", "DN20", "dn15", "Dn20", "020", "0020", "00020", "+20", "-20", " 20", "20 ", "25", "big", "DN",
                    "0", "２０", "1e1"]
    let readings = ["", "0", "0.000", "12.5", "99999.999", "007", "0.0", "1.2345", "-1", "+1", "100000", ".5", "1.", "1e3", " 1",
                    "1 ", "٣", "-0", "123456789012", "1234567890123", "99999.9991"]
    let texts = ["", "Ningbo", "Block 3, unit \"1\"", "宁波水表", "3栋1单元", "e\u{301}", "\u{301}e", " Ningbo", "Ningbo ", "宁波\u{3000}",
                 "\u{3000}宁波", "a\u{1}b", "a\nb", "a\r\nb", "a\rb", "\tx", "a\u{7F}b", "a\u{85}b", "a\u{A0}", "\u{A0}a", "a\u{200B}",
                 String(repeating: "m", count: 200), String(repeating: "m", count: 201), String(repeating: "水", count: 67),
                 String(repeating: "水", count: 70)]
    let groups = ["", "Route 1", "一区", "route 1", " Route 1", "Route 1\u{3000}", "Route 9", "  ", "\u{3000}"]

    func testWhatTheBytesCheckAcceptsTheFullCheckAcceptsAsTheSameMeter() {
        var generator = SplitMix64(seed: 0x6D65_7465_7273)
        // Plain values (the first few of each list) more often than the edges, so both paths run a lot.
        func pick(_ values: [String], plain: Int) -> String {
            values[Int(generator.next() % 2 == 0 ? generator.next() % UInt64(plain) : generator.next() % UInt64(values.count))]
        }
        var accepted = 0
        for _ in 0..<20_000 {
            let draft = MeterDraft(serial: pick(serials, plain: 3), typeName: pick(types, plain: 2), caliber: pick(calibers, plain: 5),
                                   manufacturer: pick(texts, plain: 7), model: pick(texts, plain: 7),
                                   initialReading: pick(readings, plain: 7), location: pick(texts, plain: 7),
                                   group: pick(groups, plain: 3))
            guard let fast = checkBytes(draft) else { continue }
            accepted += 1
            XCTAssertEqual(validator.validate(draft), .valid(fast), "\(draft)")
        }
        XCTAssertGreaterThan(accepted, 500, "the bytes check should take the plain rows")
    }

    func testPlainRowsInAnyScriptPassTheBytesCheck() {
        for draft in [
            MeterDraft(serial: "WM-00000001", typeName: "DN20 mechanical", caliber: "20", manufacturer: "Ningbo Water Meter",
                       model: "LXS-20E", initialReading: "0.000", location: "Block 0, unit 0", group: "Route 1"),
            MeterDraft(serial: "IC-2", typeName: "IC card DN15", manufacturer: "宁波水表", location: "3栋1单元", group: "一区"),
            MeterDraft(serial: "WM-3", typeName: "dn20 mechanical", caliber: "DN15", initialReading: "12.5", group: "route 1"),
        ] {
            XCTAssertNotNil(checkBytes(draft), "\(draft)")
        }
    }

    func testWhatTheBytesCheckLeavesToTheFullCheck() {
        for draft in [
            MeterDraft(serial: "wm-1", typeName: "DN20 mechanical", caliber: "20"),             // upper-cased by validate
            MeterDraft(serial: "WM-1", typeName: "DN20 mechanical", caliber: " 20"),            // trimmed by validate
            MeterDraft(serial: "WM-1", typeName: "IC card DN15", location: "a\r\nb"),           // line ends normalised
            MeterDraft(serial: "WM-1", typeName: "IC card DN15", group: "Route 9"),             // refused by validate
            MeterDraft(serial: "WM-1", typeName: "DN20 mechanical", caliber: "20", initialReading: "100000"),
        ] {
            XCTAssertNil(checkBytes(draft), "\(draft)")
        }
    }
}
