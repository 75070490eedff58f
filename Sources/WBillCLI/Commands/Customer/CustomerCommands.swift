import WaterBilling
import WBillSupport

/// `wbill customer …`: customers and their accounts — register, list, show, edit, transfer, close.
enum CustomerCommands {
    static let groups = [
        GroupSpec(["customer"], summary: "customers: register (opens the account), list, show, edit, transfer, close",
                  discussion: """
                    Registering a customer (customer open) is three steps: the customer type, the
                    basic information its water nature needs, and one or more in-stock meters of a
                    meter type the customer type allows. It installs the meters and opens the
                    account: postpaid, or prepaid (system-prepaid, or card-meter for
                    meter-prepaid) by the type's business mode. Accounts are named by their number
                    (AC00000001 by default); customers by their number (customer list shows it).

                    An account keeps the history of its holders (customer transfer) and of its
                    holder's basic information (customer edit); customer close takes a final
                    reading of each meter and takes the meters off the account.
                    """,
                  manualSections: [(title: "Customer file", text: CustomerOpenCommand.fileFormat)]),
    ]

    static let commands: [CommandSpec] = [
        CustomerOpenCommand.command,
        CommandSpec(
            ["customer", "list"], summary: "list customers with their accounts, searched and filtered",
            options: AccountFilterOptions.rows, requirements: .readDatabase, listOutput: true,
            examples: ["wbill customer list --search 'Wang'", "wbill customer list --search WM-000001",
                       "wbill customer list --type Residential --status open --format csv"],
            handler: list),
        CommandSpec(
            ["customer", "show"], summary: "show an account's customer: type, basic information, meters and readings, balance, holders, recent money",
            options: [.value("transactions", .integer, placeholder: "N", help: "how many recent transactions to show (default: 10)")],
            arguments: [ArgumentSpec("ACCOUNT", help: "the account number")], requirements: .readDatabase, listOutput: true,
            handler: show),
        CommandSpec(
            ["customer", "edit"], summary: "change the basic information of an account's holder (history kept)",
            discussion: "Each changed field is kept in the customer's history (customer show). \(CustomerOpenCommand.requirementsText)",
            options: CustomerOpenCommand.basicInformationOptions,
            arguments: [ArgumentSpec("ACCOUNT", help: "the account whose holder to change")], requirements: .writeDatabase,
            examples: ["wbill customer edit AC00000001 --phone 13900001111 --address 'Building 4, unit 2'"],
            handler: edit),
        CommandSpec(
            ["customer", "transfer"], summary: "move an account to a new holder from a date",
            discussion: """
                The new holder is an existing customer (--customer N) or a new one given by its
                basic information, as for customer open. The previous holder stays in the account's
                ownership history until the day before --date (default: today). Ledger entries
                keep the holder they were made under: money owed on a postpaid account stays on the
                previous holder's statement; a prepaid balance carries over to the new holder unless
                it is refunded first. The output says which.
                """,
            options: [.value("customer", .integer, placeholder: "N", help: "the new holder: an existing customer's number"),
                      .value("date", .date, placeholder: "DATE", help: "the first day the new holder holds it (default: today)")]
                + CustomerOpenCommand.basicInformationOptions,
            arguments: [ArgumentSpec("ACCOUNT", help: "the account")], requirements: .writeDatabase,
            examples: ["wbill customer transfer AC00000001 --name 'Li Lei' --id-number 110101198505051234 --phone 13700137000 --address 'Building 3, unit 1' --persons 2 --date 2026-12-01",
                       "wbill customer transfer AC00000001 --customer 7"],
            handler: transfer),
        CommandSpec(
            ["customer", "close"], summary: "close an account: final readings, meters off, refused while money is owed or held",
            discussion: """
                Takes a final reading of each meter on the account (--reading SERIAL=READING for
                each, in the utility's volume unit with at most 3 decimals, not below the meter's
                last reading, within its register),
                then takes the meters off the account: back in stock (default) or out of service
                (--meter-state removed). Refused while the account owes money (a negative
                balance: bill charges not yet paid) or holds some (refund it first).
                """,
            options: [.value("reading", .text, placeholder: "SERIAL=READING", repeatable: true,
                             help: "the final reading of one meter (repeat for each meter on the account)"),
                      .value("meter-state", .choice(["in-stock", "removed"]), placeholder: "STATE",
                             help: "where the meters go: in-stock (default) or removed")],
            arguments: [ArgumentSpec("ACCOUNT", help: "the account")], requirements: .writeDatabase,
            examples: ["wbill customer close AC00000001 --reading WM-000001=123.456"],
            handler: close),
    ]

    static func list(_ context: CommandContext) throws -> CommandOutput {
        var table = DataTable(columns: [
            Column("account"), Column("customer"), Column("name"), Column("customer_type", title: "TYPE"),
            Column("payment"), Column("status"), Column("phone"), Column("identity", title: "ID/TAX NUMBER"),
            Column("address"), Column("meters"), Column("balance"),
        ])
        for row in try AccountStore(database: context.database).list(try AccountFilterOptions.filter(context)) {
            table.append([.text(row.account.number), .integer(row.account.holderID), .text(row.account.holderName),
                          .text(row.account.customerTypeName), .text(row.account.paymentDescription),
                          .text(row.account.status.rawValue), row.phone.map(Cell.text) ?? .null,
                          row.identity.map(Cell.text) ?? .null, row.address.map(Cell.text) ?? .null,
                          .text(row.meterSerials.joined(separator: " ")), .decimal(row.balance.description)])
        }
        return .table(table)
    }

    static func show(_ context: CommandContext) throws -> CommandOutput {
        let database = context.database
        let account = try AccountStore(database: database).find(context.arguments.requiredArgument("ACCOUNT"))
        let customers = CustomerStore(database: database)
        let customer = try customers.find(account.holderID)
        let type = try CustomerTypeStore(database: database).named(account.customerTypeName)
        var record = DataRecord()
        record.append("customer", .integer(customer.id))
        for field in CustomerField.allCases {
            record.append(field.column, field == .persons ? customer.persons.map { .integer(Int64($0)) } ?? .null
                                                          : customer.value(of: field).map(Cell.text) ?? .null)
        }
        record.append("customer_type", .text(type.name))
        record.append("water_nature", .text(type.waterNature.rawValue))
        var sections = try AccountViews.details(of: account, into: &record, context: context)
        var changes = DataTable(columns: [Column("at"), Column("operator"), Column("field"), Column("old"), Column("new")])
        for change in try customers.changes(of: customer) {
            changes.append([.text(change.at), .text(change.operatorName), .text(change.field.column),
                            change.oldValue.map(Cell.text) ?? .null, change.newValue.map(Cell.text) ?? .null])
        }
        sections.append(.init(key: "changes", title: "Changes to the basic information", table: changes))
        return .document(DataDocument(record: record, sections: sections))
    }

    static func draft(_ arguments: ParsedArguments) -> CustomerDraft {
        var draft = CustomerDraft()
        for field in CustomerField.allCases {
            if let value = arguments.value(field.rawValue) { draft.values[field] = value }
        }
        return draft
    }

    static func edit(_ context: CommandContext) throws -> CommandOutput {
        let database = context.database
        let account = try AccountStore(database: database).find(context.arguments.requiredArgument("ACCOUNT"))
        let changes = draft(context.arguments)
        guard !changes.values.isEmpty else {
            throw context.usageError("name at least one field to change (\(CustomerField.allCases.map(\.option).joined(separator: ", ")))")
        }
        let nature = try CustomerTypeStore(database: database).named(account.customerTypeName).waterNature
        let (customer, changed) = try CustomerStore(database: database).edit(account.holderID, changes, nature: nature,
                                                                            audit: context.audit)
        guard !changed.isEmpty else { return .message("customer \(customer.id) (\(customer.name)): nothing changed") }
        return .message("updated customer \(customer.id) (\(customer.name)): \(changed.map { $0.field.column }.joined(separator: ", "))")
    }

    static func transfer(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let newDraft = draft(arguments)
        let holder: TransferRequest.NewHolder
        if let id = arguments.integer("customer") {
            if let field = newDraft.values.keys.sorted(by: { $0.rawValue < $1.rawValue }).first {
                throw context.usageError("--customer names an existing customer; it does not go with \(field.option)")
            }
            holder = .existing(Int64(id))
        } else {
            guard !newDraft.values.isEmpty else {
                throw context.usageError("name the new holder: --customer N for an existing customer, or the new customer's basic information (--name …)")
            }
            holder = .newCustomer(newDraft)
        }
        let request = TransferRequest(accountNumber: arguments.requiredArgument("ACCOUNT"), newHolder: holder,
                                      date: arguments.date("date") ?? context.settings.now.date)
        let done = try AccountTransfer(database: context.database).transfer(request, audit: context.audit)
        let account = done.account
        let money: String
        let balance = done.balance.formatted(withCode: true)
        if done.balance.isZero {
            money = "the balance is 0; nothing carries over"
        } else if done.balance.isNegative {
            money = "the \((try? done.balance.negated().formatted(withCode: true)) ?? balance) owed stays on \(done.previous.name)'s statement (entries keep the holder they were made under)"
        } else if account.isPrepaid {
            money = "the prepaid balance of \(balance) carries over to \(done.holder.name) (to pay it out to \(done.previous.name) instead, refund it before transferring)"
        } else {
            money = "the \(balance) paid in advance carries over to \(done.holder.name)"
        }
        let line = "transferred account \(account.number) from \(done.previous.name) (customer \(done.previous.id)) to \(done.holder.name) (customer \(done.holder.id)\(done.holderIsNew ? ", new" : "")) from \(done.date); \(money)"
        var record = DataRecord()
        record.append("account", .text(account.number))
        record.append("previous_customer", .integer(done.previous.id))
        record.append("customer", .integer(done.holder.id))
        record.append("name", .text(done.holder.name))
        record.append("new_customer", .bool(done.holderIsNew))
        record.append("from_date", .text(done.date.description))
        record.append("balance", .decimal(done.balance.description))
        record.append("note", .text(money))
        return .confirmation(line, record: record, context: context)
    }

    static func close(_ context: CommandContext) throws -> CommandOutput {
        let unit = try context.volumeUnit()
        var readings: [(serial: String, value: String)] = []
        for given in context.arguments.values("reading") {
            guard let equals = given.lastIndex(of: "="), equals != given.startIndex else {
                throw context.usageError("invalid value '\(given)' for --reading: expected SERIAL=\(unit.headerText), e.g. WM-000001=123.456")
            }
            readings.append((String(given[..<equals]), String(given[given.index(after: equals)...])))
        }
        let state: MeterState = context.arguments.value("meter-state") == "removed" ? .removed : .inStock
        let closed = try AccountClosing(database: context.database).close(
            ClosingRequest(accountNumber: context.arguments.requiredArgument("ACCOUNT"), readings: readings, meterState: state),
            audit: context.audit)
        let finals = closed.readings.map { "\($0.serial) \($0.value)" }.joined(separator: ", ")
        let line = "closed account \(closed.account.number); final reading\(closed.readings.count == 1 ? "" : "s") \(finals) \(unit.symbol); meter\(closed.readings.count == 1 ? "" : "s") \(state == .inStock ? "returned to stock" : "removed from service")"
        var record = DataRecord()
        record.append("account", .text(closed.account.number))
        record.append("status", .text(closed.account.status.rawValue))
        record.append("final_readings", .text(closed.readings.map { "\($0.serial)=\($0.value)" }.joined(separator: " ")))
        record.append("meter_state", .text(state.rawValue))
        return .confirmation(line, record: record, context: context)
    }
}
