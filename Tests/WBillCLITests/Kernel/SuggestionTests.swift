@testable import WBillCLI
import XCTest

/// `nearestWord`: the "did you mean" behind every unknown word.
final class SuggestionTests: XCTestCase {
    func testTyposFindTheirWord() {
        let verbs = ["status", "migrate", "backup"]
        XCTAssertEqual(nearestWord(to: "staus", among: verbs), "status")       // a deletion
        XCTAssertEqual(nearestWord(to: "statsu", among: verbs), "status")      // a transposition
        XCTAssertEqual(nearestWord(to: "bakcup", among: verbs), "backup")
        XCTAssertEqual(nearestWord(to: "MIGRATE", among: verbs), "migrate")    // case does not count
        XCTAssertEqual(nearestWord(to: "back", among: verbs), "backup")        // a prefix of three or more letters
    }

    func testFarWordsFindNothing() {
        XCTAssertNil(nearestWord(to: "frobnicate", among: ["status", "migrate", "backup"]))
        XCTAssertNil(nearestWord(to: "xy", among: ["db"]))
        XCTAssertNil(nearestWord(to: "anything", among: []))
        // Two letters are too few for a prefix match.
        XCTAssertNil(nearestWord(to: "ba", among: ["backup"]))
    }

    func testTheLimitGrowsWithTheWord() {
        // One edit is allowed for short words, about a third of the length for longer ones.
        XCTAssertEqual(nearestWord(to: "dv", among: ["db"]), "db")
        XCTAssertNil(nearestWord(to: "xv", among: ["db"]))
        XCTAssertEqual(nearestWord(to: "--formta", among: ["--format"]), "--format")
        XCTAssertEqual(nearestWord(to: "--frmt", among: ["--format"]), "--format")
        XCTAssertNil(nearestWord(to: "--fxxxt", among: ["--format"]))
    }

    func testTheNearestWinsAndTiesGoToTheEarlier() {
        XCTAssertEqual(nearestWord(to: "--forse", among: ["--format", "--force"]), "--force")
        XCTAssertEqual(nearestWord(to: "cat", among: ["bat", "cut"]), "bat")
        XCTAssertEqual(nearestWord(to: "cat", among: ["cut", "bat"]), "cut")
    }
}
