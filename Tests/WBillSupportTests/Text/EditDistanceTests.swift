import XCTest
import WBillSupport

final class EditDistanceTests: XCTestCase {
    func testDistanceCountsInsertionsDeletionsSubstitutionsAndTranspositions() {
        XCTAssertEqual(damerauLevenshteinDistance("", ""), 0)
        XCTAssertEqual(damerauLevenshteinDistance("", "abc"), 3)
        XCTAssertEqual(damerauLevenshteinDistance("abc", ""), 3)
        XCTAssertEqual(damerauLevenshteinDistance("rate", "rate"), 0)
        XCTAssertEqual(damerauLevenshteinDistance("rat", "rate"), 1)
        XCTAssertEqual(damerauLevenshteinDistance("rates", "rate"), 1)
        XCTAssertEqual(damerauLevenshteinDistance("rote", "rate"), 1)
        XCTAssertEqual(damerauLevenshteinDistance("rtae", "rate"), 1)  // one transposition
        XCTAssertEqual(damerauLevenshteinDistance("kitten", "sitting"), 3)
        XCTAssertEqual(damerauLevenshteinDistance("ca", "abc"), 3)  // optimal string alignment, not unrestricted
    }

    func testDistanceIgnoresCaseAndCountsCharacters() {
        XCTAssertEqual(damerauLevenshteinDistance("Rate", "rATE"), 0)
        XCTAssertEqual(damerauLevenshteinDistance("水费", "水表"), 1)
        XCTAssertEqual(damerauLevenshteinDistance("café", "cafe\u{301}"), 0)
    }

    func testClosestMatchSuggestsTheNearestCandidateWithinTheThreshold() {
        XCTAssertEqual(closestMatch(to: "rat", among: ["share", "rate"]), "rate")
        XCTAssertEqual(closestMatch(to: "tarrif", among: ["meter", "tariff"]), "tariff")
        XCTAssertEqual(closestMatch(to: "CALIBRE", among: ["caliber", "serial"]), "caliber")
        XCTAssertEqual(closestMatch(to: "sewage", among: ["sewage", "sewerage"]), "sewage")
    }

    func testClosestMatchRefusesFarOrTrivialMatches() {
        XCTAssertNil(closestMatch(to: "xyz", among: ["rate", "share"]))
        XCTAssertNil(closestMatch(to: "a", among: ["b", "c"]))
        XCTAssertNil(closestMatch(to: "ra", among: ["rate"]))
        XCTAssertNil(closestMatch(to: "anything", among: []))
    }

    func testClosestMatchBreaksTiesByCandidateOrder() {
        XCTAssertEqual(closestMatch(to: "bat", among: ["cat", "hat"]), "cat")
        XCTAssertEqual(closestMatch(to: "bat", among: ["hat", "cat"]), "hat")
    }
}
