import WaterBilling
import WBillSupport

extension DatabaseFileError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .missing(let path):
            return "no database at \(path); create it with `wbill init` or choose another with --db"
        case .outdatedSchema(let path, let found, let needed):
            return "\(path) has schema version \(found) and this wbill needs \(needed); run `wbill db migrate` (after `wbill db backup`)"
        case .sideFilesNotWritable(_, let files):
            return description + "; " + Self.sideFileAdvice(files)
        default:
            return description
        }
    }

    /// What to do about side files that cannot be written: make them writable, or remove those
    /// whose removal loses nothing while no program has the database open.
    static func sideFileAdvice(_ files: [DatabaseSideFile]) -> String {
        let them = files.count == 1 ? "it" : "them"
        let makeWritable = "make \(them) writable with `chmod u+w`"
        let kept = files.filter { !$0.isDisposable }
        if kept.isEmpty {
            let emptyLog = files.contains { $0.kind == .writeAheadLog } ? " (the write-ahead log is empty)" : ""
            return makeWritable + ", or remove \(them) while no program has the database open" + emptyLog
        }
        let disposable = files.filter(\.isDisposable).map(\.path)
        let removal = disposable.isEmpty ? "" : " (or remove \(disposable.joined(separator: " and ")) while no program has the database open)"
        return makeWritable + removal + "; keep \(kept.map(\.path).joined(separator: " and ")): it holds changes not yet in the database"
    }
}

extension BackupError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .targetExists: return description + "; use --force to replace it"
        default: return description
        }
    }
}

extension SQLiteError: CommandLineWording {
    var commandLineMessage: String {
        failureKind == .busy ? description + ", or wait longer with --busy-timeout SECONDS" : description
    }
}
