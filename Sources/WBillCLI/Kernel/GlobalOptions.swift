import WaterBilling

/// The options every command accepts, anywhere on the command line before `--`.
enum GlobalOptions {
    static let rows: [OptionSpec] = [
        .value("db", .outputFile, placeholder: "PATH",
               help: "the database file (default: $WBILL_DB, else $XDG_DATA_HOME/wbill/wbill.db)"),
        .value("format", .choice(OutputChoice.names), placeholder: "FORMAT",
               help: "how lists are written: table, csv, tsv or json (default: table); reports, exports and read-only lists "
                   + "also write xlsx, dbf and sql files (with --output)"),
        .flag("quiet", short: "q", help: "print only data and errors, no informational messages"),
        .flag("no-color", help: "never use colour (colour is also off when NO_COLOR is set or output is not a terminal)"),
        .value("operator", .text, placeholder: "NAME",
               help: "who is acting: before any operator exists, the name the audit trail records; after, another operator to act for, "
                   + "which needs operator.act-for (default: $WBILL_OPERATOR, else the login's operator)"),
        .value("busy-timeout", .integer, placeholder: "SECONDS",
               help: "how long to wait while another program writes to the database, then give up with exit 75 "
                   + "(default: $WBILL_BUSY_TIMEOUT, else \(Settings.defaultBusyTimeoutSeconds))"),
        .flag("help", short: "h", help: "show help for the command"),
        .flag("version", help: "print the version and exit"),
    ]

    static let names = Set(rows.map(\.long))
}
