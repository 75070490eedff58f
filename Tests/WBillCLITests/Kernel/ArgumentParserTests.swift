@testable import WBillCLI
import WaterBilling
import XCTest
@testable import WBillSupport

/// The parsing rules, against a small table that has every kind of option and argument.
final class ArgumentParserTests: XCTestCase {
    static let table = CommandTable(
        groups: [
            GroupSpec(["meter"], summary: "meters"),
            GroupSpec(["meter", "group"], summary: "groups of meters"),
        ],
        commands: [
            CommandSpec(
                ["meter", "create"], summary: "create a meter",
                options: [
                    .value("serial", short: "s", .text, placeholder: "SERIAL", required: true, help: "the serial"),
                    .value("pin", short: "p", .text, placeholder: "PIN", secret: true, help: "the card PIN"),
                    .value("tag", short: "t", .text, placeholder: "TAG", repeatable: true, help: "a tag"),
                    .flag("dry-run", short: "n", help: "change nothing"),
                    .value("size", .integer, placeholder: "N", help: "pipe size"),
                    .value("deposit", .decimal, placeholder: "AMOUNT", help: "deposit"),
                    .value("installed", .date, placeholder: "DATE", help: "installation date"),
                    .value("billing-month", .month, placeholder: "MONTH", help: "first month billed"),
                    .value("at", .time, placeholder: "TIME", help: "when"),
                    .value("kind", .choice(["cold", "hot", "bulk"]), placeholder: "KIND", help: "the kind"),
                ],
                arguments: [ArgumentSpec("NOTE", optional: true, help: "a note")],
                handler: { _ in .nothing }),
            CommandSpec(
                ["meter", "group", "add"], summary: "add meters to a group",
                arguments: [ArgumentSpec("GROUP", help: "the group"),
                            ArgumentSpec("SERIALS", variadic: true, help: "the meters")],
                handler: { _ in .nothing }),
            CommandSpec(
                ["pay"], summary: "take a payment",
                arguments: [ArgumentSpec("AMOUNT", .decimal, help: "the amount")],
                handler: { _ in .nothing }),
        ],
        globalOptions: GlobalOptions.rows,
        topics: [])

    func parse(_ words: String...) throws -> Invocation {
        try ArgumentParser(table: Self.table).parse(words)
    }

    func assertUsageError(_ words: [String], _ expected: UsageError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ArgumentParser(table: Self.table).parse(words), file: file, line: line) { error in
            XCTAssertEqual(error as? UsageError, expected, file: file, line: line)
        }
    }

    func commandPath(_ invocation: Invocation) -> [String]? {
        if case .command(let command) = invocation.target { return command.path }
        return nil
    }

    // MARK: targets

    func testTargets() throws {
        let top = try parse("--quiet")
        guard case .top = top.target else { return XCTFail("expected the top level, got \(top.target)") }
        let group = try parse("meter", "group")
        guard case .group(let path) = group.target else { return XCTFail("expected a group") }
        XCTAssertEqual(path, ["meter", "group"])
        XCTAssertEqual(commandPath(try parse("meter", "group", "add", "G", "A")), ["meter", "group", "add"])
    }

    // MARK: option spellings

    func testLongOptionWithEqualsOrSpaceIsTheSame() throws {
        let spaced = try parse("meter", "create", "--serial", "WM-1", "--size", "20")
        let joined = try parse("meter", "create", "--serial=WM-1", "--size=20")
        XCTAssertEqual(spaced.arguments.value("serial"), "WM-1")
        XCTAssertEqual(joined.arguments.value("serial"), "WM-1")
        XCTAssertEqual(spaced.arguments.integer("size"), 20)
        XCTAssertEqual(joined.arguments.integer("size"), 20)
        // Only the first `=` separates; the value may hold more.
        XCTAssertEqual(try parse("meter", "create", "--serial=a=b").arguments.value("serial"), "a=b")
        // A value may start with a dash when it follows its option as a separate word.
        XCTAssertEqual(try parse("meter", "create", "--serial", "-x-").arguments.value("serial"), "-x-")
    }

    func testShortOptionsGroupAndTakeAttachedOrSeparateValues() throws {
        let grouped = try parse("meter", "create", "-nq", "-sWM-1")
        XCTAssertTrue(grouped.arguments.has("dry-run"))
        XCTAssertTrue(grouped.globals.has("quiet"))
        XCTAssertEqual(grouped.arguments.value("serial"), "WM-1")

        let valueLast = try parse("meter", "create", "-qns", "WM-2")
        XCTAssertTrue(valueLast.globals.has("quiet"))
        XCTAssertTrue(valueLast.arguments.has("dry-run"))
        XCTAssertEqual(valueLast.arguments.value("serial"), "WM-2")

        // Once a letter takes a value, the rest of the word is that value.
        let attached = try parse("meter", "create", "-nsqx")
        XCTAssertEqual(attached.arguments.value("serial"), "qx")
        XCTAssertFalse(attached.globals.has("quiet"))
    }

    func testDoubleDashEndsOptions() throws {
        let invocation = try parse("meter", "create", "-s", "WM-1", "--", "--dry-run")
        XCTAssertEqual(invocation.arguments.argument("NOTE"), "--dry-run")
        XCTAssertFalse(invocation.arguments.has("dry-run"))
        // Before the command, `--` still lets the command words through.
        let early = try parse("--", "meter", "group", "add", "-G", "-h")
        XCTAssertEqual(early.arguments.argument("GROUP"), "-G")
        XCTAssertEqual(early.arguments.arguments("SERIALS"), ["-h"])
        XCTAssertFalse(early.helpRequested)
    }

    func testDashAndNegativeNumbersArePositional() throws {
        XCTAssertEqual(try parse("pay", "-12.50").arguments.argument("AMOUNT"), "-12.50")
        XCTAssertEqual(try parse("pay", "-3").arguments.argument("AMOUNT"), "-3")
        XCTAssertEqual(try parse("meter", "create", "-s", "X", "-").arguments.argument("NOTE"), "-")
    }

    func testGlobalOptionsAnywhere() throws {
        for words in [
            ["--format", "csv", "meter", "create", "-s", "X"],
            ["meter", "--format", "csv", "create", "-s", "X"],
            ["meter", "create", "-s", "X", "--format=csv"],
        ] {
            let invocation = try ArgumentParser(table: Self.table).parse(words)
            XCTAssertEqual(invocation.globals.value("format"), "csv", "\(words)")
            XCTAssertNil(invocation.arguments.options["format"], "a global is not one of the command's own options")
            XCTAssertEqual(commandPath(invocation), ["meter", "create"])
        }
        // A global given twice: the last one counts.
        XCTAssertEqual(try parse("--format", "csv", "pay", "1", "--format", "json").globals.value("format"), "json")
    }

    func testRepeatableAndNonRepeatableOptions() throws {
        XCTAssertEqual(try parse("meter", "create", "-s", "X", "-t", "a", "--tag", "b", "--tag=c").arguments.values("tag"),
                       ["a", "b", "c"])
        assertUsageError(["meter", "create", "-s", "X", "--serial", "Y"],
                         UsageError("option --serial was given more than once", command: "wbill meter create"))
    }

    // MARK: values

    func testValuesAreCheckedByKind() throws {
        let good = try parse("meter", "create", "-s", "X", "--size", "-2", "--deposit", "12.50", "--installed", "2024-02-29",
                             "--billing-month", "2026-11", "--at", "2026-11-23T10:00:00Z", "--kind", "hot")
        XCTAssertEqual(good.arguments.integer("size"), -2)
        XCTAssertEqual(good.arguments.value("deposit"), "12.50")
        XCTAssertEqual(good.arguments.date("installed"), CivilDate(year: 2024, month: 2, day: 29))
        XCTAssertEqual(good.arguments.value("kind"), "hot")

        let command = "wbill meter create"
        let cases: [([String], String)] = [
            (["--size", "2x"], "invalid value '2x' for --size: expected a whole number"),
            (["--deposit", "1.2.3"], "invalid value '1.2.3' for --deposit: expected a decimal number such as 12.50"),
            (["--deposit", ".5"], "invalid value '.5' for --deposit: expected a decimal number such as 12.50"),
            (["--deposit", "1e3"], "invalid value '1e3' for --deposit: expected a decimal number such as 12.50"),
            (["--installed", "2023-02-29"], "invalid value '2023-02-29' for --installed: there is no such day: February 2023 has 28 days"),
            (["--installed", "23-02-01"], "invalid value '23-02-01' for --installed: expected a date as YYYY-MM-DD"),
            (["--billing-month", "2026-13"], "invalid value '2026-13' for --billing-month: expected a month as YYYY-MM"),
            (["--billing-month", "2026-1"], "invalid value '2026-1' for --billing-month: expected a month as YYYY-MM"),
            (["--at", "2026-11-23T25:00:00Z"],
             "invalid value '2026-11-23T25:00:00Z' for --at: expected a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)"),
            (["--kind", "warm"], "invalid value 'warm' for --kind: expected one of cold, hot, bulk"),
            (["--kind", "hott"], "invalid value 'hott' for --kind: expected one of cold, hot, bulk; did you mean 'hot'?"),
            (["--serial="], "invalid value '' for --serial: expected a non-empty value"),
        ]
        for (options, message) in cases {
            assertUsageError(["meter", "create"] + options + ["-s", "X"], UsageError(message, command: command))
        }
        assertUsageError(["pay", "ten"],
                         UsageError("invalid value 'ten' for AMOUNT: expected a decimal number such as 12.50", command: "wbill pay"))
        // Before the command is known, errors point at the command list.
        assertUsageError(["--format", "xml", "pay", "1"],
                         UsageError("invalid value 'xml' for --format: expected one of table, csv, tsv, json, xlsx, dbf, sql"))
    }

    func testMissingValuesAndValuesForFlags() {
        assertUsageError(["meter", "create", "--serial"],
                         UsageError("option --serial needs a value (SERIAL)", command: "wbill meter create"))
        assertUsageError(["meter", "create", "-ns"], UsageError("option -s needs a value (SERIAL)", command: "wbill meter create"))
        assertUsageError(["--db"], UsageError("option --db needs a value (PATH)"))
        assertUsageError(["meter", "create", "-s", "X", "--dry-run=yes"],
                         UsageError("option --dry-run takes no value", command: "wbill meter create"))
    }

    // MARK: arguments

    func testRequiredOptionsAndArguments() {
        assertUsageError(["meter", "create"], UsageError("missing option --serial SERIAL", command: "wbill meter create"))
        assertUsageError(["meter", "group", "add"], UsageError("missing argument GROUP", command: "wbill meter group add"))
        assertUsageError(["meter", "group", "add", "G"], UsageError("missing argument SERIALS", command: "wbill meter group add"))
        assertUsageError(["meter", "create", "-s", "X", "one", "two"],
                         UsageError("unexpected argument 'two'", command: "wbill meter create"))
    }

    func testVariadicArgumentTakesTheRest() throws {
        let invocation = try parse("meter", "group", "add", "north", "WM-1", "WM-2", "WM-3")
        XCTAssertEqual(invocation.arguments.argument("GROUP"), "north")
        XCTAssertEqual(invocation.arguments.arguments("SERIALS"), ["WM-1", "WM-2", "WM-3"])
    }

    func testHelpAndVersionSkipTheCommandsOwnChecks() throws {
        let help = try parse("meter", "create", "-h")
        XCTAssertTrue(help.helpRequested)
        XCTAssertEqual(commandPath(help), ["meter", "create"])
        XCTAssertTrue(try parse("meter", "group", "add", "--version").versionRequested)
    }

    // MARK: unknown words

    func testUnknownCommandsAndVerbsSuggestTheNearest() {
        assertUsageError(["meterr"], UsageError("unknown command 'meterr'; did you mean 'meter'?").withoutHint())
        assertUsageError(["metre", "group"], UsageError("unknown command 'metre'; did you mean 'meter group'?").withoutHint())
        assertUsageError(["metre", "gruop", "add"],
                         UsageError("unknown command 'metre'; did you mean 'meter group'?").withoutHint())
        assertUsageError(["meter", "crate"],
                         UsageError("unknown command 'crate' for 'wbill meter'; did you mean 'meter create'?").withoutHint())
        // An abbreviation of three or more letters that begins exactly one verb suggests it.
        assertUsageError(["meter", "cre"],
                         UsageError("unknown command 'cre' for 'wbill meter'; did you mean 'meter create'?").withoutHint())
        assertUsageError(["meter", "cr"],
                         UsageError("unknown command 'cr' for 'wbill meter'; run 'wbill meter --help' for the list").withoutHint())
        assertUsageError(["meter", "creat"],
                         UsageError("unknown command 'creat' for 'wbill meter'; did you mean 'meter create'?").withoutHint())
        assertUsageError(["invoice"], UsageError("unknown command 'invoice'; run 'wbill help' for the list").withoutHint())
        assertUsageError(["meter", "zzzzzz"],
                         UsageError("unknown command 'zzzzzz' for 'wbill meter'; run 'wbill meter --help' for the list").withoutHint())
    }

    func testUnknownOptionsSuggestTheNearestOfThoseThatApply() {
        assertUsageError(["meter", "create", "--seriel", "X"],
                         UsageError("unknown option '--seriel'; did you mean '--serial'?").withoutHint())
        assertUsageError(["meter", "create", "--dryrun"],
                         UsageError("unknown option '--dryrun'; did you mean '--dry-run'?").withoutHint())
        assertUsageError(["--quite", "pay", "1"], UsageError("unknown option '--quite'; did you mean '--quiet'?").withoutHint())
        // Before the command, its own options do not apply yet.
        assertUsageError(["--seriel", "X", "meter", "create"], UsageError("unknown option '--seriel'").withoutHint())
        assertUsageError(["meter", "create", "--everything"], UsageError("unknown option '--everything'").withoutHint())
    }

    // MARK: the command line for the audit trail

    func testAuditTextQuotesWordsAndHidesSecrets() throws {
        XCTAssertEqual(try parse("meter", "create", "-s", "WM 1", "it's", "--quiet").auditText,
                       #"wbill meter create -s 'WM 1' 'it'\''s' --quiet"#)
        XCTAssertEqual(try parse("meter", "create", "-s", "X", "北京").auditText, "wbill meter create -s X 北京")
        // The secret is replaced by the word *** (quoted, as the shell needs it), in every spelling.
        XCTAssertEqual(try parse("meter", "create", "-s", "X", "--pin", "1234").auditText, "wbill meter create -s X --pin '***'")
        XCTAssertEqual(try parse("meter", "create", "-s", "X", "--pin=1234").auditText, "wbill meter create -s X '--pin=***'")
        XCTAssertEqual(try parse("meter", "create", "-s", "X", "-p", "1234").auditText, "wbill meter create -s X -p '***'")
        XCTAssertEqual(try parse("meter", "create", "-s", "X", "-p1234").auditText, "wbill meter create -s X '-p***'")
        XCTAssertEqual(try parse("meter", "create", "-s", "X", "-qnp1234").auditText, "wbill meter create -s X '-qnp***'")
        // The command itself still gets the value.
        XCTAssertEqual(try parse("meter", "create", "-s", "X", "--pin", "1234").arguments.value("pin"), "1234")
        XCTAssertEqual(try parse("meter", "create", "-s", "X", "-qnp1234").arguments.value("pin"), "1234")
    }

    func testShellQuoting() {
        XCTAssertEqual(shellQuoted("plain-word_1.db"), "plain-word_1.db")
        XCTAssertEqual(shellQuoted("--db=/srv/a:b,c+d@e%f"), "--db=/srv/a:b,c+d@e%f")
        XCTAssertEqual(shellQuoted(""), "''")
        XCTAssertEqual(shellQuoted("a b"), "'a b'")
        XCTAssertEqual(shellQuoted("$(rm -rf /)"), "'$(rm -rf /)'")
        XCTAssertEqual(shellQuoted("it's"), #"'it'\''s'"#)
        XCTAssertEqual(shellQuoted("line\nbreak"), "'line\nbreak'")
    }

    func testDecimalText() {
        for text in ["0", "12", "12.50", "-12.50", "+0.5", "007"] { XCTAssertTrue(isDecimalText(text), text) }
        for text in ["", "-", ".5", "5.", "1.2.3", "1e3", "١٢", "12 ", "0x1F"] { XCTAssertFalse(isDecimalText(text), text) }
    }
}
