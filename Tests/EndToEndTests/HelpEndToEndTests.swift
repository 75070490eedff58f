import WBillCLI
import XCTest

/// `-h`, `--help` and `wbill help …` print the same text for the same target, on stdout, exit 0.
final class HelpEndToEndTests: SandboxTestCase {
    override class var start: Start { .empty }

    static let globalOptions = """
        Global options:
              --db PATH               the database file (default: $WBILL_DB, else $XDG_DATA_HOME/wbill/wbill.db)
              --format FORMAT         how lists are written: table, csv, tsv or json (default: table); reports, exports and read-only lists also write xlsx, dbf and sql files (with --output)
          -q, --quiet                 print only data and errors, no informational messages
              --no-color              never use colour (colour is also off when NO_COLOR is set or output is not a terminal)
              --operator NAME         who is acting: before any operator exists, the name the audit trail records; after, another operator to act for, which needs operator.act-for (default: $WBILL_OPERATOR, else the login's operator)
              --busy-timeout SECONDS  how long to wait while another program writes to the database, then give up with exit 75 (default: $WBILL_BUSY_TIMEOUT, else 60)
          -h, --help                  show help for the command
              --version               print the version and exit

        """

    /// The top-level words of the command table with their summaries, in the table's order. The table
    /// grows with every command group, so the list comes from it rather than from this file.
    static let topLevelCommands: [(name: String, summary: String)] = {
        let table = CommandTable.standard
        return table.children(of: []).map { ($0, table.summary(of: [$0])) }
    }()

    /// The `Commands:` rows of the top-level help: two spaces, the name padded to the longest name
    /// plus two, the summary.
    static var topLevelCommandRows: String {
        let width = topLevelCommands.map(\.name.count).max()! + 2
        return topLevelCommands.map { "  " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + $0.summary + "\n" }
            .joined()
    }

    static let topLevel = """
        wbill — the back office of a water utility: tariffs, meters, customers, accounts
        and their ledger of payments and prepaid balances, over one SQLite database.

        Usage: wbill [GLOBAL OPTIONS] <command> [OPTIONS] [ARGUMENTS]

        Commands:

        """ + topLevelCommandRows + "\n" + globalOptions + """

        Help topics:
          exit-codes   what each exit status means
          environment  the environment variables wbill reads
          formats      the output formats of list commands

        Run 'wbill help <command>' for more on a command, 'wbill help <topic>' for a topic.

        """

    static let dbGroup = """
        wbill db — the database file: status, migrations, backups

        Usage: wbill db <command> [OPTIONS] [ARGUMENTS]

        One SQLite file holds everything. It is opened in WAL mode, so reports and backups
        can run while other commands write; every writing command is one transaction.

        Commands:
          status   show the path, schema version, sizes, integrity and the utility's settings
          migrate  apply the schema migrations this wbill knows
          backup   copy the database to FILE, safely while it is in use

        Run 'wbill db <command> --help' for more on a command.

        """

    static let dbBackup = """
        wbill db backup — copy the database to FILE, safely while it is in use

        Usage: wbill db backup [OPTIONS] FILE

        Uses SQLite's online backup API: the copy is one consistent snapshot even while
        other wbill commands write. It is written beside FILE, checked, and renamed into
        place, so FILE is never half-written. The copy has mode 0600.

        Arguments:
          FILE  where to write the copy

        Options:
          -f, --force  replace FILE if it exists


        """ + globalOptions + """

        Examples:
          wbill db backup /srv/backups/wbill-$(date +%F).db

        """

    static let auditList = """
        wbill audit list — list audit entries, oldest first

        Usage: wbill audit list [OPTIONS]

        Options:
              --entity KIND        only this kind of entity (database, schema, tariff, meter, account …)
              --id KEY             only the entity with this key (a serial, an account number)
              --by NAME            only entries by this operator
              --since TIME         only entries at or after TIME (YYYY-MM-DD or a UTC time)
              --until TIME         only entries before TIME
              --limit N            only the newest N entries
              --real-time          add real_at: the clock's time of entries written while WBILL_NOW overrode it
          -o, --output FILE        write to FILE instead of standard output, atomically; its format is --format's, else its extension's (.csv .tsv .json .txt .xlsx .dbf .sql)
              --encoding ENCODING  the text encoding of a dbf file: utf-8 (default), gbk (for Chinese municipal systems) or cp1252
              --truncate           cut text longer than its dbf field to fit (default: refuse the file, naming the record and field)
              --bom                begin a csv or tsv file with a UTF-8 byte-order mark, which Excel needs to read it as UTF-8
              --dialect DIALECT    the database an sql script is written for: sqlite (default), postgres, sqlserver or oracle


        """ + globalOptions + """

        Examples:
          wbill audit list --entity meter --id WM-000123
          wbill audit list --by alice --since 2026-11-01 --format csv

        """

    static let exitCodes = """
        Exit statuses of wbill (after BSD sysexits where one fits):

          0    success
          1    a rule refused the action (for example deleting a tariff in use); nothing was changed
          64   the command line was wrong: unknown command or option, missing or malformed value
          65   input data was malformed: a bad row in a file, a corrupt or foreign database
          66   an input file or the database is missing or unreadable
          69   a device, such as the card reader, is unavailable
          70   an internal error (a bug): please report it with the command line
          73   an output file or directory cannot be created
          74   writing failed part-way (disk full, a file too large for the file size limit, an I/O error)
          75   the database is busy with another writer, or the card reader's port with another command; the same command can be retried
          77   permission denied

        Errors are printed on stderr as 'wbill: error: …'; stdout carries data only.

        """

    func testTopLevelHelpIsTheSameForEverySpelling() throws {
        for arguments in [["-h"], ["--help"], ["help"], ["--quiet", "--help"], ["--format=json", "-h"]] {
            XCTAssertRun(try sandbox.wbill(arguments), status: 0, stdout: Self.topLevel)
        }
    }

    func testTopLevelHelpListsTheFoundationCommands() throws {
        // The commands that were there first, with their summaries; later groups come between them.
        let summaries = Dictionary(uniqueKeysWithValues: Self.topLevelCommands.map { ($0.name, $0.summary) })
        XCTAssertEqual(summaries["init"], "create the database, or bring an existing one up to date")
        XCTAssertEqual(summaries["db"], "the database file: status, migrations, backups")
        XCTAssertEqual(summaries["audit"], "the audit trail: who changed what, when, with which command")
        XCTAssertEqual(summaries["completion"], "print the shell completion script for bash, zsh or fish")
        XCTAssertEqual(summaries["man"], "write the man pages generated from the command table")
        XCTAssertEqual(summaries["help"], "show help for a command, a group or a topic")
        XCTAssertEqual(Self.topLevelCommands.first?.name, "init")
        XCTAssertEqual(Self.topLevelCommands.suffix(3).map(\.name), ["completion", "man", "help"])
        // Every listed word is a command or group the binary knows.
        for (name, summary) in Self.topLevelCommands {
            let help = try sandbox.wbill("help", name)
            XCTAssertEqual(help.status, 0, "\(help)")
            XCTAssertTrue(help.stdout.hasPrefix("wbill \(name) — \(summary)\n\nUsage: wbill \(name)"), help.stdout)
        }
    }

    func testNoCommandPrintsTheHelpOnStderrWithTheUsageStatus() throws {
        XCTAssertRun(try sandbox.wbill([]), status: 64, stderr: Self.topLevel)
    }

    func testGroupHelpIsTheSameForEverySpelling() throws {
        for arguments in [["db", "--help"], ["db", "-h"], ["help", "db"], ["--help", "db"], ["-h", "db"]] {
            XCTAssertRun(try sandbox.wbill(arguments), status: 0, stdout: Self.dbGroup)
        }
    }

    func testGroupWithoutAVerbIsAUsageError() throws {
        XCTAssertRun(try sandbox.wbill("db"), status: 64,
                     stderr: "wbill: error: 'wbill db' needs a command\n\n" + Self.dbGroup)
    }

    func testCommandHelpIsTheSameForEverySpelling() throws {
        let spellings = [
            ["db", "backup", "--help"], ["db", "backup", "-h"], ["help", "db", "backup"],
            ["-h", "db", "backup"], ["db", "--help", "backup"], ["db", "backup", "-qh"],
        ]
        for arguments in spellings {
            XCTAssertRun(try sandbox.wbill(arguments), status: 0, stdout: Self.dbBackup)
        }
        for arguments in [["audit", "list", "-h"], ["help", "audit", "list"], ["audit", "list", "--help"]] {
            XCTAssertRun(try sandbox.wbill(arguments), status: 0, stdout: Self.auditList)
        }
    }

    func testHelpDoesNotNeedTheCommandsArgumentsOrADatabase() throws {
        // `db backup` needs FILE and a database; asking for its help needs neither.
        XCTAssertRun(try sandbox.wbill("--db", sandbox.file("missing.db"), "db", "backup", "--help"),
                     status: 0, stdout: Self.dbBackup)
    }

    func testHelpExitCodes() throws {
        XCTAssertRun(try sandbox.wbill("help", "exit-codes"), status: 0, stdout: Self.exitCodes)
    }

    func testHelpForAnUnknownCommandSuggestsTheNearest() throws {
        XCTAssertRun(try sandbox.wbill("help", "db", "bakup"), status: 64, stderr: """
            wbill: error: no help for 'db bakup': unknown command or topic 'bakup'; did you mean 'db backup'?

            """)
        XCTAssertRun(try sandbox.wbill("help", "exit-code"), status: 64, stderr: """
            wbill: error: no help for 'exit-code': unknown command or topic 'exit-code'; did you mean 'exit-codes'?

            """)
        XCTAssertRun(try sandbox.wbill("help", "zzzz"), status: 64, stderr: """
            wbill: error: no help for 'zzzz': unknown command or topic 'zzzz'

            """)
    }

    func testVersion() throws {
        XCTAssertRun(try sandbox.wbill("--version"), status: 0, stdout: "wbill 0.1.0\n")
        XCTAssertRun(try sandbox.wbill("db", "status", "--version"), status: 0, stdout: "wbill 0.1.0\n")
    }
}
