import WBillSupport

/// One table of the database as typed rows, for `wbill export`: its name, its columns (typed,
/// text as wide as the domain lets it be) and the one query that reads its rows, joined to the
/// names people need. `stream` runs that query once, in one read transaction (a snapshot: a write
/// committed meanwhile is in none of the rows or in all), and hands each row to the consumer as it
/// is read, so memory stays flat whatever the table's length.
public struct TableExport: Sendable {
    /// `meters`: also the SQL table's, the xlsx sheet's and the JSON document's name.
    public let name: String
    public let title: String
    public let columns: [TabularColumn]
    /// What the rows were chosen by (`from`, `to`, `group`), for the file's metadata.
    public let parameters: [(key: String, value: String)]
    /// What a reader needs to know about the values.
    public let notes: [String]
    let sql: String
    let bindings: [SQLValue]
    let row: @Sendable (Row) throws -> [TabularValue]

    init(name: String, title: String, columns: [TabularColumn], parameters: [(key: String, value: String)] = [],
         notes: [String] = [], sql: String, bindings: [SQLValue] = [], row: @escaping @Sendable (Row) throws -> [TabularValue]) {
        self.name = name
        self.title = title
        self.columns = columns
        self.parameters = parameters
        self.notes = notes
        self.sql = sql
        self.bindings = bindings
        self.row = row
    }

    /// Reads the rows with one prepared statement in one read transaction and gives each to `consumer`.
    /// - Throws: `SQLiteError`, `StoredValueError` for a value this program does not know, or what
    ///   the consumer throws (the export stops there).
    public func stream(from database: Database, into consumer: TabularRowConsumer) throws {
        try database.readTransaction {
            let statement = try database.prepare(sql)
            try statement.bind(bindings)
            defer { statement.reset() }
            while try statement.step() {
                try consumer(try row(statement.row))
            }
        }
    }
}

/// The days an export of dated rows covers: `from` and `to` included, either end open.
public struct ExportDays: Sendable, Equatable {
    public let from: CivilDate?
    public let to: CivilDate?

    /// The days from `from` to `to`, each included; nil for an open end.
    public init(from: CivilDate? = nil, to: CivilDate? = nil) {
        self.from = from
        self.to = to
    }

    /// Whether neither end is given.
    public var isEverything: Bool { from == nil && to == nil }

    /// The parameters a file's metadata shows.
    var parameters: [(key: String, value: String)] {
        (from.map { [("from", $0.description)] } ?? []) + (to.map { [("to", $0.description)] } ?? [])
    }

    /// `column >= ? AND column < ?` over the days, for a column of UTC times (ISO 8601 text sorts
    /// as time) or of dates; the conditions and their values. Empty for no ends.
    func conditions(on column: String) -> (sql: [String], values: [SQLValue]) {
        var sql: [String] = []
        var values: [SQLValue] = []
        if let from {
            sql.append("\(column) >= ?")
            values.append(.text(from.description))
        }
        if let to {
            sql.append("\(column) < ?")
            values.append(.text(to.adding(days: 1).description))
        }
        return (sql, values)
    }
}
