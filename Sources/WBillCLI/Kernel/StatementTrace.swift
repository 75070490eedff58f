#if canImport(Glibc)
import Glibc
#endif
import WBillSupport

/// `WBILL_TRACE_SQL=FILE`: appends every SQL statement the command runs to FILE, one a line with
/// its parameters bound in, for finding where a command's time goes (and for the tests that check
/// the query plans of list and show commands).
final class StatementTrace {
    private let descriptor: Int32

    /// Starts tracing `database` into the file `environment` names, if it names one.
    /// - Throws: `FileWriteError` when the file cannot be opened.
    static func start(on database: Database, environment: [String: String]) throws -> StatementTrace? {
        guard let path = environment["WBILL_TRACE_SQL"], !path.isEmpty else { return nil }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileWriteError(path: path, reason: FileSystem.errorText(errno), creating: true) }
        let trace = StatementTrace(descriptor: descriptor)
        database.traceStatements { [trace] sql in trace.append(sql) }
        return trace
    }

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// One statement, its line breaks folded to spaces so that each statement is one line.
    private func append(_ sql: String) {
        let line = Array((sql.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n").utf8)
        _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
