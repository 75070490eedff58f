#if canImport(Glibc)
import Glibc
#endif

/// The process holding SQLite's write lock on a WAL-mode database, when one can be named: for the
/// message of a write that waited in vain ("sqlite3 (process 4242) is writing to it").
///
/// SQLite takes the write lock of a WAL database as a POSIX lock on byte 120 of its `-shm` file.
/// The kernel lists every such lock, with its holder's process id, in `/proc/locks`: reading that
/// file names the holder without opening the `-shm` (closing a descriptor of a file would drop
/// every POSIX lock this process holds on it, SQLite's included). Where there is no `/proc/locks`,
/// or the lock was released meanwhile, there is no holder to name.
public struct WriteLockHolder: Sendable, Equatable {
    /// The holder's process id.
    public let processID: Int32
    /// Its program name (`/proc/PID/comm`), e.g. `sqlite3` or `wbill`; nil when it cannot be read.
    public let program: String?

    /// Creates a holder.
    public init(processID: Int32, program: String?) {
        self.processID = processID
        self.program = program
    }

    /// The byte of the `-shm` file that SQLite's WAL write lock covers (`WAL_WRITE_LOCK` at 120).
    static let writeLockOffset = "120"

    /// The process that holds the write lock of the database at `path` now, other than this one.
    public static func of(database path: String) -> WriteLockHolder? {
        var info = stat()
        guard stat(path + "-shm", &info) == 0, let locks = readText("/proc/locks") else { return nil }
        let device = UInt64(info.st_dev)
        let major = ((device >> 8) & 0xFFF) | ((device >> 32) & ~UInt64(0xFFF))
        let minor = (device & 0xFF) | ((device >> 12) & ~UInt64(0xFF))
        let file = "\(hex(major)):\(hex(minor)):\(info.st_ino)"
        for line in locks.split(separator: "\n") {
            // "1: POSIX  ADVISORY  WRITE 4242 fe:00:16253472 120 120"; a waiter's line has "->" after the number.
            let fields = line.split(separator: " ")
            guard fields.count == 8, fields[1] == "POSIX", fields[3] == "WRITE", fields[5] == file,
                  fields[6] == writeLockOffset, fields[7] == writeLockOffset,
                  let processID = Int32(fields[4]), processID != getpid() else { continue }
            let program = readText("/proc/\(processID)/comm").map { String($0.prefix { $0 != "\n" }) }
            return WriteLockHolder(processID: processID, program: program?.isEmpty == false ? program : nil)
        }
        return nil
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }

    /// A small text file of the kernel's, whole.
    private static func readText(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
