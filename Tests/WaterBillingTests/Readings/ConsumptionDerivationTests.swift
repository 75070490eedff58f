@testable import WaterBilling
import XCTest

/// `ConsumptionDerivation`: the difference of two readings, rollovers, and the flags, exactly.
final class ConsumptionDerivationTests: XCTestCase {
    let thresholds = ConsumptionThresholds.defaults
    let day: Int64 = 86_400_000

    func volume(_ text: String) -> Volume { try! Volume(parsing: text) }

    func derive(_ previous: String, _ current: String, digits: Int = 5, average: AverageUse? = nil, days: Int64 = 30,
                force: Bool = false) -> Result<DerivedConsumption, ImplausibleRollover> {
        ConsumptionDerivation.derive(previous: volume(previous), current: volume(current), digits: digits, average: average,
                                     span: days * day, thresholds: thresholds, force: force)
    }

    func consumption(_ result: Result<DerivedConsumption, ImplausibleRollover>) -> String {
        switch result {
        case .success(let derived): return ([derived.volume.description] + derived.flags.map(\.rawValue)).joined(separator: " ")
        case .failure(let rollover): return "refused \(rollover.implied) limit \(rollover.limit) expected \(rollover.expected?.description ?? "-")"
        }
    }

    func testAValueAtOrAboveThePreviousOneIsTheDifference() {
        XCTAssertEqual(consumption(derive("100", "123.456")), "23.456")
        XCTAssertEqual(consumption(derive("100", "100")), "0.000 zero")
        XCTAssertEqual(consumption(derive("0", "99999.999")), "99999.999")
    }

    func testARolloverInTheRegistersLastTenthIsPlausible() {
        // 5 digits: the range is 100000; a tenth of it is 10000.
        XCTAssertEqual(consumption(derive("99990", "5")), "15.000 rollover")
        XCTAssertEqual(consumption(derive("90000.001", "0")), "9999.999 rollover")
        XCTAssertEqual(consumption(derive("90000", "0")), "refused 10000.000 limit 10000.000 expected -", "exactly a tenth is not less")
        XCTAssertEqual(consumption(derive("12340", "1234")), "refused 88894.000 limit 10000.000 expected -")
        XCTAssertEqual(consumption(derive("999.5", "0.5", digits: 3)), "1.000 rollover")
    }

    func testForcedItIsTakenAsARolloverAndFlagged() {
        XCTAssertEqual(consumption(derive("12340", "1234", force: true)), "88894.000 forced-rollover high".replacingOccurrences(of: " high", with: ""))
        let average = AverageUse(volume: 30_000, milliseconds: 30 * day)  // 1 a day
        XCTAssertEqual(consumption(derive("12340", "1234", average: average, force: true)), "88894.000 forced-rollover high")
    }

    func testTheAverageMakesALargerRolloverPlausible() {
        // A big consumer: 500 a day; 60 days expect 30000, and up to 300 % of it is not high.
        let average = AverageUse(volume: 15_000_000, milliseconds: 30 * day)
        XCTAssertEqual(consumption(derive("80000", "10000", average: average, days: 60)), "30000.000 rollover")
        XCTAssertEqual(consumption(derive("80000", "10000", average: average, days: 10)), "refused 30000.000 limit 10000.000 expected 5000.000")
    }

    func testHighAndLowAgainstTheAverage() {
        let average = AverageUse(volume: 10_000, milliseconds: 10 * day)  // 1 a day: 30 days expect 30
        XCTAssertEqual(consumption(derive("0", "90", average: average)), "90.000", "300 % is not above 300 %")
        XCTAssertEqual(consumption(derive("0", "90.001", average: average)), "90.001 high")
        XCTAssertEqual(consumption(derive("0", "9", average: average)), "9.000", "30 % is not below 30 %")
        XCTAssertEqual(consumption(derive("0", "8.999", average: average)), "8.999 low")
        XCTAssertEqual(consumption(derive("5", "5", average: average)), "0.000 zero", "nothing used is zero, not low")
        XCTAssertEqual(consumption(derive("99990", "100", average: average)), "110.000 rollover high")
    }

    func testTheMeasuredPercentageOfTheExpectedUseIsWholeRoundedHalfUp() throws {
        let average = AverageUse(volume: 10_000, milliseconds: 10 * day)  // 1 a day: 30 days expect 30
        XCTAssertEqual(average.percent(of: volume("123.15"), over: 30 * day), 411, "410.5 % rounds up")
        XCTAssertEqual(average.percent(of: volume("123.149"), over: 30 * day), 410, "410.4967 % rounds down")
        XCTAssertEqual(average.percent(of: volume("90.001"), over: 30 * day), 300, "just above the high threshold reads as it")
        XCTAssertEqual(average.percent(of: volume("8.999"), over: 30 * day), 30, "just below the low threshold reads as it")
        XCTAssertEqual(average.percent(of: volume("0"), over: 30 * day), 0)
        XCTAssertNil(average.percent(of: volume("5"), over: 0), "nothing is expected over no time")
        XCTAssertNil(AverageUse(volume: 0, milliseconds: day).percent(of: volume("5"), over: day), "nor from nothing used")
        XCTAssertEqual(try derive("0", "90.001", average: average).get().percentOfExpected, 300)
        XCTAssertEqual(try derive("0", "8.999", average: average).get().percentOfExpected, 30)
        XCTAssertNil(try derive("0", "90.001").get().percentOfExpected, "no average, no percentage")
    }

    func testWithoutAnAverageNeitherHighNorLow() {
        XCTAssertEqual(consumption(derive("0", "5000")), "5000.000")
        XCTAssertEqual(consumption(derive("0", "5000", average: AverageUse(volume: 0, milliseconds: day))), "5000.000",
                       "an average of nothing used judges nothing")
    }

    func testTheThresholdsComeFromTheSettings() throws {
        let fixture = try TestDatabase()
        XCTAssertEqual(try ConsumptionThresholds.current(in: fixture.database), .defaults)
        let settings = UtilitySettings(database: fixture.database)
        try settings.set(ConsumptionThresholds.highKey, to: "150")
        try settings.set(ConsumptionThresholds.lowKey, to: "50")
        XCTAssertEqual(try ConsumptionThresholds.current(in: fixture.database), ConsumptionThresholds(highPercent: 150, lowPercent: 50))
        try settings.set(ConsumptionThresholds.highKey, to: "90")
        try settings.set(ConsumptionThresholds.lowKey, to: "x")
        XCTAssertEqual(try ConsumptionThresholds.current(in: fixture.database), .defaults, "unusable values fall back")
    }

    func testAnEstimateIsTheAverageOverTheSpanRoundedHalfUp() {
        let average = AverageUse(volume: 10_000, milliseconds: 3 * day)  // 3.3333… a day
        let (value, derived) = ConsumptionDerivation.estimate(from: volume("100"), digits: 5, average: average, span: 2 * day)
        XCTAssertEqual(derived.volume, volume("6.667"))
        XCTAssertEqual(value, volume("106.667"))
        let (wrapped, past) = ConsumptionDerivation.estimate(from: volume("99999"), digits: 5, average: average, span: 3 * day)
        XCTAssertEqual(wrapped, volume("9"))
        XCTAssertEqual(past.flags, ConsumptionFlags([.rollover]))
    }

    func testFlagsAreStoredInOneOrder() throws {
        let flags = ConsumptionFlags([.high, .rollover])
        XCTAssertEqual(flags.storedText, "rollover high")
        XCTAssertEqual(try ConsumptionFlags(storedText: "high rollover"), flags)
        XCTAssertEqual(ConsumptionFlags().storedText, "")
        XCTAssertThrowsError(try ConsumptionFlags(storedText: "rollover wobbly"))
    }
}
