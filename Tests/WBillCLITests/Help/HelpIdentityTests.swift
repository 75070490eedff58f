@testable import WBillCLI
import WaterBilling
import XCTest

/// `-h`, `--help` and `wbill help …` print the same text, for every command and group of the real table.
final class HelpIdentityTests: XCTestCase {
    let table = CommandTable.standard
    var help: HelpRenderer { HelpRenderer(table: table) }

    /// Every path that names a group (`db`, and deeper ones such as `meter group`).
    var groupPaths: [[String]] {
        var paths: [[String]] = []
        for command in table.commands where command.path.count > 1 {
            for length in 1..<command.path.count {
                let prefix = Array(command.path.prefix(length))
                if !paths.contains(prefix) { paths.append(prefix) }
            }
        }
        return paths
    }

    func assertAllPrint(_ spellings: [[String]], _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for arguments in spellings {
            XCTAssertEqual(try runWbill(arguments), RunOutput(status: 0, stdout: expected, stderr: ""),
                           "wbill \(arguments.joined(separator: " "))", file: file, line: line)
        }
    }

    func testTopLevel() throws {
        let text = help.topLevel()
        XCTAssertTrue(text.hasPrefix("wbill — the back office of a water utility"), text)
        try assertAllPrint([["-h"], ["--help"], ["help"], ["-q", "-h"]], text)
        // Without a command: the same text, on stderr, as a usage error.
        XCTAssertEqual(try runWbill([]), RunOutput(status: 64, stdout: "", stderr: text))
    }

    func testEveryGroup() throws {
        XCTAssertFalse(groupPaths.isEmpty)
        for path in groupPaths {
            let text = help.group(path)
            let name = (["wbill"] + path).joined(separator: " ")
            XCTAssertTrue(text.hasPrefix("\(name) — \(table.summary(of: path))\n\nUsage: \(name) <command>"), text)
            for child in table.children(of: path) {
                XCTAssertTrue(text.contains("\n  \(child)  "), "\(name) help lists \(child)")
            }
            try assertAllPrint([path + ["-h"], path + ["--help"], ["help"] + path, ["-h"] + path], text)
        }
    }

    func testEveryCommand() throws {
        for command in table.commands {
            let text = help.command(command)
            XCTAssertTrue(text.hasPrefix("\(command.fullName) — \(command.summary)\n\nUsage: \(command.usage)\n"), text)
            for option in command.options + table.globalOptions(for: command) {
                XCTAssertTrue(text.contains(option.signature + "  "), "\(command.fullName) help shows \(option.signature)")
            }
            for argument in command.arguments {
                XCTAssertTrue(text.contains("\n  \(argument.name)  "), "\(command.fullName) help explains \(argument.name)")
            }
            try assertAllPrint([command.path + ["-h"], command.path + ["--help"], ["help"] + command.path,
                                ["--help"] + command.path], text)
        }
    }

    func testTopicsAreHelpToo() throws {
        for topic in table.topics {
            try assertAllPrint([["help", topic.name]], topic.text.hasSuffix("\n") ? topic.text : topic.text + "\n")
        }
        XCTAssertEqual(table.topics.map(\.name), ["exit-codes", "environment", "formats"])
    }

    func testExitCodesTopicListsEveryCodeWithItsMeaning() throws {
        let text = try runWbill(["help", "exit-codes"]).stdout
        for code in ExitCode.allCases {
            XCTAssertTrue(text.contains("\n  \(String(code.rawValue).padding(toLength: 5, withPad: " ", startingAt: 0))\(code.meaning)\n"),
                          "exit-codes lists \(code.rawValue)")
        }
        XCTAssertEqual(ExitCode.allCases.map(\.rawValue), [0, 1, 64, 65, 66, 69, 70, 73, 74, 75, 77])
    }

    func testAGroupWithoutAVerbShowsItsHelpOnStderr() throws {
        for path in groupPaths {
            let name = (["wbill"] + path).joined(separator: " ")
            XCTAssertEqual(try runWbill(path), RunOutput(
                status: 64, stdout: "", stderr: "wbill: error: '\(name)' needs a command\n\n" + help.group(path)))
        }
    }
}
