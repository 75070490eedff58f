#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The formats a bulk import reads.
public enum RecordFileFormat: String, Sendable, CaseIterable {
    /// RFC 4180 text, UTF-8.
    case csv
    /// An Excel 2007+ workbook (also `.xlsm`).
    case xlsx
    /// An old Excel 97–2003 (BIFF) workbook.
    case xls

    /// The format a file's name says: `.xlsx`/`.xlsm` → xlsx, `.xls` → xls, anything else (and
    /// standard input) → csv. Letter case does not matter.
    public static func byExtension(of path: String) -> RecordFileFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") { return .xlsx }
        if lower.hasSuffix(".xls") { return .xls }
        return .csv
    }

    /// The format the first bytes of a file show, when they show one of the workbooks: a zip
    /// archive is xlsx, an OLE compound file is xls (or an encrypted xlsx, which is one too).
    static func byContent(_ prefix: [UInt8]) -> RecordFileFormat? {
        if prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        if prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .xls }
        return nil
    }

    var article: String { self == .csv ? "a" : "an" }

    /// What a file of the format is, for messages.
    var shape: String {
        switch self {
        case .csv: return "UTF-8 text"
        case .xlsx: return "a zip archive of XML parts, as Excel 2007 and later write"
        case .xls: return "a BIFF workbook, as Excel 97-2003 write"
        }
    }
}

/// Opens the file of a bulk import as the records it holds, whatever its format.
public enum RecordFile {
    /// The reader of `path` (`-`: standard input).
    /// - Parameters:
    ///   - format: the format; nil to go by the file's extension (standard input: csv).
    ///   - sheet: a workbook's sheet by name; nil for its first sheet. Ignored for csv.
    /// - Throws: `FileIOError` when the file cannot be opened or read, `WorkbookError` for a
    ///   workbook that cannot be opened or has no such sheet.
    public static func open(_ path: String, format: RecordFileFormat?, sheet: String?) throws -> any RecordSource {
        // Opened with the user's own rights, even set-group-id (a workbook's libraries open it by path).
        try SetGroupID.asUser { () throws -> any RecordSource in try openAsUser(path, format: format, sheet: sheet) }
    }

    private static func openAsUser(_ path: String, format: RecordFileFormat?, sheet: String?) throws -> any RecordSource {
        let chosen = format ?? (path == "-" ? .csv : RecordFileFormat.byExtension(of: path))
        if chosen == .csv {
            return path == "-" ? CSVReader.fromStandardInput() : try CSVReader(path: path)
        }
        // A workbook is read by position (its directory is at its end), so standard input is
        // first copied to a temporary file, unlinked at once.
        let input = path == "-" ? try SpooledStandardInput() : nil
        let name = path == "-" ? "<stdin>" : path
        let readable = input?.path ?? path
        let filePath = path == "-" ? nil : FileSystem.absolutePath(path)
        switch chosen {
        case .xlsx: return try XLSXReader(path: readable, name: name, filePath: filePath, sheet: sheet, keeping: input)
        default: return try XLSReader(path: readable, name: name, filePath: filePath, sheet: sheet, keeping: input)
        }
    }
}

/// Standard input copied to an unlinked temporary file (in `$TMPDIR`, else `/tmp`), readable by
/// path (`/proc/self/fd/N`) for as long as the value lives.
final class SpooledStandardInput {
    let descriptor: Int32
    var path: String { "/proc/self/fd/\(descriptor)" }

    init() throws(FileIOError) {
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/wbill-stdin-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileIOError(operation: "create", path: directory + "/wbill-stdin-XXXXXX", code: errno) }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        descriptor = fd
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 1)
        defer { chunk.deallocate() }
        do {
            while true {
                let count = try FileDescriptorIO.read(STDIN_FILENO, into: chunk.baseAddress!, count: chunk.count, name: "<stdin>")
                if count == 0 { break }
                try FileDescriptorIO.writeAll(fd, UnsafeRawBufferPointer(rebasing: chunk[0..<count]), name: "a temporary copy of <stdin>")
            }
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(descriptor) }
}
