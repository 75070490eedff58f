import WaterBilling
import WBillSupport

extension DatabaseFileError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .missing(let path):
            return "no database at \(path); create it with `wbill init` or choose another with --db"
        case .outdatedSchema(let path, let found, let needed):
            return "\(path) has schema version \(found) and this wbill needs \(needed); run `wbill db migrate` (after `wbill db backup`)"
        default:
            return description
        }
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
