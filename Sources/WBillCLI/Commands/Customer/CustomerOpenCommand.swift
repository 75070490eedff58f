import WaterBilling
import WBillSupport

/// `wbill customer open`: register a customer in three steps (rule 6), one by one or from a CSV file.
enum CustomerOpenCommand {
    static let basicInformationOptions: [OptionSpec] = CustomerField.allCases.map { field in
        .value(field.rawValue, field == .persons ? .integer : .text, placeholder: field.placeholder, help: {
            switch field {
            case .name: return "the customer's name (a person or an organisation)"
            case .idNumber: return "the ID document number (residential)"
            case .taxNumber: return "the tax number (commercial, industrial)"
            case .phone: return "a phone number"
            case .address: return "the address supplied"
            case .contact: return "the contact person (organisations)"
            case .email: return "an e-mail address"
            case .persons: return "household size, \(DomainLimits.spelled(DomainLimits.persons)) (residential; per-capita tiers use it)"
            }
        }())
    }

    static let requirementsText = """
        The basic information required depends on the customer type's water nature:
        residential: --name, --id-number, --phone, --address, --persons;
        commercial and industrial: --name, --tax-number, --contact, --phone, --address;
        special and public: --name, --contact, --phone, --address; statistical: --name, --address.
        Other fields may be given too.
        """

    static let fileFormat = """
        The file given to `customer open --file` is CSV (RFC 4180, UTF-8, a header line naming the
        columns in any order and letter case):

          type        required; a customer type's name (wbill customer-type list)
          name        required
          id_number, tax_number, phone, address, contact, email, persons
                      the basic information; which are required depends on the type's water
                      nature, as for the options of the same names
          meters      required; one or more serials of in-stock meters, separated by ';' or spaces

        Example:

          type,name,id_number,phone,address,persons,meters
          Residential,Wang Fang,110101199003071234,13800138000,"Building 3, unit 1",3,WM-000001
          Shops,Corner Store,,13900139000,"Market St 5",,WM-000002;WM-000003

        The file is registered all or nothing: every row is checked as `customer open` would check
        it, and if any row is bad nothing is written; every bad row is listed with its line,
        column, value and reason, and the exit status is 65. A serial may appear on one row only.

        The audit trail gets an entry for each customer, account and installed meter, as for one
        registration, and one entry for the file: its rows, the first and last account numbers
        opened, and the file's absolute path, size and SHA-256 (as sha256sum prints it).

        \(RecordFileOptions.excelText(example: "customers.xlsx"))
        """

    static let command = CommandSpec(
        ["customer", "open"], summary: "register a customer: customer type, basic information, meters; opens the account",
        discussion: """
            The three steps of registration: --type chooses the customer type; the basic
            information follows; one or more --meter name in-stock meters of a meter type the
            customer type allows. Success installs the meters and opens the account, postpaid or
            prepaid by the type's business mode, and prints its number (prefix and sequence set
            by `wbill init --account-prefix --account-digits`; default AC00000001).

            \(requirementsText)

            When steps are missing and both stdin and stderr are terminals, it asks for them on
            stderr, listing the customer types and the eligible meters; --quiet turns asking off.
            Without a terminal it never asks: it fails with exit 64 naming everything missing.

            --file registers many customers from a CSV or Excel file, all or nothing (see
            CUSTOMER FILE in wbill-customer(1)).
            """,
        options: [.value("type", .text, placeholder: "NAME", help: "step 1: the customer type")]
            + basicInformationOptions
            + [.value("meter", .text, placeholder: "SERIAL", repeatable: true, help: "step 3: an in-stock meter to install (repeat for several)"),
               .value("file", .inputFile, placeholder: "FILE", help: "register every customer of a CSV or Excel file instead (- for standard input)")]
            + RecordFileOptions.rows,
        requirements: Requirements(database: .writeManaged),
        examples: [
            "wbill customer open --type Residential --name 'Wang Fang' --id-number 110101199003071234 --phone 13800138000 --address 'Building 3, unit 1' --persons 3 --meter WM-000001",
            "wbill customer open --file customers.csv",
            "wbill customer open --file customers.xlsx --sheet Residential",
            "wbill customer open   # on a terminal: asks for every step",
        ],
        handler: run)

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let fileOptions = RecordFileOptions.rows.map(\.long)
        if let file = arguments.value("file") {
            let others = context.command.options.map(\.long).filter { $0 != "file" && !fileOptions.contains($0) && arguments.has($0) }
            if let other = others.first {
                throw context.usageError("--file registers the customers of a file; it does not go with --\(other)")
            }
            return try importFile(file, context: context)
        }
        if let fileOption = fileOptions.first(where: arguments.has) {
            throw context.usageError("--\(fileOption) says how to read the file of --file, which is not given")
        }
        var request = RegistrationRequest(typeName: arguments.value("type") ?? "", customer: CustomerDraft(),
                                          meterSerials: arguments.values("meter"))
        for field in CustomerField.allCases {
            if let value = arguments.value(field.rawValue) { request.customer.values[field] = value }
        }
        try complete(&request, context: context)
        // Its own transaction, after the questions: no lock is held while a person answers.
        let opened = try BulkWrite(context.database, .connectionDefaults).run { _ in
            try CustomerRegistrar(database: context.database).open(request, audit: context.audit)
        }
        return openedOutput(opened, context: context)
    }

    /// Fills the missing steps by asking on a terminal, or fails naming each of them.
    static func complete(_ request: inout RegistrationRequest, context: CommandContext) throws {
        let database = context.database
        let prompter = TerminalPromptIO.canPrompt(streams: context.streams, settings: context.settings)
            ? RegistrationQuestions(prompter: Prompter(io: TerminalPromptIO(streams: context.streams)), database: database) : nil
        var type: CustomerType?
        if !request.typeName.isEmpty {
            type = try CustomerTypeStore(database: database).named(request.typeName)
        } else if let prompter {
            type = try prompter.chooseType()
            request.typeName = type?.name ?? ""
        }
        var missing: [String] = []
        if let type {
            let fields = BasicInformation.missing(in: request.customer, for: type.waterNature)
            if let prompter, !fields.isEmpty {
                prompter.prompter.io.write("Basic information of a \(type.waterNature.rawValue) customer:\n")
            }
            for field in fields {
                if let prompter {
                    request.customer.values[field] = try prompter.ask(field)
                } else {
                    missing.append("\(field.option) \(field.placeholder)")
                }
            }
        } else {
            missing.append("--type NAME (its water nature decides the basic information needed)")
            if request.customer.value(.name) == nil { missing.append("--name TEXT") }
        }
        if request.meterSerials.isEmpty {
            if let prompter, let type {
                request.meterSerials = try prompter.chooseMeters(for: type)
            } else {
                missing.append("at least one --meter SERIAL")
            }
        }
        guard missing.isEmpty else {
            var message = "customer open needs " + listed(missing)
            if let type { message += " (customer type '\(type.name)' is \(type.waterNature.rawValue))" }
            throw context.usageError(message + "; nothing is asked without a terminal or with --quiet")
        }
    }

    static func openedOutput(_ opened: OpenedAccount, context: CommandContext) -> CommandOutput {
        let account = opened.account
        let serials = opened.meters.map(\.serial)
        let line = "opened account \(account.number) (\(account.paymentDescription), \(account.customerTypeName)) for \(opened.customer.name) (customer \(opened.customer.id)) with meter\(serials.count == 1 ? "" : "s") \(serials.joined(separator: ", "))"
        var record = DataRecord()
        record.append("account", .text(account.number))
        record.append("customer", .integer(opened.customer.id))
        record.append("name", .text(opened.customer.name))
        record.append("customer_type", .text(account.customerTypeName))
        record.append("business_mode", .text(account.businessMode.rawValue))
        record.append("meters", .text(serials.joined(separator: " ")))
        return .confirmation(line, record: record, context: context)
    }

    static func importFile(_ path: String, context: CommandContext) throws -> CommandOutput {
        let reader = try RecordFileOptions(context, path: path).open(path)
        let imported = try BulkWrite(context.database).run { _ in
            try CustomerImporter(database: context.database, audit: context.audit).run(reader: reader)
        }
        var table = DataTable(columns: [Column("line"), Column("account"), Column("customer"), Column("name"),
                                        Column("customer_type"), Column("meters")])
        for row in imported {
            table.append([.integer(Int64(row.line)), .text(row.opened.account.number), .integer(row.opened.customer.id),
                          .text(row.opened.customer.name), .text(row.opened.account.customerTypeName),
                          .text(row.opened.meters.map(\.serial).joined(separator: " "))])
        }
        return .table(table)
    }

    /// "a", "a and b", "a, b and c".
    static func listed(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
