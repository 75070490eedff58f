import WaterBilling
import WBillSupport

/// `--limit N` and `--offset N`: paging through a list, declared and checked the same way by every
/// list command.
struct Paging {
    /// At most this many rows; nil for all of them.
    let limit: Int?
    /// Rows skipped first.
    let offset: Int

    /// The `--limit` row, with the command's own words for what it keeps.
    static func limitRow(_ help: String = "at most N") -> OptionSpec {
        .value("limit", .integer, placeholder: "N", help: help)
    }

    /// The `--offset` row.
    static let offsetRow = OptionSpec.value("offset", .integer, placeholder: "N", help: "skip the first N (with --limit, for paging)")

    /// Both rows.
    static func rows(limit help: String = "at most N") -> [OptionSpec] { [limitRow(help), offsetRow] }

    /// Reads the options the command declares (`--offset` only if it has that row).
    /// - Throws: `UsageError` for a limit below 1 or a negative offset.
    init(_ context: CommandContext) throws {
        let arguments = context.arguments
        let limit = arguments.integer("limit")
        if let limit, limit < 1 {
            throw context.invalidValue(String(limit), for: "limit", expected: "1 or more")
        }
        var offset = 0
        if arguments.declares("offset"), let given = arguments.integer("offset") {
            guard given >= 0 else { throw context.invalidValue(String(given), for: "offset", expected: "0 or more") }
            offset = given
        }
        self.limit = limit
        self.offset = offset
    }
}
