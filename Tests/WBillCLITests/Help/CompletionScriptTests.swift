@testable import WBillCLI
import WBillTestSupport
import XCTest

/// The committed completion scripts, run in the real shells.
final class CompletionScriptTests: XCTestCase {
    /// COMPREPLY after completing the last of `words` (the word being typed, possibly empty) in bash,
    /// with the working directory `directory`.
    func bashCompletions(_ words: [String], in directory: String? = nil, file: StaticString = #filePath,
                         line: UInt = #line) throws -> [String] {
        guard let bash = which("bash") else { throw XCTSkip("bash is not installed") }
        let script = """
            source "$0" || exit 9
            COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
            COMPREPLY=()
            _wbill
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let scratch = try ScratchDirectory()
        let result = try runTool(bash, ["-c", script, packageRoot + "/completions/wbill.bash", "wbill"] + words,
                                 directory: directory ?? scratch.path)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        XCTAssertEqual(result.stderr, "", file: file, line: line)
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func testBashCompletesCommandsAndVerbs() throws {
        // Every top-level word of the table, in its order; the table grows, so the list comes from it.
        let topLevel = CommandTable.standard.children(of: [])
        XCTAssertTrue(Set(topLevel).isSuperset(of: ["init", "db", "audit", "completion", "man", "help"]), "\(topLevel)")
        XCTAssertEqual(try bashCompletions([""]), topLevel)
        XCTAssertEqual(try bashCompletions(["d"]), topLevel.filter { $0.hasPrefix("d") })
        XCTAssertEqual(try bashCompletions(["in"]), topLevel.filter { $0.hasPrefix("in") })
        XCTAssertEqual(try bashCompletions(["db", "b"]), ["backup"])
        XCTAssertEqual(try bashCompletions(["db", ""]), ["status", "migrate", "backup"])
        // Global options and their values before the command do not confuse it.
        XCTAssertEqual(try bashCompletions(["--db", "x.db", "-q", "db", "m"]), ["migrate"])
        XCTAssertEqual(try bashCompletions(["--format=csv", "audit", ""]), ["list", "verify"])
    }

    func testBashCompletesOptionsAndTheirValues() throws {
        XCTAssertEqual(try bashCompletions(["--format", ""]), ["table", "csv", "tsv", "json", "xlsx", "dbf", "sql"])
        XCTAssertEqual(try bashCompletions(["--format", "t"]), ["table", "tsv"])
        XCTAssertEqual(try bashCompletions(["db", "backup", "--f"]), ["--force", "--format"])
        XCTAssertEqual(try bashCompletions(["audit", "list", "--by", ""]), [])
        XCTAssertEqual(try bashCompletions(["audit", "list", "--s"]), ["--since"])
        XCTAssertEqual(try bashCompletions(["--no"]), ["--no-color"])
        XCTAssertEqual(try bashCompletions(["completion", ""]), ["bash", "zsh", "fish"])
        XCTAssertEqual(try bashCompletions(["help", "ex"]), ["export", "exit-codes"])  // a group and a topic
    }

    func testBashCompletesFileNamesWhereAFileIsExpected() throws {
        let scratch = try ScratchDirectory()
        for name in ["alpha.db", "beta.db", "notes.txt"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: scratch.file(name), contents: Data()))
        }
        XCTAssertEqual(try bashCompletions(["--db", "al"], in: scratch.path), ["alpha.db"])
        XCTAssertEqual(try bashCompletions(["db", "backup", "no"], in: scratch.path), ["notes.txt"])
        XCTAssertEqual(try bashCompletions(["db", "backup", "-f", "b"], in: scratch.path), ["beta.db"])
    }

    func fishCompletions(_ commandLine: String) throws -> [String] {
        guard let fish = which("fish") else { throw XCTSkip("fish is not installed") }
        let result = try runTool(fish, ["--no-config", "-c", "source completions/wbill.fish; complete -C \"\(commandLine)\""])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        return result.stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }.sorted()
    }

    func testFishCompletesVerbsOptionsAndValues() throws {
        // Skipped before the assertions: a skip thrown inside XCTAssertEqual counts as a failure.
        guard which("fish") != nil else { throw XCTSkip("fish is not installed") }
        XCTAssertEqual(try fishCompletions("wbill db "), ["backup", "migrate", "status"])
        XCTAssertEqual(try fishCompletions("wbill --db x.db db "), ["backup", "migrate", "status"])
        XCTAssertEqual(try fishCompletions("wbill d"), CommandTable.standard.children(of: []).filter { $0.hasPrefix("d") }.sorted())
        XCTAssertEqual(try fishCompletions("wbill --format "), ["csv", "dbf", "json", "sql", "table", "tsv", "xlsx"])
        XCTAssertEqual(try fishCompletions("wbill db backup --f"), ["--force", "--format"])
        XCTAssertEqual(try fishCompletions("wbill completion "), ["bash", "fish", "zsh"])
    }

    func testZshParsesItsScript() throws {
        guard let zsh = which("zsh") else { throw XCTSkip("zsh is not installed") }
        let result = try runTool(zsh, ["-n", "completions/_wbill"])
        XCTAssertEqual(result, RunOutput(status: 0, stdout: "", stderr: ""))
        // And `zsh -n` does reject a broken script, so the check above means something.
        let scratch = try ScratchDirectory()
        let broken = (packageFile("completions/_wbill") ?? "") + "\ncase $x in\n"
        try Data(broken.utf8).write(to: URL(fileURLWithPath: scratch.file("_broken")))
        XCTAssertNotEqual(try runTool(zsh, ["-n", scratch.file("_broken")]).status, 0)
    }
}
