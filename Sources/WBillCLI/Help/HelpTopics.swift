import WaterBilling

/// Help topics that are not commands.
enum HelpTopics {
    static let all: [HelpTopic] = [exitCodes, environment, formats]

    static let exitCodes = HelpTopic(
        name: "exit-codes", summary: "what each exit status means",
        text: "Exit statuses of wbill (after BSD sysexits where one fits):\n\n"
            + ExitCode.allCases.map { code in
                "  " + DisplayWidth.pad(String(code.rawValue), to: 5) + code.meaning + "\n"
            }.joined()
            + "\nErrors are printed on stderr as 'wbill: error: …'; stdout carries data only.\n")

    static let environment = HelpTopic(
        name: "environment", summary: "the environment variables wbill reads",
        text: """
            Environment variables:

              WBILL_DB        the database file when --db is not given
              XDG_DATA_HOME   without --db and WBILL_DB, the database is $XDG_DATA_HOME/wbill/wbill.db
                              (~/.local/share/wbill/wbill.db when XDG_DATA_HOME is unset)
              WBILL_OPERATOR  the operator to act as when --operator is not given: before any
                              operator exists, the name the audit trail records (else the login
                              name); after, another operator to act for (wbill help role)
              WBILL_BUSY_TIMEOUT
                              seconds to wait while another program writes to the database,
                              when --busy-timeout is not given (else 60)
              WBILL_CARD_PORT the card reader's serial port when --port is not given
              WBILL_CARD_SPEED
                              the card reader's line speed when --speed is not given (else 9600)
              NO_COLOR        when set and not empty, no colour is used
              WBILL_NOW       a UTC time (YYYY-MM-DDTHH:MM:SS.mmmZ) used instead of the clock,
                              for reproducible tests and replays; leave unset in production.
                              Audit entries written under it keep the real time too (audit
                              list --real-time), and nothing can be dated before the account
                              or customer it changes existed
              WBILL_TRACE_SQL a file to which every SQL statement a command runs is appended,
                              one a line with its values (to see where a command's time goes)

            A set-group-id install (man wbill-operator, DEPLOYMENT) ignores WBILL_DB, XDG_DATA_HOME,
            HOME, WBILL_TRACE_SQL and WBILL_NOW.

            """)

    static let formats = HelpTopic(
        name: "formats", summary: "the output formats of list commands",
        text: """
            Output formats (--format), for every command that prints a list or a record:

              table  aligned columns for people; wide (CJK) characters count two columns;
                     numbers are right-aligned; a multi-line value shows its newlines as ⏎,
                     other control characters escaped (\\x1B) so none reaches the terminal;
                     a value wider than 60 columns is cut and ends in … (a record, one field
                     a line, and the other formats show it whole)
              csv    RFC 4180: a header row of stable keys, CRLF line ends, fields quoted
                     when they hold a comma, a quote, a line break or surrounding spaces
              tsv    a header row, tab-separated; tab, newline, carriage return and backslash
                     inside a value are written \\t, \\n, \\r and \\\\
              json   one document: an array of objects with fixed keys (an object for a record);
                     money and volumes are strings ("1820.00") so that they stay exact

            Keys and column order are a stable contract for scripts.

            """)
}
