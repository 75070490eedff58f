import Foundation
import WaterBilling

/// What wbill prints and records about the schema, built from `Schema` so that the expectations follow
/// every migration added later instead of naming versions, migration names or entry counts.
enum Expected {
    /// The version a fully migrated database has.
    static var latestVersion: Int { Schema.latestVersion }

    /// `wbill init`'s message for a new database (with its trailing newline).
    static func created(_ path: String, currency: String = "CNY") -> String {
        "created wbill database \(path) (schema version \(Schema.latestVersion), currency \(currency))\n"
    }

    /// The migrations as `db status` lists them pending: `1 foundation, 2 tariffs, …`.
    static func pendingMigrations(after version: Int = 0) -> String {
        Schema.migrations.filter { $0.version > version }.map { "\($0.version) \($0.name)" }.joined(separator: ", ")
    }

    /// The migrations as `db migrate` lists what it applied, one indented line each.
    static func appliedMigrations(after version: Int = 0) -> String {
        Schema.migrations.filter { $0.version > version }.map { "  \($0.version) \($0.name)\n" }.joined()
    }

    /// The `changes` JSON of the audit entry a migration step writes; the step that chains the
    /// audit trail and the ledger adds how many rows of each it chained (`chained`).
    static func migrationChanges(_ migration: Migration, chained: (audit: Int, ledger: Int)? = nil) -> String {
        let counts = chained.map { #","audit_entries":{"old":null,"new":"\#($0.audit)"},"ledger_entries":{"old":null,"new":"\#($0.ledger)"}"# } ?? ""
        return #"{"version":{"old":"\#(migration.version - 1)","new":"\#(migration.version)"},"name":{"old":null,"new":"\#(jsonEscaped(migration.name))"}\#(counts)}"#
    }

    /// Whether `migration` is the step that chains the audit trail and the ledger.
    static func chains(_ migration: Migration) -> Bool { migration.name == "audit chain" }

    /// The audit entries of the migration steps after `version`, numbered from `firstID`.
    /// The chaining step's entry counts the entries before it (`firstID + offset - 1`) and `ledgerEntries`.
    static func migrationTrail(after version: Int = 0, firstID: Int = 1, operatorName: String = Sandbox.operatorName,
                               command: String, ledgerEntries: Int = 0) -> [AuditRow] {
        Schema.migrations.filter { $0.version > version }.enumerated().map { offset, migration in
            AuditRow(id: firstID + offset, at: Sandbox.now, operatorName: operatorName, action: "migrate",
                     entity: "schema", entityID: String(migration.version),
                     changes: migrationChanges(migration, chained: chains(migration) ? (firstID + offset - 1, ledgerEntries) : nil),
                     command: command)
        }
    }

    /// The audit entries `wbill init` writes for a new database, in order: one `create database`,
    /// one `migrate schema` per migration, then the currency setting.
    static func initTrail(database: String, operatorName: String = Sandbox.operatorName, command: String,
                          currency: String = "CNY (2 decimals)") -> [AuditRow] {
        let create = AuditRow(id: 1, at: Sandbox.now, operatorName: operatorName, action: "create", entity: "database",
                              entityID: database, changes: "{}", command: command)
        let steps = migrationTrail(firstID: 2, operatorName: operatorName, command: command)
        return [create] + steps + [currencySetting(id: steps.count + 2, currency: currency, operatorName: operatorName,
                                                   command: command)]
    }

    /// The audit entry of the currency chosen when a database is first set up.
    static func currencySetting(id: Int, currency: String = "CNY (2 decimals)", operatorName: String = Sandbox.operatorName,
                                command: String) -> AuditRow {
        AuditRow(id: id, at: Sandbox.now, operatorName: operatorName, action: "create", entity: "setting",
                 entityID: "currency", changes: #"{"currency":{"old":null,"new":"\#(jsonEscaped(currency))"}}"#,
                 command: command)
    }

    /// How many audit entries `wbill init` writes for a new database.
    static var initTrailCount: Int { Schema.migrations.count + 2 }

    /// `audit list --format tsv` of `rows`: the header and one line per row.
    static func auditTSV(_ rows: [AuditRow]) -> String {
        AuditRow.tsvHeader + rows.map(\.tsv).joined()
    }

    /// `audit list --format csv` of `rows`: the header and one record per row, CRLF-terminated.
    static func auditCSV(_ rows: [AuditRow]) -> String {
        AuditRow.csvHeader + rows.map(\.csv).joined()
    }

    /// A table as wbill prints it on the terminal: each column as wide as its widest cell or title,
    /// two spaces between columns, the columns in `rightAligned` (numbers) aligned right, no trailing
    /// spaces. Widths count characters, so keep the cells to ASCII.
    static func table(_ titles: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        var widths = titles.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ")
            return String(padded.reversed().drop { $0 == " " }.reversed()) + "\n"
        }
        return line(titles) + rows.map(line).joined()
    }

    /// `text` as inside a JSON string.
    static func jsonEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// `field` as an RFC 4180 CSV field: quoted when it holds a comma, a quote or a line break, or
    /// starts or ends with a space.
    static func csvField(_ field: String) -> String {
        let special = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard special || field.hasPrefix(" ") || field.hasSuffix(" ") else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `field` as in wbill's TSV: backslash, tab, newline and carriage return escaped.
    static func tsvField(_ field: String) -> String {
        var escaped = ""
        for scalar in field.unicodeScalars {
            switch scalar {
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\\": escaped += "\\\\"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

/// One audit entry as `wbill audit list` shows it.
struct AuditRow: Equatable {
    var id: Int
    var at: String
    var operatorName: String
    var action: String
    var entity: String
    /// `nil` prints as an empty field (JSON null).
    var entityID: String?
    var changes: String
    var command: String
    /// The operator acted for; `nil` prints as an empty field.
    var onBehalfOf: String? = nil

    static let tsvHeader = "id\tat\toperator\ton_behalf_of\taction\tentity\tentity_id\tchanges\tcommand\n"
    static let csvHeader = "id,at,operator,on_behalf_of,action,entity,entity_id,changes,command\r\n"

    var fields: [String] { [String(id), at, operatorName, onBehalfOf ?? "", action, entity, entityID ?? "", changes, command] }
    var tsv: String { fields.map(Expected.tsvField).joined(separator: "\t") + "\n" }
    var csv: String { fields.map(Expected.csvField).joined(separator: ",") + "\r\n" }
}
