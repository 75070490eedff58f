import WaterBilling
import WBillSupport

/// The search, filter and paging options that list accounts (`customer list`, `account list`).
enum AccountFilterOptions {
    /// The rows both commands declare.
    static let rows: [OptionSpec] = [
        .value("search", .text, placeholder: "TEXT",
               help: "exactly an account number, meter serial, ID or tax number or phone (found through an index), "
                   + "else a name or phone containing TEXT (reads every customer)"),
        .value("type", .text, placeholder: "NAME", help: "only this customer type"),
        .value("status", .choice(AccountStatus.allCases.map(\.rawValue)), placeholder: "STATUS", help: "only accounts open, suspended or closed"),
        .value("mode", .choice(BusinessMode.allCases.map(\.rawValue)), placeholder: "MODE", help: "only this business mode"),
    ] + Paging.rows()

    /// The filter the options describe (`--owing` where the command has it).
    /// - Throws: `UsageError` for bad paging values, `CatalogueError.notFound` for an unknown customer type.
    static func filter(_ context: CommandContext) throws -> AccountFilter {
        let arguments = context.arguments
        let paging = try Paging(context)
        if let type = arguments.value("type") { _ = try CustomerTypeStore(database: context.database).named(type) }
        let owing = arguments.declares("owing") && arguments.has("owing")
        return AccountFilter(search: arguments.value("search"), customerTypeName: arguments.value("type"),
                             status: arguments.choice("status", as: AccountStatus.self),
                             businessMode: arguments.choice("mode", as: BusinessMode.self),
                             owing: owing, limit: paging.limit, offset: paging.offset)
    }
}
