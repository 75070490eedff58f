import WBillSupport

/// The columns of a `customer open --file` CSV; `type`, `name` and `meters` are required, order is free.
public enum CustomerImportColumns {
    /// Every column: the type, each basic-information field, and the meters.
    public static let all = ["type"] + CustomerField.allCases.map(\.column) + ["meters"]
    /// The columns a file must have.
    public static let required = ["type", "name", "meters"]

    /// The serials in a `meters` field: separated by `;` or spaces.
    public static func serials(in field: String) -> [String] {
        field.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "\t" }).map(String.init)
    }
}

/// One customer registered from a file.
public struct ImportedCustomer: Sendable, Equatable {
    /// The line its row starts on.
    public let line: Int
    public let opened: OpenedAccount
}

/// One bad row (or one bad field of a row) of a customer file.
public struct CustomerImportProblem: Sendable, Equatable {
    public let line: Int
    /// The column to blame, if one is.
    public let column: String?
    public let value: String
    public let reason: String
    /// What it is about, when a front end may add how to fix it.
    public var cause: ProblemCause? = nil
}

/// Registers customers from a file of records (CSV, or a sheet of a workbook: any `RecordSource`), all or nothing: every row is checked like
/// `customer open`, every problem is collected with its line and column, and only a file
/// without problems is kept. Call inside a write transaction, and roll it back when this throws:
/// the rows are written straight into it, without a savepoint each (that the whole transaction
/// is kept or dropped is what makes the file all or nothing).
public struct CustomerImporter {
    let database: Database
    let audit: AuditTrail
    /// How many problems to keep for the report (all are counted).
    public var problemsKept = 1000

    /// An importer writing to `database`, recording to `audit`.
    public init(database: Database, audit: AuditTrail) {
        self.database = database
        self.audit = audit
    }

    /// Runs the import.
    /// - Returns: the customers registered, in file order.
    /// - Throws: `CSVError` for an unreadable file or header, `CustomerImportError` listing the
    ///   bad rows (the caller's transaction must then be rolled back), `SQLiteError`.
    public func run(reader: any RecordSource) throws -> [ImportedCustomer] {
        precondition(database.isInTransaction, "a customer file is registered inside the caller's transaction")
        reader.digestInput()
        let header = try reader.readHeader(allowed: CustomerImportColumns.all, required: CustomerImportColumns.required)
        let registrar = try CustomerRegistrar(batchIn: database)
        var imported: [ImportedCustomer] = []
        var problems: [CustomerImportProblem] = []
        var problemCount = 0
        var rows = 0
        var firstLineOfSerial: [String: Int] = [:]

        while true {
            let next = try Self.nextRecord(reader, header: header)
            guard case .record(let record)? = next else {
                guard case .refused(let problem)? = next else { break }
                // A row the reader refuses (not UTF-8, a cell that lost digits) is one bad row:
                // listed, and the rows after it still checked.
                rows += 1
                problemCount += 1
                if problems.count < problemsKept { problems.append(problem) }
                continue
            }
            rows += 1
            var rowProblems: [CustomerImportProblem] = []
            if record.count != header.names.count {
                rowProblems.append(CustomerImportProblem(line: record.line, column: nil, value: "",
                    reason: "expected \(header.names.count) fields as in the header, found \(record.count)"))
            } else {
                var draft = CustomerDraft()
                for field in CustomerField.allCases {
                    if let value = header.value(field.column, in: record) { draft.values[field] = value }
                }
                var serials: [String] = []
                for serial in CustomerImportColumns.serials(in: header.value("meters", in: record) ?? "") {
                    let key = (try? MeterSerial.normalise(serial).get()) ?? serial
                    if let line = firstLineOfSerial[key] {
                        rowProblems.append(CustomerImportProblem(line: record.line, column: "meters", value: serial,
                                                                 reason: "already given on line \(line) of this file"))
                    } else {
                        serials.append(serial)
                    }
                }
                let request = RegistrationRequest(typeName: header.value("type", in: record) ?? "", customer: draft,
                                                  meterSerials: serials)
                let check = try registrar.check(request)
                // A row whose only meters were given on earlier lines already says so.
                let repeatedOnly = serials.isEmpty && !rowProblems.isEmpty
                rowProblems += check.problems.filter { !(repeatedOnly && $0.field == "meter" && $0.value.isEmpty) }.map { problem in
                    CustomerImportProblem(line: record.line, column: problem.field == "meter" ? "meters" : problem.field,
                                          value: problem.value, reason: problem.reason, cause: problem.cause)
                }
                // Once a row is bad nothing will be kept: the rows after it are only checked.
                if rowProblems.isEmpty, problemCount == 0, let type = check.type, let customer = check.customer {
                    let opened = try registrar.write(type: type, customer: customer, meters: check.meters, audit: audit)
                    imported.append(ImportedCustomer(line: record.line, opened: opened))
                    for meter in opened.meters { firstLineOfSerial[meter.serial] = record.line }
                } else {
                    for serial in serials {
                        if let key = try? MeterSerial.normalise(serial).get(), firstLineOfSerial[key] == nil {
                            firstLineOfSerial[key] = record.line
                        }
                    }
                }
            }
            problemCount += rowProblems.count
            for problem in rowProblems where problems.count < problemsKept { problems.append(problem) }
        }
        if problemCount > 0 {
            throw CustomerImportError(source: reader.name, problems: problems, problemCount: problemCount, rows: rows,
                                      places: header.places)
        }
        try recordSummary(of: imported, rows: rows, reader: reader)
        return imported
    }
}

extension CustomerImporter {
    /// A row as read: its record, or the problem of a row the reader refused.
    enum Row {
        case record(CSVRecord)
        case refused(CustomerImportProblem)
    }

    /// The next row, or nil at the end of the input.
    /// - Throws: `CSVError` for anything but a problem of one record (bytes that are not UTF-8,
    ///   a refused cell: the reader reads on past those).
    static func nextRecord(_ reader: any RecordSource, header: CSVHeader) throws -> Row? {
        do {
            return try reader.next().map(Row.record)
        } catch {
            guard error.isRecordProblem else { throw error }
            let column = error.field.flatMap { header.names.indices.contains($0 - 1) ? header.names[$0 - 1] : nil }
            return .refused(CustomerImportProblem(line: error.line, column: column, value: error.value, reason: error.message))
        }
    }

    /// The file's own audit entry: a summary of a few hundred bytes whatever the file's size.
    /// Each customer, account and installed meter has its own entry already (as for a single
    /// registration); the accounts of one file are numbered consecutively in its one transaction,
    /// so the first and the last number name them all. The file is named by its absolute path (as
    /// given for standard input), its size and its SHA-256, and a workbook's sheet.
    func recordSummary(of imported: [ImportedCustomer], rows: Int, reader: any RecordSource) throws {
        let digest = reader.inputDigest
        var changes = [
            AuditChange("rows", old: nil, new: String(rows)),
            AuditChange("accounts_opened", old: nil, new: String(imported.count)),
            AuditChange("meters_installed", old: nil, new: String(imported.reduce(0) { $0 + $1.opened.meters.count })),
            AuditChange("first_account", old: nil, new: imported.first?.opened.account.number),
            AuditChange("last_account", old: nil, new: imported.last?.opened.account.number),
            AuditChange("file", old: nil, new: reader.filePath ?? reader.name),
            AuditChange("file_bytes", old: nil, new: digest.map { String($0.byteCount) }),
            AuditChange("file_sha256", old: nil, new: digest?.sha256.description),
        ]
        if let sheet = reader.sheetName { changes.append(AuditChange("sheet", old: nil, new: sheet)) }
        try audit.record(entity: "customer-import", id: reader.name, action: "import", changes: changes)
    }
}

/// A customer file refused because of bad rows: every problem with its line, column and value.
public struct CustomerImportError: ClassifiedError, Equatable {
    public let source: String
    public let problems: [CustomerImportProblem]
    public let problemCount: Int
    public let rows: Int
    /// How the input names its rows and cells (`customers.csv:17`, `customers.xlsx: Sheet1!C17`).
    public let places: RecordPlaces

    /// The error for `problems` in `source`, placed as `places` says (by default as lines of a
    /// text file).
    public init(source: String, problems: [CustomerImportProblem], problemCount: Int, rows: Int, places: RecordPlaces? = nil) {
        self.source = source
        self.problems = problems
        self.problemCount = problemCount
        self.rows = rows
        self.places = places ?? RecordPlaces(source: source)
    }

    public var failureKind: FailureKind { .badInput }
    public var description: String {
        let badRows = Set(problems.map(\.line)).count
        let what = problemCount == problems.count ? counted(badRows, "bad row") : "\(counted(problemCount, "problem")) in bad rows"
        return "\(source): \(what) of \(rows); nothing was imported"
    }
    public var details: [String] {
        var lines = problems.map { problem in
            var text = places.place(line: problem.line, column: problem.column) + ":"
            if let column = problem.column { text += problem.value.isEmpty ? " \(column):" : " \(column) '\(problem.value)':" }
            return text + " \(problem.reason)"
        }
        if problemCount > problems.count { lines.append("… and \(problemCount - problems.count) more") }
        return lines
    }
}
