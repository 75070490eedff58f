import WBillSupport

/// Why a wbill database file could not be created or opened.
public enum DatabaseFileError: ClassifiedError, Equatable {
    /// No file at the path.
    case missing(path: String)
    /// The path names a directory.
    case isDirectory(path: String)
    /// The file is an SQLite database of some other program.
    case notWbill(path: String)
    /// The file was written by a newer wbill whose schema this build does not know.
    case newerSchema(path: String, found: Int, known: Int)
    /// The file needs migrations before this build can use it.
    case outdatedSchema(path: String, found: Int, needed: Int)
    /// The database file could not be created.
    case cannotCreateFile(path: String, reason: String)
    /// The schema version in the file's header disagrees with the migrations recorded in it.
    case inconsistentVersion(path: String, header: Int, recorded: Int)
    /// The file exists but cannot be written.
    case notWritable(path: String)
    /// The file exists but cannot be read.
    case notReadable(path: String)
    /// The file could be written, but not its directory, where SQLite keeps its journal.
    case directoryNotWritable(path: String, directory: String)
    /// SQLite's side files beside the database (`-wal`, `-shm`) exist and cannot be written.
    case sideFilesNotWritable(path: String, files: [DatabaseSideFile])

    public var failureKind: FailureKind {
        switch self {
        case .missing, .notReadable: return .missingInput
        case .isDirectory, .notWbill, .newerSchema, .inconsistentVersion: return .badInput
        case .outdatedSchema: return .refused
        case .cannotCreateFile: return .cannotCreate
        case .notWritable, .directoryNotWritable, .sideFilesNotWritable: return .permissionDenied
        }
    }

    public var description: String {
        switch self {
        case .missing(let path):
            return "no database at \(path)"
        case .isDirectory(let path):
            return "\(path) is a directory, not a database file"
        case .notWbill(let path):
            return "\(path) is an SQLite database of another program, not a wbill database"
        case .newerSchema(let path, let found, let known):
            return "\(path) was written by a newer wbill (schema version \(found); this wbill knows up to \(known)); upgrade wbill to use it"
        case .outdatedSchema(let path, let found, let needed):
            return "\(path) has schema version \(found) and this wbill needs \(needed); it must be migrated first"
        case .cannotCreateFile(let path, let reason):
            return "cannot create database \(path): \(reason)"
        case .inconsistentVersion(let path, let header, let recorded):
            return "\(path) says schema version \(header) but records migrations up to \(recorded); it was altered outside wbill — restore it from a backup"
        case .notWritable(let path):
            return "cannot write to \(path): permission denied"
        case .notReadable(let path):
            return "cannot read \(path): permission denied"
        case .directoryNotWritable(let path, let directory):
            return "cannot write to \(path): its directory \(directory) is not writable, and SQLite writes its journal beside the database"
        case .sideFilesNotWritable(let path, let files):
            let names = files.map(\.path).joined(separator: " and ")
            return "cannot write to \(path): SQLite's \(names) beside it \(files.count == 1 ? "is" : "are") not writable by this user"
        }
    }
}
