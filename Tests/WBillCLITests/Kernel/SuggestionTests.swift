@testable import WBillCLI
import WaterBilling
import XCTest
@testable import WBillSupport

/// `closestMatch`: the "did you mean" behind every unknown word.
final class SuggestionTests: XCTestCase {
    func testTyposFindTheirWord() {
        let verbs = ["status", "migrate", "backup"]
        XCTAssertEqual(closestMatch(to: "staus", among: verbs), "status")       // a deletion
        XCTAssertEqual(closestMatch(to: "statsu", among: verbs), "status")      // a transposition
        XCTAssertEqual(closestMatch(to: "bakcup", among: verbs), "backup")
        XCTAssertEqual(closestMatch(to: "MIGRATE", among: verbs), "migrate")    // case does not count
        XCTAssertEqual(closestMatch(to: "back", among: verbs), "backup")        // two letters short, a third of "backup"
    }

    func testFarWordsFindNothing() {
        XCTAssertNil(closestMatch(to: "frobnicate", among: ["status", "migrate", "backup"]))
        XCTAssertNil(closestMatch(to: "xy", among: ["db"]))
        XCTAssertNil(closestMatch(to: "anything", among: []))
        // Two letters are too few to stand for a word, and a prefix of several words is ambiguous.
        XCTAssertNil(closestMatch(to: "ba", among: ["backup"]))
        XCTAssertNil(closestMatch(to: "sta", among: ["status", "stage"]))
        // Three or more letters that begin exactly one word suggest it.
        XCTAssertEqual(closestMatch(to: "bac", among: ["backup", "status"]), "backup")
    }

    func testTheLimitGrowsWithTheWord() {
        // One edit is allowed for short words, about a third of the length for longer ones.
        XCTAssertEqual(closestMatch(to: "dv", among: ["db"]), "db")
        XCTAssertNil(closestMatch(to: "xv", among: ["db"]))
        XCTAssertEqual(closestMatch(to: "--formta", among: ["--format"]), "--format")
        XCTAssertEqual(closestMatch(to: "--frmt", among: ["--format"]), "--format")
        XCTAssertNil(closestMatch(to: "--fxxxt", among: ["--format"]))
    }

    func testTheNearestWinsAndTiesGoToTheEarlier() {
        XCTAssertEqual(closestMatch(to: "--forse", among: ["--format", "--force"]), "--force")
        XCTAssertEqual(closestMatch(to: "cat", among: ["bat", "cut"]), "bat")
        XCTAssertEqual(closestMatch(to: "cat", among: ["cut", "bat"]), "cut")
    }
}
