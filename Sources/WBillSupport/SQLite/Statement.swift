import CSQLite

/// A prepared SQL statement; finalized when the last reference goes away.
///
/// Reuse one statement for many rows (bind, step, reset) on hot paths such as imports.
public final class Statement {
    let handle: OpaquePointer
    /// The SQL text the statement was prepared from.
    public let sql: String
    unowned let database: Database
    /// Whether the connection's statement cache has lent this statement to a caller still using it
    /// (a query whose row handler runs the same SQL then gets a fresh statement).
    var isLent = false

    init(database: Database, sql: String) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw database.error(code: code, sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds values to the `?` parameters in order, clearing earlier bindings first.
    /// - Throws: `SQLiteError` when a value cannot be bound (wrong parameter count, too big).
    public func bind(_ values: [SQLBindable]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value.sqlValue {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .text(let text):
                code = bindText(text, at: index)
            case .blob(let bytes):
                code = bytes.withUnsafeBytes {
                    sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), sqliteTransient)
                }
            }
            guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
        }
    }

    /// Binds text without an intermediate C string: Swift's native UTF-8 storage is handed over
    /// with its byte count (not -1, which would cut the text at an embedded NUL).
    private func bindText(_ text: String, at index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes -> Int32 in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), sqliteTransient)
            }
        }
    }

    /// Binds one value at a 1-based parameter index, for hot loops that avoid building arrays.
    /// Call `reset()` before binding the next row's values.
    public func bind(_ value: Int64, at index: Int32) throws {
        let code = sqlite3_bind_int64(handle, index, value)
        guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
    }

    /// Binds text at a 1-based parameter index (see `bind(_:at:)`).
    public func bind(_ value: String, at index: Int32) throws {
        let code = bindText(value, at: index)
        guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
    }

    /// Binds UTF-8 bytes as text at a 1-based parameter index (see `bind(_:at:)`); SQLite copies
    /// them, so they may change once this returns.
    public func bind(utf8 bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        let code = bytes.withMemoryRebound(to: CChar.self) { text in
            guard let base = text.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, sqliteTransient) }
            return sqlite3_bind_text(handle, index, base, Int32(text.count), sqliteTransient)
        }
        guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
    }

    /// Binds an optional integer (NULL for nil) at a 1-based parameter index.
    public func bind(_ value: Int64?, at index: Int32) throws {
        guard let value else {
            let code = sqlite3_bind_null(handle, index)
            guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
            return
        }
        try bind(value, at: index)
    }

    /// Resets the statement for new bindings (keeps the old ones until replaced).
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Runs a statement whose values were bound with `bind(_:at:)` to completion, then resets it.
    public func executeBound() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Advances to the next row. Returns `false` when the statement is done.
    /// - Throws: `SQLiteError` for constraint violations, busy databases, I/O errors.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            sqlite3_reset(handle)
            throw database.error(code: code, sql: sql)
        }
    }

    /// Binds `values`, runs the statement to completion and resets it for the next use.
    public func execute(_ values: [SQLBindable] = []) throws {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Binds `values` and maps every result row.
    public func query<T>(_ values: [SQLBindable] = [], _ transform: (Row) throws -> T) throws -> [T] {
        try bind(values)
        defer { sqlite3_reset(handle) }
        var rows: [T] = []
        while try step() {
            rows.append(try transform(Row(statement: self)))
        }
        return rows
    }

    /// The current row, valid after `step()` returned `true`.
    public var row: Row { Row(statement: self) }
}

/// Read access to the current row of a statement; columns by zero-based index.
public struct Row {
    let statement: Statement

    /// Whether the column is SQL NULL.
    public func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement.handle, column) == SQLITE_NULL
    }

    /// The column as a 64-bit integer (0 for NULL).
    public func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement.handle, column)
    }

    /// The column as an `Int` (0 for NULL).
    public func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(statement.handle, column))
    }

    /// The column as an integer, or `nil` for NULL.
    public func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    /// The column as text (empty for NULL).
    public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement.handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Calls `body` with the column's text as UTF-8 bytes, without making a `String` (empty for
    /// NULL); the bytes are valid only inside `body`.
    public func withTextBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        guard let pointer = sqlite3_column_text(statement.handle, column) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement.handle, column))))
    }

    /// The column as text, or `nil` for NULL.
    public func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    /// The column as a Boolean stored as 0/1.
    public func bool(_ column: Int32) -> Bool {
        int64(column) != 0
    }
}

/// SQLite's SQLITE_TRANSIENT: makes SQLite copy bound text and blobs.
var sqliteTransient: sqlite3_destructor_type {
    unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
