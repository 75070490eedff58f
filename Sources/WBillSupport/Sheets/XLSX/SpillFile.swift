#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An unlinked temporary file (in `$TMPDIR`, else `/tmp`) written once, by appending through a
/// buffer, then read back through a small cache of pages: memory stays at the cache's size
/// whatever the file's, and reads that move forward, or keep coming back to a few places, rarely
/// touch the disk.
final class SpillFile {
    static let pageSize = 64 << 10
    static let cachedPages = 32

    private let descriptor: Int32
    private let name: String
    private var writeBuffer: [UInt8] = []
    private(set) var size = 0
    /// Cached pages: their page number, bytes and last use.
    private var pages: [(number: Int, bytes: UnsafeMutableRawPointer, lastUse: Int)] = []
    /// The slot of the page used last, looked at first.
    private var lastSlot = 0
    private var clock = 0

    /// Creates the file.
    /// - Throws: `FileIOError` when it cannot be created.
    init(purpose: String) throws(FileIOError) {
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/wbill-\(purpose)-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        name = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        guard fd >= 0 else { throw FileIOError(operation: "create", path: name, code: errno) }
        unlink(name)
        descriptor = fd
        writeBuffer.reserveCapacity(Self.pageSize * 4)
    }

    deinit {
        for page in pages { page.bytes.deallocate() }
        close(descriptor)
    }

    /// Appends bytes.
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        writeBuffer.append(contentsOf: bytes)
        size += bytes.count
        if writeBuffer.count >= Self.pageSize * 4 { try flush() }
    }

    /// Writes what is buffered; call before reading.
    func flush() throws {
        guard !writeBuffer.isEmpty else { return }
        try writeBuffer.withUnsafeBytes { bytes in
            try FileDescriptorIO.writeAll(descriptor, bytes, name: name)
        }
        writeBuffer.removeAll(keepingCapacity: true)
    }

    /// Copies `count` bytes at `offset` to `destination`.
    func read(at offset: Int, count: Int, into destination: UnsafeMutableRawPointer) throws {
        var done = 0
        while done < count {
            let position = offset + done
            let page = try cachedPage(position / Self.pageSize)
            let within = position % Self.pageSize
            let piece = min(count - done, Self.pageSize - within)
            (destination + done).copyMemory(from: page + within, byteCount: piece)
            done += piece
        }
    }

    /// A page's bytes, read into the cache (in place of the page used longest ago) when not there.
    private func cachedPage(_ number: Int) throws -> UnsafeMutableRawPointer {
        clock += 1
        if lastSlot < pages.count && pages[lastSlot].number == number {
            pages[lastSlot].lastUse = clock
            return pages[lastSlot].bytes
        }
        if let slot = pages.firstIndex(where: { $0.number == number }) {
            pages[slot].lastUse = clock
            lastSlot = slot
            return pages[slot].bytes
        }
        let slot: Int
        if pages.count < Self.cachedPages {
            pages.append((number, .allocate(byteCount: Self.pageSize, alignment: 8), clock))
            slot = pages.count - 1
        } else {
            slot = pages.indices.min { pages[$0].lastUse < pages[$1].lastUse }!
            pages[slot].number = number
            pages[slot].lastUse = clock
        }
        lastSlot = slot
        var done = 0
        let wanted = min(Self.pageSize, size - number * Self.pageSize)
        while done < wanted {
            let count = pread(descriptor, pages[slot].bytes + done, wanted - done, off_t(number * Self.pageSize + done))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw FileIOError(operation: "read", path: name, code: count < 0 ? errno : EIO) }
            done += count
        }
        return pages[slot].bytes
    }
}
