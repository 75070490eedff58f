#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small `read(2)`/`write(2)` helpers that retry on `EINTR` and report failures as `FileIOError`.
package enum FileDescriptorIO {
    /// Opens a file for reading.
    ///
    /// - Parameter path: The file to open.
    /// - Returns: The new descriptor; the caller closes it.
    /// - Throws: `FileIOError` with operation `open`.
    package static func openForReading(_ path: String) throws(FileIOError) -> Int32 {
        while true {
            // An input file is opened with the user's own rights, even set-group-id.
            let (fd, code) = SetGroupID.asUser { (open(path, O_RDONLY | O_CLOEXEC), errno) }
            if fd >= 0 { return fd }
            if code != EINTR { throw FileIOError(operation: "open", path: path, code: code) }
        }
    }

    /// Reads up to `count` bytes into `destination`.
    ///
    /// - Parameters:
    ///   - fd: The descriptor to read.
    ///   - destination: Where the bytes go.
    ///   - count: The most bytes to read.
    ///   - name: The file's name for the error.
    /// - Returns: The number of bytes read; 0 at end of file.
    /// - Throws: `FileIOError` with operation `read`.
    package static func read(
        _ fd: Int32, into destination: UnsafeMutableRawPointer, count: Int, name: String
    ) throws(FileIOError) -> Int {
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, destination, count)
            #else
            let n = Darwin.read(fd, destination, count)
            #endif
            if n >= 0 { return n }
            if errno != EINTR { throw FileIOError(operation: "read", path: name, code: errno) }
        }
    }

    /// Reads a whole file into memory.
    ///
    /// - Parameter path: The file to read.
    /// - Returns: Its bytes.
    /// - Throws: `FileIOError` when it cannot be opened or read.
    package static func readWholeFile(_ path: String) throws(FileIOError) -> [UInt8] {
        let fd = try openForReading(path)
        defer { close(fd) }
        return try readAll(fd, name: path)
    }

    /// Reads an open descriptor to its end (a directory fails here with EISDIR).
    ///
    /// - Parameters:
    ///   - fd: The descriptor, which stays open.
    ///   - name: The name errors use.
    /// - Returns: Every byte read.
    /// - Throws: `FileIOError` when a read fails.
    package static func readAll(_ fd: Int32, name path: String) throws(FileIOError) -> [UInt8] {
        let chunkSize = 64 * 1024
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { chunk.deallocate() }
        var bytes: [UInt8] = []
        while true {
            let n = try read(fd, into: chunk.baseAddress!, count: chunkSize, name: path)
            if n == 0 { return bytes }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        }
    }

    /// Writes all of `bytes`, looping over short writes.
    ///
    /// - Parameters:
    ///   - fd: The descriptor to write.
    ///   - bytes: What to write.
    ///   - name: The file's name for the error.
    /// - Throws: `FileIOError` with operation `write`.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, name: String) throws(FileIOError) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            #if canImport(Glibc)
            let n = Glibc.write(fd, base, remaining)
            #else
            let n = Darwin.write(fd, base, remaining)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError(operation: "write", path: name, code: errno)
            }
            remaining -= n
            base += n
        }
    }
}
