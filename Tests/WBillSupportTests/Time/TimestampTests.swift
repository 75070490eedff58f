@testable import WBillSupport
import XCTest

/// `Timestamp`: UTC instants with milliseconds, parsed and written as ISO 8601.
final class TimestampTests: XCTestCase {
    func time(_ text: String) throws -> Timestamp { try Timestamp(parsing: text) }

    func testParsesTheAcceptedForms() throws {
        XCTAssertEqual(try time("1970-01-01T00:00:00.000Z").millisecondsSinceEpoch, 0)
        XCTAssertEqual(try time("2026-11-23T10:45:12.345Z").description, "2026-11-23T10:45:12.345Z")
        XCTAssertEqual(try time("2026-11-23T10:45:12Z").description, "2026-11-23T10:45:12.000Z")
        XCTAssertEqual(try time("2026-11-23 10:45:12Z").description, "2026-11-23T10:45:12.000Z")
        XCTAssertEqual(try time("2026-11-23").description, "2026-11-23T00:00:00.000Z")
        XCTAssertEqual(try time("2024-02-29T23:59:59.999Z").millisecondsSinceEpoch + 1,
                       try time("2024-03-01").millisecondsSinceEpoch)
    }

    func testInstantsBeforeTheEpoch() throws {
        XCTAssertEqual(Timestamp(millisecondsSinceEpoch: -1).description, "1969-12-31T23:59:59.999Z")
        XCTAssertEqual(Timestamp(millisecondsSinceEpoch: -86_400_000).description, "1969-12-31T00:00:00.000Z")
        XCTAssertEqual(Timestamp(millisecondsSinceEpoch: -86_400_001).date.description, "1969-12-30")
        XCTAssertEqual(try time("0001-01-01T00:00:00.000Z").description, "0001-01-01T00:00:00.000Z")
    }

    func testRoundTripsOverAWideRange() throws {
        // From 1600 to 2400 in uneven steps (a prime number of milliseconds), through every kind of year.
        let start = try time("1600-01-01").millisecondsSinceEpoch
        let end = try time("2400-12-31T23:59:59.999Z").millisecondsSinceEpoch
        var instant = start
        var count = 0
        while instant <= end {
            let timestamp = Timestamp(millisecondsSinceEpoch: instant)
            let text = timestamp.description
            XCTAssertEqual(try Timestamp(parsing: text), timestamp, text)
            XCTAssertEqual(text.count, 24)
            instant += 1_234_567_891  // about 14.3 days
            count += 1
        }
        XCTAssertGreaterThan(count, 20_000)
        XCTAssertEqual(Timestamp(millisecondsSinceEpoch: end).description, "2400-12-31T23:59:59.999Z")
    }

    func testTextSortsLikeTime() throws {
        let texts = ["1999-12-31T23:59:59.999Z", "2000-01-01T00:00:00.000Z", "2026-11-23T09:05:00.000Z", "2026-11-23T10:00:00.000Z"]
        let times = try texts.map(time)
        XCTAssertEqual(times, times.sorted())
        XCTAssertEqual(times.map(\.description), texts)
    }

    func testInvalidTexts() {
        for text in ["", "2026-11-23T24:00:00Z", "2026-11-23T10:60:00Z", "2026-11-23T10:00:60Z", "2026-11-23T10:00:00",
                     "2026-11-23T10:00:00+08:00", "2026-11-23T10:00:00.12Z", "2026-11-23T10:00:00.1234Z", "2026-11-23X10:00:00Z",
                     "2026-11-23T1a:00:00Z", "2026-02-30T10:00:00Z", "2026-11-23T10:00:00Zjunk", "2026-11-23T10:00:00,123Z",
                     "2026-11-23T10-00-00Z", "now"] {
            XCTAssertThrowsError(try time(text), text) { error in
                XCTAssertNotNil(error as? DateParseError, text)
            }
        }
        XCTAssertThrowsError(try time("2026-11-23T10:00Z")) { error in
            XCTAssertEqual(error as? DateParseError, DateParseError(
                text: "2026-11-23T10:00Z", expected: "a UTC time as YYYY-MM-DDTHH:MM:SS[.mmm]Z or a date as YYYY-MM-DD"))
        }
    }

    func testNowIsRecent() throws {
        let now = Timestamp.now()
        XCTAssertGreaterThan(now, try time("2025-01-01"))
        XCTAssertLessThan(now, try time("2200-01-01"))
    }
}
