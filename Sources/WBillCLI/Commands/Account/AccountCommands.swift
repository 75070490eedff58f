import WaterBilling
import WBillSupport

/// `wbill account …`: accounts and their money — list, show, transactions, recharge, refund, adjust.
enum AccountCommands {
    static let groups = [
        GroupSpec(["account"], summary: "accounts and their money: balances, recharge, refund, adjustments, bill payments, the ledger",
                  discussion: """
                    Every movement of money is an entry of an append-only ledger, in exact money of
                    the utility's currency: recharge, refund, deduction, bill-charge, payment,
                    card-purchase, adjustment, reversal, late-fee. An amount is positive when it is
                    in the customer's favour (recharge, payment, a credit adjustment) and negative
                    when it is owed or paid out (refund, deduction, bill-charge, late-fee, a debit
                    adjustment). A
                    balance is the sum of the entries: above zero money held (prepaid), below zero
                    money owed (postpaid bills not yet paid). Nothing is updated in place; a
                    correction is another entry.

                    recharge, refund and adjust print one receipt line per movement (receipt number,
                    time, account, kind and amount, balance after, channel, reference, operator);
                    with --format csv, tsv or json the receipt is a record. With --ref (a receipt or
                    payment-gateway id) a retry of the same movement writes nothing and prints the
                    original receipt, with its original time and balance after; the same reference
                    with another account, amount or channel is refused (exit 1). References are
                    unique per kind of movement.

                    One recharge, refund or adjustment moves at most the utility's limit (1000000 in
                    the currency unless wbill init --max-transaction set another); more is refused
                    (exit 1). A balance whose entries would add up beyond what 64 bits of minor units
                    hold is refused as bad data (exit 65), never wrapped.

                    Card-meter (meter-prepaid) accounts show their history here, but their recharges
                    and refunds go through the IC card.
                    """),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["account", "list"], summary: "list accounts with their balances",
            options: AccountFilterOptions.rows + [.flag("owing", help: "only accounts that owe money (a negative balance)")],
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill account list --mode system-prepaid", "wbill account list --owing --format csv"],
            handler: list),
        CommandSpec(
            ["account", "show"], summary: "show an account: holder, balance, meters and readings, holders, recent transactions",
            options: [.value("transactions", .integer, placeholder: "N", help: "how many recent transactions to show (default: 10)")],
            arguments: [ArgumentSpec("ACCOUNT", help: "the account number")], requirements: .readDatabase, listOutput: true,
            handler: show),
        CommandSpec(
            ["account", "transactions"], summary: "an account's ledger entries with the running balance",
            discussion: "The balance column is the account's balance after each entry, also when filters leave entries out.",
            options: DateRange.rows(from: "only entries on or after DATE (UTC)", to: "only entries on or before DATE (UTC)") + [
                .value("kind", .choice(LedgerEntryKind.allCases.map(\.rawValue)), placeholder: "KIND", repeatable: true,
                       help: "only entries of this kind (repeat for several)"),
            ],
            arguments: [ArgumentSpec("ACCOUNT", help: "the account number")], requirements: .readDatabase, listOutput: true,
            examples: ["wbill account transactions AC00000001 --from 2026-11-01 --to 2026-11-30",
                       "wbill account transactions AC00000001 --kind recharge --kind refund --format csv"],
            handler: transactions),
    ] + AccountMoneyCommands.commands

    static func list(_ context: CommandContext) throws -> CommandOutput {
        var table = DataTable(columns: [
            Column("account"), Column("customer"), Column("name"), Column("customer_type", title: "TYPE"), Column("payment"),
            Column("status"), Column("meters"), Column("balance"), Column("currency"),
        ])
        for row in try AccountStore(database: context.database).list(try AccountFilterOptions.filter(context)) {
            table.append([.text(row.account.number), .integer(row.account.holderID), .text(row.account.holderName),
                          .text(row.account.customerTypeName), .text(row.account.paymentDescription),
                          .text(row.account.status.rawValue), .text(row.meterSerials.joined(separator: " ")),
                          .decimal(row.balance.description), .text(row.account.currency.code)])
        }
        return .table(table)
    }

    static func show(_ context: CommandContext) throws -> CommandOutput {
        let account = try AccountStore(database: context.database).find(context.arguments.requiredArgument("ACCOUNT"))
        var record = DataRecord()
        let sections = try AccountViews.details(of: account, into: &record, context: context)
        // The holder right after the account's own fields.
        record.fields.insert((Column("customer"), .integer(account.holderID)), at: 1)
        record.fields.insert((Column("name"), .text(account.holderName)), at: 2)
        record.fields.insert((Column("customer_type"), .text(account.customerTypeName)), at: 3)
        return .document(DataDocument(record: record, sections: sections))
    }

    static func transactions(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let account = try AccountStore(database: context.database).find(arguments.requiredArgument("ACCOUNT"))
        let range = try DateRange(context)
        let filter = LedgerFilter(from: range.from, to: range.to,
                                  kinds: arguments.values("kind").compactMap(LedgerEntryKind.init(rawValue:)))
        var table = DataTable(columns: AccountViews.transactionColumns)
        for entry in try Ledger(database: context.database).entries(of: account, matching: filter) {
            table.append(AccountViews.transactionRow(entry))
        }
        return .table(table)
    }
}
