#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A fresh temporary directory for one test, removed with everything in it when the value goes away:
/// the one place unit tests of every target get scratch space from.
public final class ScratchDirectory {
    /// The directory.
    public let path: String

    /// A new directory under /tmp named after `prefix`.
    public init(prefix: String = "wbill-tests") throws {
        var template = Array("/tmp/\(prefix).XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        path = String(cString: created)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `path/name`.
    public func file(_ name: String) -> String { path + "/" + name }

    /// The names in the directory, sorted.
    public func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// The contents of `name` as UTF-8 text, or nil when it does not exist.
    public func text(_ name: String) -> String? {
        FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
    }
}
