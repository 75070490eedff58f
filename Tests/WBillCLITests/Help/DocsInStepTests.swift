@testable import WBillCLI
import WaterBilling
import WBillTestSupport
import XCTest

/// The committed man pages and completion scripts are exactly what the command table generates
/// (`make docs` regenerates them), and the man pages are valid roff.
final class DocsInStepTests: XCTestCase {
    let table = CommandTable.standard
    /// Pages written by hand, for programs other than wbill (`wbill-cardsim`, the card reader simulator).
    static let handWritten: Set<String> = ["wbill-cardsim.1"]

    func testCommittedManPagesMatchTheTable() throws {
        let pages = ManPageGenerator(table: table).pages()
        // One page for wbill and one per top-level group, in the table's order.
        XCTAssertEqual(pages.map(\.name), ["wbill.1"] + table.topLevelGroups.map { "wbill-\($0[0]).1" })
        XCTAssertEqual(Array(pages.map(\.name).prefix(2)), ["wbill.1", "wbill-db.1"])
        XCTAssertTrue(pages.map(\.name).contains("wbill-audit.1"))
        for page in pages {
            let committed = try XCTUnwrap(packageFile("man/" + page.name), "man/\(page.name) is missing; run make docs")
            XCTAssertTrue(committed == page.text,
                          "man/\(page.name) differs from the command table; run make docs. \(firstDifference(committed, page.text))")
        }
        let committedNames = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/man").filter { $0.hasSuffix(".1") }
        XCTAssertEqual(Set(committedNames), Set(pages.map(\.name)).union(Self.handWritten), "man/ holds pages the table does not make")
    }

    func testCommittedCompletionsMatchTheTable() throws {
        let generator = CompletionGenerator(table: table)
        for (file, script) in [("completions/wbill.bash", generator.bash()), ("completions/_wbill", generator.zsh()),
                               ("completions/wbill.fish", generator.fish())] {
            let committed = try XCTUnwrap(packageFile(file), "\(file) is missing; run make docs")
            XCTAssertTrue(committed == script,
                          "\(file) differs from the command table; run make docs. \(firstDifference(committed, script))")
        }
    }

    func testTheCompletionCommandPrintsTheSameScripts() throws {
        let generator = CompletionGenerator(table: table)
        XCTAssertEqual(try runWbill(["completion", "bash"]), RunOutput(status: 0, stdout: generator.bash(), stderr: ""))
        XCTAssertEqual(try runWbill(["completion", "zsh"]), RunOutput(status: 0, stdout: generator.zsh(), stderr: ""))
        XCTAssertEqual(try runWbill(["completion", "fish"]), RunOutput(status: 0, stdout: generator.fish(), stderr: ""))
    }

    func testTheManCommandWritesAndPrintsThePages() throws {
        let scratch = try ScratchDirectory()
        let pages = ManPageGenerator(table: table).pages()
        XCTAssertTrue(pages.map(\.name).contains("wbill-db.1"))
        let output = try runWbill(["man", scratch.path + "/pages"])
        XCTAssertEqual(output, RunOutput(status: 0, stdout: "wrote \(pages.count) man pages to \(scratch.path)/pages\n", stderr: ""))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/pages").sorted(), pages.map(\.name).sorted())
        for page in pages {
            XCTAssertEqual(FileManager.default.contents(atPath: scratch.path + "/pages/" + page.name), Data(page.text.utf8))
            XCTAssertEqual(try runWbill(["man", "--page", page.name]), RunOutput(status: 0, stdout: page.text, stderr: ""))
        }
        XCTAssertEqual(try runWbill(["man", "--page", "wbill-bd.1"]), RunOutput(status: 64, stdout: "", stderr: """
            wbill: error: no man page named 'wbill-bd.1'; the pages are \(pages.map(\.name).joined(separator: ", ")); did you mean 'wbill-db.1'?
            Run 'wbill man --help' for usage.

            """))
    }

    func testManPagesDocumentEveryCommandOptionAndExitCode() {
        let generator = ManPageGenerator(table: table)
        let pages = Dictionary(uniqueKeysWithValues: generator.pages().map { ($0.name, $0.text) })
        let main = pages["wbill.1"] ?? ""
        for code in ExitCode.allCases { XCTAssertTrue(main.contains(".TP\n.B \(code.rawValue)\n"), "exit \(code.rawValue)") }
        for option in table.globalOptions { XCTAssertTrue(main.contains("\\fB\\-\\-\(generator.escape(option.long))\\fR")) }
        for command in table.commands {
            let page = command.path.count == 1 ? main : pages["wbill-\(command.path[0]).1"] ?? ""
            XCTAssertTrue(page.contains(".SS \"\(generator.escape(command.fullName))\"\n"), "\(command.fullName) has no section")
            for option in command.options {
                XCTAssertTrue(page.contains("\\fB\\-\\-\(generator.escape(option.long))\\fR"), "\(command.fullName) --\(option.long)")
            }
        }
    }

    func testRoffEscaping() {
        let generator = ManPageGenerator(table: table)
        XCTAssertEqual(generator.escape("a-b\\c — d’e"), "a\\-b\\ec \\(em d'e")
        XCTAssertEqual(generator.escape(".hidden"), "\\&.hidden")
        XCTAssertEqual(generator.escape("'quoted"), "\\&'quoted")
    }

    func testCommittedManPagesPassMandocLint() throws {
        guard let mandoc = which("mandoc") else {
            throw XCTSkip("mandoc is not installed (make test installs it); the man pages were not linted")
        }
        let pages = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/man").filter { $0.hasSuffix(".1") }.sorted()
        XCTAssertEqual(pages, (ManPageGenerator(table: table).pages().map(\.name) + Self.handWritten).sorted())
        for page in pages {
            let result = try runTool(mandoc, ["-Tlint", "-W", "warning", "man/" + page])
            XCTAssertEqual(result, RunOutput(status: 0, stdout: "", stderr: ""), "mandoc -Tlint man/\(page)")
        }
    }

    func testMandocLintCatchesABrokenPage() throws {
        // The lint check above can fail: a page with an unknown macro does not pass.
        guard let mandoc = which("mandoc") else { throw XCTSkip("mandoc is not installed") }
        let scratch = try ScratchDirectory()
        let broken = ManPageGenerator(table: table).mainPage().replacingOccurrences(of: ".SH NAME\n", with: ".SH NAME\n.XX bogus\n")
        try Data(broken.utf8).write(to: URL(fileURLWithPath: scratch.file("broken.1")))
        XCTAssertNotEqual(try runTool(mandoc, ["-Tlint", "-W", "warning", scratch.file("broken.1")]).status, 0)
    }
}

/// Where two texts first differ, line by line, for a readable failure message.
func firstDifference(_ committed: String, _ generated: String) -> String {
    let old = committed.components(separatedBy: "\n"), new = generated.components(separatedBy: "\n")
    for index in 0..<max(old.count, new.count) {
        let a = index < old.count ? old[index] : "<end>", b = index < new.count ? new[index] : "<end>"
        if a != b { return "Line \(index + 1): committed \"\(a)\", generated \"\(b)\"" }
    }
    return "The texts are equal."
}
