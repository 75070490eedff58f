#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A fresh temporary directory for one test, removed with everything in it when the value goes away.
final class ScratchDirectory {
    /// The directory.
    let path: String

    init() throws {
        var template = Array("/tmp/wbill-support-tests.XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        path = String(cString: created)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `path/name`.
    func file(_ name: String) -> String { path + "/" + name }

    /// The names in the directory, sorted.
    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// The contents of `name` as UTF-8 text, or nil when it does not exist.
    func text(_ name: String) -> String? {
        FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
    }
}
