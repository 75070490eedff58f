@testable import WBillCLI
import WaterBilling
import XCTest
@testable import WBillSupport

/// Rules every row of the real command table must keep.
final class CommandTableTests: XCTestCase {
    let table = CommandTable.standard

    func testTheGlobalOptionsAreTheDocumentedOnes() {
        XCTAssertEqual(table.globalOptions.map(\.long), ["db", "format", "quiet", "no-color", "operator", "busy-timeout", "help", "version"])
        XCTAssertEqual(table.globalOptions.compactMap(\.short), ["q", "h"])
        guard case .choice(let formats)? = table.globalOptions.first(where: { $0.long == "format" })?.kind else {
            return XCTFail("--format is not a choice")
        }
        XCTAssertEqual(formats, ["table", "csv", "tsv", "json", "xlsx", "dbf", "sql"])
    }

    func testNoCommandOptionReusesAGlobalOptionsName() {
        let longNames = Set(table.globalOptions.map(\.long))
        let shortNames = Set(table.globalOptions.compactMap(\.short))
        for command in table.commands {
            for option in command.options where !CommandTable.shadowableGlobals.contains(option.long) {
                XCTAssertFalse(longNames.contains(option.long), "\(command.fullName) --\(option.long) is a global option")
                if let short = option.short {
                    XCTAssertFalse(shortNames.contains(short), "\(command.fullName) -\(short) is a global option")
                }
            }
        }
    }

    func testOptionAndArgumentRowsAreWellFormed() {
        for command in table.commands {
            let options = command.options + table.globalOptions(for: command)
            XCTAssertEqual(Set(options.map(\.long)).count, options.count, "\(command.fullName): a long name twice")
            XCTAssertEqual(Set(options.compactMap(\.short)).count, options.compactMap(\.short).count,
                           "\(command.fullName): a short letter twice")
            for option in options {
                XCTAssertFalse(option.help.isEmpty, "\(command.fullName) --\(option.long) has no help")
                XCTAssertTrue(option.long.allSatisfy { $0.isLowercase || $0 == "-" }, "--\(option.long) is not kebab-case")
                XCTAssertEqual(option.kind == nil, option.placeholder.isEmpty,
                               "\(command.fullName) --\(option.long): flags have no placeholder, values have one")
                XCTAssertFalse(option.kind == nil && (option.required || option.secret), "--\(option.long) is an odd flag")
            }
            for (index, argument) in command.arguments.enumerated() {
                XCTAssertFalse(argument.help.isEmpty, "\(command.fullName) \(argument.name) has no help")
                if argument.variadic {
                    XCTAssertEqual(index, command.arguments.count - 1, "\(command.fullName): a variadic argument not last")
                }
                if argument.optional {
                    XCTAssertTrue(command.arguments[index...].allSatisfy(\.optional),
                                  "\(command.fullName): a required argument after an optional one")
                }
            }
        }
    }

    func testEveryGroupHasAGroupRow() {
        var groupPaths: Set<[String]> = []
        for command in table.commands where command.path.count > 1 {
            for length in 1..<command.path.count { groupPaths.insert(Array(command.path.prefix(length))) }
        }
        XCTAssertFalse(groupPaths.isEmpty)
        for path in groupPaths {
            XCTAssertNotNil(table.group(at: path), "group \(path.joined(separator: " ")) has no GroupSpec")
            XCTAssertTrue(table.isGroup(path))
        }
        for group in table.groups {
            XCTAssertTrue(groupPaths.contains(group.path), "GroupSpec \(group.path) has no commands")
            XCTAssertFalse(group.summary.isEmpty)
            XCTAssertFalse(group.summary.hasSuffix("."), "group \(group.path) summary ends with a full stop")
        }
        XCTAssertEqual(Set(table.groups.map(\.path)).count, table.groups.count, "a group row twice")
    }

    func testEveryCommandHasAUniquePathAndASummaryWithoutAFullStop() {
        XCTAssertEqual(Set(table.commands.map(\.path)).count, table.commands.count, "a command path twice")
        for command in table.commands {
            XCTAssertFalse(command.summary.isEmpty, "\(command.fullName) has no summary")
            XCTAssertFalse(command.summary.hasSuffix("."), "\(command.fullName) summary ends with a full stop")
            XCTAssertEqual(command.summary, command.summary.trimmingCharacters(in: .whitespacesAndNewlines))
            XCTAssertFalse(command.summary.contains("\n"), "\(command.fullName) summary is more than one line")
            XCTAssertEqual(command.summary.first.map { $0.isLowercase }, true, "\(command.fullName) summary starts lower-case")
            // A word cannot be both a command and a group.
            XCTAssertFalse(table.isGroup(command.path), "\(command.fullName) is also a group")
            for example in command.examples {
                XCTAssertTrue(example.hasPrefix("wbill "), "\(command.fullName) example \(example)")
            }
        }
    }

    func testHelpTopicsDoNotShadowCommands() {
        for topic in table.topics {
            XCTAssertFalse(table.children(of: []).contains(topic.name), "topic \(topic.name) is also a command")
            XCTAssertFalse(topic.summary.hasSuffix("."))
        }
    }

    func testEveryTopLevelGroupHasAManPage() {
        let generated = ManPageGenerator(table: table).pages().map(\.name)
        // `db`, `audit` and the groups added since; commands without verbs are no groups.
        XCTAssertTrue(table.topLevelGroups.contains(["db"]) && table.topLevelGroups.contains(["audit"]), "\(table.topLevelGroups)")
        XCTAssertFalse(table.topLevelGroups.contains(["init"]) || table.topLevelGroups.contains(["help"]), "\(table.topLevelGroups)")
        for group in table.topLevelGroups {
            let name = "wbill-\(group[0]).1"
            XCTAssertTrue(generated.contains(name), "no generated page \(name)")
            XCTAssertNotNil(packageFile("man/" + name), "man/\(name) is not committed")
        }
        XCTAssertEqual(generated, ["wbill.1"] + table.topLevelGroups.map { "wbill-\($0[0]).1" })
    }

    func testTheRequirementsOfTheFoundationCommands() {
        func access(_ path: [String]) -> Requirements.DatabaseAccess? { table.command(at: path)?.requirements.database }
        XCTAssertEqual(access(["init"]), Requirements.DatabaseAccess.none)
        XCTAssertEqual(access(["db", "status"]), .anyVersion)
        XCTAssertEqual(access(["db", "migrate"]), .anyVersion)
        XCTAssertEqual(access(["db", "backup"]), .read)
        XCTAssertEqual(access(["audit", "list"]), .read)
        XCTAssertEqual(access(["help"]), Requirements.DatabaseAccess.none)
    }
}
