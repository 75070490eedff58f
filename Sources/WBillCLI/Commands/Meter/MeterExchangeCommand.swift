import WaterBilling
import WBillSupport

/// `wbill meter exchange OLD NEW`: replace a meter on an account with one from stock.
enum MeterExchangeCommand {
    static let command = CommandSpec(
        ["meter", "exchange"], summary: "replace a meter on an account with one from stock, with both readings",
        discussion: """
            Takes the final reading of meter OLD (its last consumption on the account, judged like
            any reading: see CONSUMPTION in wbill-reading(1)), takes it off the account (out of
            service, or back to stock with --old-meter-state in-stock), and puts meter NEW, from
            stock and of a meter type the account's customer type allows, on the account at the
            same time with its initial reading, from which its consumption starts. The account
            keeps its history: its consumption across the exchange is the old meter's part plus
            the new meter's, never negative, never counted twice.
            """,
        options: [
            .value("final-reading", .decimal, placeholder: "VALUE", required: true,
                   help: "what OLD's register shows, in the volume unit"),
            .value("initial-reading", .decimal, placeholder: "VALUE", required: true,
                   help: "what NEW's register shows, in the volume unit"),
            .value("at", .time, placeholder: "TIME", help: "when the meters were exchanged: a UTC time or a date (default: now)"),
            .value("old-meter-state", .choice(["removed", "in-stock"]), placeholder: "STATE",
                   help: "where OLD goes: removed (default, out of service) or in-stock"),
        ],
        arguments: [ArgumentSpec("OLD", help: "the meter coming off the account"),
                    ArgumentSpec("NEW", help: "the meter going on, from stock")],
        requirements: .writeDatabase,
        examples: ["wbill meter exchange WM-000001 WM-000042 --final-reading 1234.567 --initial-reading 0.012 --at 2026-11-15T10:00:00Z"],
        handler: run)

    static func run(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let request = ExchangeRequest(
            oldSerial: arguments.requiredArgument("OLD"), newSerial: arguments.requiredArgument("NEW"),
            finalReading: arguments.required("final-reading"), initialReading: arguments.required("initial-reading"),
            at: arguments.value("at"), oldMeterState: arguments.choice("old-meter-state", as: MeterState.self) ?? .removed)
        let exchanged = try MeterExchange(database: context.database).exchange(request, audit: context.audit)
        let line = "exchanged meter \(exchanged.old.serial) for \(exchanged.new.serial) on account \(exchanged.accountNumber) at \(exchanged.final.reading.at): "
            + "final reading \(exchanged.final.reading.value) (reading \(exchanged.final.reading.id))"
            + ReadingViews.consumptionText(exchanged.final)
            + "; initial reading \(exchanged.initial.reading.value) (reading \(exchanged.initial.reading.id)); "
            + "\(exchanged.old.serial) \(exchanged.old.state == .inStock ? "returned to stock" : "removed from service")"
        var record = DataRecord()
        record.append("account", .text(exchanged.accountNumber))
        record.append("at", .text(exchanged.final.reading.at))
        record.append("old_meter", .text(exchanged.old.serial))
        record.append("old_meter_state", .text(exchanged.old.state.rawValue))
        record.append("final_reading", .integer(exchanged.final.reading.id))
        record.append("final_value", .decimal(exchanged.final.reading.value.description))
        record.append("consumption", exchanged.final.consumption.map { .decimal($0.volume.description) } ?? .null)
        record.append("flags", exchanged.final.consumption.map { .text($0.flags.storedText) } ?? .null)
        record.append("new_meter", .text(exchanged.new.serial))
        record.append("initial_reading", .integer(exchanged.initial.reading.id))
        record.append("initial_value", .decimal(exchanged.initial.reading.value.description))
        return .confirmation(line, record: record, context: context)
    }
}
