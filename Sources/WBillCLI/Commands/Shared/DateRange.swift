import WaterBilling
import WBillSupport

/// `--from DATE` and `--to DATE`: a range of days, either end open, checked the same way by every
/// command that takes one.
struct DateRange {
    /// The first day, if given.
    let from: CivilDate?
    /// The last day (included), if given.
    let to: CivilDate?

    /// The two rows, with the command's own words for what they bound.
    static func rows(from fromHelp: String, to toHelp: String) -> [OptionSpec] {
        [.value("from", .date, placeholder: "DATE", help: fromHelp), .value("to", .date, placeholder: "DATE", help: toHelp)]
    }

    /// Reads `--from` and `--to`.
    /// - Throws: `UsageError` when `--to` is before `--from`.
    init(_ context: CommandContext) throws {
        from = context.arguments.date("from")
        to = context.arguments.date("to")
        if let from, let to, to < from {
            throw context.usageError("--to \(to) is before --from \(from)")
        }
    }

    /// Both ends as a span, or nil when neither is given; for commands whose range needs both ends.
    /// - Throws: `UsageError` when only one end is given.
    func span(_ context: CommandContext) throws -> DateSpan? {
        switch (from, to) {
        case (nil, nil): return nil
        case let (from?, to?): return try DateSpan(from: from, through: to)
        default: throw context.usageError("--from and --to go together")
        }
    }
}
