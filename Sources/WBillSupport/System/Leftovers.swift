#if canImport(Glibc)
import Glibc
#endif

/// A temporary file that a process no longer running left beside a target, and that was removed.
public struct Leftover: Equatable, Sendable {
    /// Its path, written as the target was (`backups/copy.db.partial-4242-Ab3dEf7h`).
    public let path: String
    /// The process that made it.
    public let processID: Int32

    /// Creates the record of a removed leftover.
    public init(path: String, processID: Int32) {
        self.path = path
        self.processID = processID
    }
}

/// The names of the temporary files written beside a target (`AtomicFile`'s, and SQLite's beside a
/// backup's copy), and the clean-up of those a killed process left.
///
/// A temporary file is `TARGET.partial-PID-XXXXXXXX`: the writer's process id and eight random
/// letters and digits. SQLite may add `-journal`, `-wal` or `-shm` to it; earlier wbill versions
/// wrote `TARGET.partial-PID`. A process that ends normally removes its own; one that is killed
/// (SIGKILL, a power cut) cannot, and the next writer of the same target removes them when their
/// process is gone. Process ids are those of this machine (and PID namespace): share no target
/// directory between machines writing the same target at the same moment.
public enum Leftovers {
    /// What follows `TARGET.partial-PID-XXXXXXXX` on files SQLite keeps beside a database.
    static let sqliteSuffixes = ["-journal", "-wal", "-shm"]

    /// The name of a new temporary file beside `target` for this process, with `random` (eight
    /// letters and digits) making it unique.
    static func temporaryPath(for target: String, random: String) -> String {
        "\(target).partial-\(getpid())-\(random)"
    }

    /// The process id in `name` when it is a temporary file of the target named `base` (the
    /// target's last path component), else nil.
    ///
    /// ```swift
    /// Leftovers.processID(inName: "copy.db.partial-4242-Ab3dEf7h-journal", base: "copy.db")  // 4242
    /// Leftovers.processID(inName: "copy.db.partial-4242-Ab3d", base: "copy.db")              // nil
    /// ```
    public static func processID(inName name: String, base: String) -> Int32? {
        let prefix = base + ".partial-"
        guard name.hasPrefix(prefix) else { return nil }
        var rest = Substring(name.dropFirst(prefix.count))
        if let suffix = sqliteSuffixes.first(where: { rest.hasSuffix($0) }) { rest = rest.dropLast(suffix.count) }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 10, digits.first != "0", let processID = Int32(digits), processID > 0 else { return nil }
        let random = rest.dropFirst(digits.count)
        if random.isEmpty { return processID }  // TARGET.partial-PID, as earlier versions named it
        guard random.first == "-" else { return nil }
        let letters = random.dropFirst()
        guard letters.count == 8, letters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return processID
    }

    /// Whether process `processID` is running (a process of another user counts as running).
    public static func isRunning(_ processID: Int32) -> Bool {
        kill(processID, 0) == 0 || errno != ESRCH
    }

    /// Removes the temporary files of `target` whose process is no longer running: regular files
    /// named as `processID(inName:base:)` accepts, nothing else. Files it cannot list or remove
    /// are left as they are.
    /// - Returns: what was removed, by name.
    @discardableResult
    public static func remove(besides target: String) -> [Leftover] {
        let slash = target.lastIndex(of: "/")
        let base = slash.map { String(target[target.index(after: $0)...]) } ?? target
        let prefix = slash.map { String(target[...$0]) } ?? ""
        guard !base.isEmpty, let directory = opendir(prefix.isEmpty ? "." : prefix) else { return [] }
        defer { closedir(directory) }
        var removed: [Leftover] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let processID = processID(inName: name, base: base), !isRunning(processID) else { continue }
            let path = prefix + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, unlink(path) == 0 else { continue }
            removed.append(Leftover(path: path, processID: processID))
        }
        return removed.sorted { $0.path < $1.path }
    }
}
