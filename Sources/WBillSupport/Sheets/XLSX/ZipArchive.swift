import CMinizip
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An xlsx file as the zip archive it is (minizip): its entries found by name and read one at a
/// time, in pieces, their checksums checked at their end.
final class ZipArchive {
    /// The name errors use.
    let source: String
    private let handle: unzFile
    /// The entry open for reading, if one is.
    private(set) var openEntry: String?

    /// Opens `path` as a zip archive.
    /// - Throws: `FileIOError` when the file cannot be opened, `WorkbookError` when it is not a
    ///   zip archive (`notAWorkbook`, saying what it looks like) or its directory is damaged.
    init(path: String, source: String) throws {
        let prefix = try ZipArchive.firstBytes(of: path, count: 8)
        guard RecordFileFormat.byContent(prefix) == .xlsx, let handle = unzOpen64(path) else {
            let found = RecordFileFormat.byContent(prefix)
            if found == .xlsx {
                throw WorkbookError.damaged(source: source, part: nil,
                                            reason: "the zip archive's directory is missing or damaged (is the file complete?)")
            }
            if found == .xls, RecordFileFormat.byExtension(of: source) == .xlsx {
                // An OLE compound file named .xlsx: an encrypted workbook, or an old one renamed.
                throw WorkbookError.notAWorkbook(source: source, format: .xlsx, found: .xls)
            }
            throw WorkbookError.notAWorkbook(source: source, format: .xlsx, found: found)
        }
        self.source = source
        self.handle = handle
    }

    deinit {
        if openEntry != nil { unzCloseCurrentFile(handle) }
        unzClose(handle)
    }

    /// Whether the archive has an entry of this name (compared without regard to case).
    func contains(_ entry: String) -> Bool {
        unzLocateFile(handle, entry, 2) == UNZ_OK
    }

    /// Opens an entry for `read(into:)`, closing the one open.
    /// - Returns: false when there is no such entry.
    /// - Throws: `WorkbookError.damaged` when it cannot be opened.
    func open(_ entry: String) throws(WorkbookError) -> Bool {
        if openEntry != nil { unzCloseCurrentFile(handle) }
        openEntry = nil
        guard unzLocateFile(handle, entry, 2) == UNZ_OK else { return false }
        let status = unzOpenCurrentFile(handle)
        guard status == UNZ_OK else { throw damaged(entry, status) }
        openEntry = entry
        return true
    }

    /// Reads the open entry's next bytes; 0 at its end, where its checksum is checked.
    /// - Throws: `WorkbookError.damaged` for compressed data that cannot be inflated, a checksum
    ///   that does not match, or a read that fails.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(WorkbookError) -> Int {
        guard let entry = openEntry else { return 0 }
        let count = unzReadCurrentFile(handle, buffer.baseAddress, UInt32(buffer.count))
        if count < 0 { throw damaged(entry, count) }
        if count == 0 {
            let status = unzCloseCurrentFile(handle)
            openEntry = nil
            if status != UNZ_OK { throw damaged(entry, status) }
        }
        return Int(count)
    }

    /// How far into the archive the open entry's compressed data has been read, in bytes.
    var compressedPosition: Int {
        openEntry == nil ? 0 : Int(unzGetCurrentFileZStreamPos64(handle))
    }

    /// Reads a whole entry through an XML parser reporting to `handler`.
    /// - Returns: false when there is no such entry.
    /// - Throws: `WorkbookError.damaged` for damaged data or XML that is not well-formed.
    func parse(_ entry: String, with handler: XMLEventHandler) throws(WorkbookError) -> Bool {
        guard try open(entry) else { return false }
        let parser = XMLEventParser(handler: handler)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = try read(into: buffer)
            do {
                try parser.parse(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), final: count == 0)
            } catch {
                throw WorkbookError.damaged(source: source, part: entry, reason: "not well-formed XML: \(error.description)")
            }
            if count == 0 { return true }
        }
    }

    private func damaged(_ entry: String, _ status: Int32) -> WorkbookError {
        let reason: String
        switch status {
        case UNZ_CRCERROR: reason = "its checksum does not match its content (the file is damaged or incomplete)"
        case UNZ_BADZIPFILE: reason = "its zip entry is damaged"
        case UNZ_ERRNO: reason = "it cannot be read: \(String(cString: strerror(errno)))"
        case -3: reason = "its compressed data is damaged (the file is damaged or incomplete)"  // zlib's Z_DATA_ERROR
        default: reason = "its compressed data is damaged (the file is damaged or incomplete; zip status \(status))"
        }
        return WorkbookError.damaged(source: source, part: entry, reason: reason)
    }

    /// The first `count` bytes of a file (fewer when it is shorter).
    /// - Throws: `FileIOError` when it cannot be opened or read.
    static func firstBytes(of path: String, count: Int) throws(FileIOError) -> [UInt8] {
        let fd = try FileDescriptorIO.openForReading(path)
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
        defer { buffer.deallocate() }
        let read = try FileDescriptorIO.read(fd, into: buffer.baseAddress!, count: count, name: path)
        return Array(buffer[..<read])
    }
}
