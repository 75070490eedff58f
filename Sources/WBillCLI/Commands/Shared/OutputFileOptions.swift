import WBillSupport

/// `--output FILE` and the options of the file formats, which the reports, the exports and the
/// read-only lists take (`CommandSpec.writesTableFiles`): the file is written atomically (a killed
/// run leaves nothing under its name), in the format `--format` names or else its extension names.
enum OutputFileOptions {
    static let rows: [OptionSpec] = [
        .value("output", short: "o", .outputFile, placeholder: "FILE",
               help: "write to FILE instead of standard output, atomically; its format is --format's, else its extension's "
                   + "(.csv .tsv .json .txt .xlsx .dbf .sql)"),
        .value("encoding", .choice(DBFEncoding.allCases.map(\.rawValue)), placeholder: "ENCODING",
               help: "the text encoding of a dbf file: utf-8 (default), gbk (for Chinese municipal systems) or cp1252"),
        .flag("truncate", help: "cut text longer than its dbf field to fit (default: refuse the file, naming the record and field)"),
        .flag("bom", help: "begin a csv or tsv file with a UTF-8 byte-order mark, which Excel needs to read it as UTF-8"),
        .value("dialect", .choice(SQLDialect.allCases.map(\.rawValue)), placeholder: "DIALECT",
               help: "the database an sql script is written for: sqlite (default), postgres, sqlserver or oracle"),
    ]

    /// The option names, for the help of commands that take them.
    static let names = Set(rows.map(\.long))
}

/// Where and how a command's table goes, resolved from `--format`, `--output` and the file
/// formats' options before the command runs, so a wrong combination is refused before any work.
struct OutputPlan {
    /// The format chosen (named, inferred from the file's extension, or the aligned table).
    let choice: OutputChoice
    /// The file to write; nil for standard output.
    let path: String?
    let byteOrderMark: Bool
    let encoding: DBFEncoding
    let truncatesText: Bool
    let dialect: SQLDialect

    /// The text format handlers see (`Settings.format`): the chosen one, or the table for a file format.
    var textFormat: OutputFormat {
        if case .text(let format) = choice { return format }
        return .table
    }

    /// The plan for `command` run with `arguments`; `named` is `--format`'s value.
    /// - Throws: `UsageError` for a file format on a command that writes no files, a binary format
    ///   without `--output`, a file whose extension names no format, or an option of another format.
    static func resolve(_ command: CommandSpec, arguments: ParsedArguments, named: String?) throws -> OutputPlan {
        let path = command.writesTableFiles ? arguments.value("output") : nil
        var choice = OutputChoice.text(.table)
        if let named, let chosen = OutputChoice(name: named) {
            choice = chosen
        } else if let path {
            guard let inferred = OutputChoice(extensionOf: path) else {
                throw UsageError("cannot tell the format of \(path) from its name; name one with --format ("
                    + OutputChoice.names.joined(separator: ", ") + ")", command: command.fullName)
            }
            choice = inferred
        }
        if case .file(let format) = choice {
            guard command.writesTableFiles else {
                throw UsageError("--format \(format.rawValue) writes a file, and '\(command.fullName)' writes only to standard output: "
                    + "use table, csv, tsv or json", command: command.fullName)
            }
            if format.isBinary && path == nil {
                throw UsageError("--format \(format.rawValue) is a binary file: write it with --output FILE", command: command.fullName)
            }
        }
        guard command.writesTableFiles else {
            return OutputPlan(choice: choice, path: nil, byteOrderMark: false, encoding: .utf8, truncatesText: false, dialect: .sqlite)
        }
        let plan = OutputPlan(
            choice: choice, path: path, byteOrderMark: arguments.has("bom"),
            encoding: arguments.choice("encoding", as: DBFEncoding.self) ?? .utf8,
            truncatesText: arguments.has("truncate"), dialect: arguments.choice("dialect", as: SQLDialect.self) ?? .sqlite)
        try plan.refuseOptionsOfOtherFormats(arguments, command: command)
        return plan
    }

    private func refuseOptionsOfOtherFormats(_ arguments: ParsedArguments, command: CommandSpec) throws {
        let name = choice.name
        if arguments.has("bom") && choice != .text(.csv) && choice != .text(.tsv) {
            throw UsageError("--bom is for csv and tsv output, not \(name)", command: command.fullName)
        }
        if (arguments.has("encoding") || arguments.has("truncate")) && choice != .file(.dbf) {
            throw UsageError("--\(arguments.has("encoding") ? "encoding" : "truncate") is for dbf output, not \(name)", command: command.fullName)
        }
        if arguments.has("dialect") && choice != .file(.sql) {
            throw UsageError("--dialect is for sql output, not \(name)", command: command.fullName)
        }
    }
}
