#if canImport(Glibc)
import Glibc
#endif

/// What makes a file the same file whatever name reaches it: its device and inode. `x.csv`,
/// `./x.csv`, `/home/clerk/x.csv`, a symbolic link to it and a hard link all have one identity.
///
/// ```swift
/// FileIdentity(path: "x.csv") == FileIdentity(path: "./x.csv")   // true
/// FileIdentity(path: "missing.csv")                                // nil
/// ```
public struct FileIdentity: Hashable, Sendable {
    /// The device the file is on (`st_dev`).
    public let device: UInt64
    /// Its inode on that device (`st_ino`).
    public let inode: UInt64

    /// The identity of the file at `path`, following symbolic links; nil when nothing is there
    /// (or it cannot be reached).
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The identity of the file open on `descriptor` (standard input's file, say); nil when the
    /// descriptor is not open.
    public init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    private init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
