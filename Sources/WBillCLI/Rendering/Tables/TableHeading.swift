import WBillSupport

/// What a written table is, apart from its rows: the report's (or export's) name and title, the
/// parameters it was made with, its notes, its charts, and when and by whom it was generated.
/// JSON carries it in the document, xlsx on a sheet of its own; CSV, TSV and dBase carry rows only.
public struct TableHeading: Sendable {
    /// `consumption`, `meters`, `meter-list` … (also the SQL table's and the xlsx sheet's name).
    public let name: String
    public let title: String
    public let parameters: [(key: String, value: String)]
    public let notes: [String]
    public let charts: [ReportDocument.Chart]
    public let provenance: ReportProvenance

    public init(name: String, title: String, parameters: [(key: String, value: String)] = [], notes: [String] = [],
                charts: [ReportDocument.Chart] = [], provenance: ReportProvenance) {
        self.name = name
        self.title = title
        self.parameters = parameters
        self.notes = notes
        self.charts = charts
        self.provenance = provenance
    }
}

/// A writer of one table in one format: `begin` with the heading and the columns, `append` each
/// row, `finish`. Rows stream through: only the aligned text table holds them all (it needs every
/// width before the first line).
protocol TableWriter: AnyObject {
    func begin(_ heading: TableHeading, columns: [TabularColumn]) throws
    func append(_ row: [TabularValue]) throws
    /// Writes what remains and commits the file (a file target).
    func finish() throws
}

/// Where a text format's bytes go: standard output (buffered by `OutputStreams`) or a file
/// being written atomically (buffered here, 64 KiB at a time).
final class ByteOutput {
    private enum Target {
        case standardOutput(OutputStreams)
        case file(AtomicFile)
        case memory
    }

    private let target: Target
    private var buffer: [UInt8] = []

    init(streams: OutputStreams) { target = .standardOutput(streams) }
    init(file: AtomicFile) { target = .file(file) }
    /// Collects the bytes (`collected`), for text rendered into a string.
    init() { target = .memory }

    /// What a memory target collected.
    var collected: String { String(decoding: buffer, as: UTF8.self) }

    /// Appends text as UTF-8.
    func write(_ text: String) throws {
        switch target {
        case .standardOutput(let streams): streams.out(text)
        case .file:
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 16 { try flush() }
        case .memory:
            buffer.append(contentsOf: text.utf8)
        }
    }

    /// Appends bytes.
    func write(bytes: [UInt8]) throws {
        switch target {
        case .standardOutput(let streams): streams.out(bytes: bytes)
        case .file:
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 16 { try flush() }
        case .memory:
            buffer.append(contentsOf: bytes)
        }
    }

    /// Writes the buffer and, for a file, commits it.
    func finish() throws {
        try flush()
        if case .file(let file) = target { try file.commit() }
    }

    private func flush() throws {
        guard case .file(let file) = target, !buffer.isEmpty else { return }
        var failure: FileWriteError?
        buffer.withUnsafeBytes { bytes in
            do throws(FileWriteError) { try file.write(bytes) } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw failure }
    }
}
