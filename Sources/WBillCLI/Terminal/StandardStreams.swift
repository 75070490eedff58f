#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport

/// Buffered writing to stdout and stderr, with write failures reported instead of ignored.
public final class OutputStreams: @unchecked Sendable {
    private var outBuffer: [UInt8] = []
    private let outDescriptor: Int32
    private let errDescriptor: Int32
    /// Whether stdout is a terminal.
    public let stdoutIsTerminal: Bool
    /// Whether stderr is a terminal.
    public let stderrIsTerminal: Bool
    /// The first write error met (errno), if any.
    private(set) var writeError: Int32?

    /// Streams over the process's file descriptors 1 and 2.
    public init(stdout: Int32 = 1, stderr: Int32 = 2) {
        outDescriptor = stdout
        errDescriptor = stderr
        stdoutIsTerminal = isatty(stdout) == 1
        stderrIsTerminal = isatty(stderr) == 1
    }

    /// Appends text to stdout's buffer (flushed at 64 KiB and at the end).
    public func out(_ text: String) {
        outBuffer.append(contentsOf: text.utf8)
        if outBuffer.count >= 65_536 { flush() }
    }

    /// Appends bytes (UTF-8) to stdout's buffer, as `out` appends text.
    public func out(bytes: [UInt8]) {
        outBuffer.append(contentsOf: bytes)
        if outBuffer.count >= 65_536 { flush() }
    }

    /// Writes text to stderr at once (unbuffered, so it interleaves correctly with progress).
    public func err(_ text: String) {
        writeAll(Array(text.utf8), to: errDescriptor)
    }

    /// Writes stdout's buffer.
    public func flush() {
        guard !outBuffer.isEmpty else { return }
        writeAll(outBuffer, to: outDescriptor)
        outBuffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if descriptor == outDescriptor && writeError == nil { writeError = errno }
                return
            }
            offset += written
        }
    }
}
