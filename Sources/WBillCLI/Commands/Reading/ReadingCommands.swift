import WaterBilling
import WBillSupport

/// `wbill reading …`: meter readings and the consumption they yield.
enum ReadingCommands {
    static let consumptionRules = """
        Each reading a meter's register shows is judged against the meter's history and yields a
        consumption record for its account: the volume used since the meter's previous real
        reading on the account, or since the meter was put on it (from its initial reading, or
        its last reading on an earlier account). Volumes are in the utility's volume unit, with
        at most 3 decimals. A reading is refused when:

          the meter is not installed on an account (in stock, faulty, removed);
          it is dated before the meter was put on its account, or later than now;
          the meter has a later reading (readings are recorded in time order) or another
          reading at the same time (a duplicate);
          it is more than the register shows (its meter type's register digits);
          it is below the previous real reading and not a plausible rollover (see below).

        The same reading again (the same meter, time and value) is not an error: nothing is
        written, so a retried command or a file imported twice changes nothing. A reading that
        was voided is refused again unless forced (reading add --force).

        Rollover: a register counts to 10^digits less a thousandth and starts again at zero.
        A value below the previous one is taken as a rollover, with a consumption of
        10^digits − previous + current, when that is plausible: when that consumption is less
        than a tenth of the register's range (the previous value was in its last tenth, the
        new one in its first), or when it would not be flagged high against the meter's
        average (below). Otherwise the reading is refused (exit 65) unless forced with
        reading add --force: it is then taken as a rollover and flagged forced-rollover.

        Flags, stored with the consumption for review (reading list --flagged) and raising
        alarms (below):

          rollover         the register rolled over, plausibly
          forced-rollover  below the previous reading, taken as a rollover because forced
          zero             nothing was used since the previous reading
          high             more than the high threshold of the use the meter's average expects
          low              less than the low threshold of it, but more than nothing

        The expected use is the meter's own average on its account, per day, times the days of
        the new span: its measured consumption over the year before its previous real reading
        (or since it was put on the account, when that is less), over that time. The thresholds
        are 300 % (high) and 30 % (low) of it, unless the settings high_consumption_percent and
        low_consumption_percent say otherwise (alarm option set). A meter without
        such history, or whose history used nothing, is flagged neither high nor low.

        Estimates: reading estimate fills a missing reading from the meter's average daily use
        over the days since its last reading (rounded half-up to a thousandth), marked estimated,
        with an estimated consumption. The next real reading corrects it: its consumption runs
        from the last real reading, and the estimates' consumption is reversed, so the span is
        counted once, by the real reading.

        Voids: a wrong reading is never deleted. reading void marks it void with a reason and
        reverses its consumption; the next real reading of the meter, whose consumption started
        at it, has its consumption reversed and derived again from the reading before. Refused
        for a final reading (customer close, meter exchange) or an exchange's initial reading,
        on a closed account, for a reading an estimate still standing was made from (void the
        estimate first), and when the next real reading would then be below the one before
        without a plausible rollover.
        """

    static let deductionRules = """
        On a system-prepaid account each consumption record is priced by the tariff of the
        account's customer type, exactly as tariff quote prices it (tiers, versions, seasons,
        fixed charges, tax), and the total is deducted from the prepaid balance as a ledger entry
        of kind deduction, in the transaction that records the reading. The span priced runs from
        the day of the reading the consumption starts at to the day before the reading that ends
        it (one day when both are on the same day); persons come from the account's holder and
        the caliber from the meter. A meter's first reading after it was put on the account is
        priced over the span since then: from the day it was installed to the day before the
        reading, its tier limits prorated to that span's days as tariff quote --from --to
        prorates them for the same span (a meter installed on 2026-11-23 and first read on
        2027-01-01 is priced as tariff quote NAME --volume V --from 2026-11-23 --to 2026-12-31). The entry's reference is the consumption record
        (consumption N) and its reason names the reading, the span, the volume, the tariff and
        every priced line; account transactions shows it. A reading recorded again deducts
        nothing. A void, or an estimate corrected by a real reading, takes the deduction back
        with a reversal entry of the opposite amount. A zero total deducts nothing; postpaid and
        card-meter accounts are not deducted. A reading whose tariff cannot price it (no version
        in effect over its span) is refused, naming the account and the tariff, and nothing of it
        is written; in reading import it is a bad row like any other. Every deduction passes the balance rule of the ledger: below the low-balance
        threshold a low-balance alarm, at or below zero valve-close for meters with a valve.

        Alarms from flags: a zero consumption over a span of at least the zero-consumption days
        raises a zero-consumption alarm; high and low raise high-consumption and low-consumption
        alarms (alarm option list). The same kind on the same account and meter is raised once
        while its alarm is open or acknowledged.
        """

    static let groups = [
        GroupSpec(["reading"], summary: "meter readings: record, import, list, estimate, void; the consumption they yield",
                  discussion: """
                    A reading is what a meter's register showed at a time. Each accepted reading
                    yields its account's consumption since the meter's previous real reading, with
                    flags for anomalies (rollover, zero, high, low); estimates fill missing readings
                    and are corrected by the next real one; a wrong reading is voided, never
                    deleted. See CONSUMPTION in wbill-reading(1) for the rules, and meter exchange
                    for replacing a meter on an account.
                    """,
                  manualSections: [(title: "Consumption", text: consumptionRules),
                                   (title: "Deductions", text: deductionRules),
                                   (title: "Import file", text: ReadingImportCommand.fileFormat)]),
    ]

    static let commands: [CommandSpec] = [
        CommandSpec(
            ["reading", "add"], summary: "record a meter reading and the consumption since the previous one",
            discussion: """
                Records what the register of meter SERIAL showed at --at (default: now), judged as
                described under CONSUMPTION in wbill-reading(1), and prints the consumption it
                yields. Estimates since the meter's last real reading are corrected by it. The same
                reading again (meter, time and value) changes nothing and exits 0: give --at for
                retries to be safe. On a system-prepaid account the consumption is priced by the
                account's tariff and deducted from its balance in the same transaction (see
                DEDUCTIONS in wbill-reading(1)); a zero, high or low consumption raises an alarm.
                """,
            options: [
                .value("at", .time, placeholder: "TIME", help: "when the register showed VALUE: a UTC time or a date (default: now)"),
                .value("source", .choice(ReadingSource.entered.map(\.rawValue)), placeholder: "SOURCE",
                       help: "manual (default), handheld, remote, third-party or card"),
                .flag("force", help: "take a value below the previous reading as a rollover even when it is not plausible, or record a voided reading again"),
            ],
            arguments: [ArgumentSpec("SERIAL", help: "the meter"),
                        ArgumentSpec("VALUE", .decimal, help: "what its register shows, in the volume unit (at most 3 decimals)")],
            requirements: .writeDatabase,
            examples: ["wbill reading add WM-000001 123.456 --at 2026-11-30T08:15:00Z",
                       "wbill reading add WM-000001 12.5 --at 2026-12-31 --force   # the register rolled over"],
            handler: add),
        ReadingImportCommand.command,
        CommandSpec(
            ["reading", "list"], summary: "list readings with their consumption and flags, oldest first",
            discussion: """
                Lists readings with the consumption that stands for each (empty for an exchange's
                initial reading, a voided reading and a corrected estimate), where its span starts,
                its flags and its status (voided, corrected). Without --limit every matching reading
                is read.
                """,
            options: [
                .value("meter", .text, placeholder: "SERIAL", help: "only this meter's readings"),
                .value("account", .text, placeholder: "ACCOUNT", help: "only readings on this account"),
                .value("since", .time, placeholder: "TIME", help: "only readings at or after TIME (YYYY-MM-DD or a UTC time)"),
                .value("until", .time, placeholder: "TIME", help: "only readings before TIME"),
                .flag("flagged", help: "only readings whose consumption is flagged (rollover, zero, high, low)"),
                Paging.limitRow("only the newest N readings (without --meter or --account: the last N recorded)"),
            ],
            requirements: .readDatabase, listOutput: true,
            examples: ["wbill reading list --meter WM-000001", "wbill reading list --flagged --since 2026-11-01 --format csv"],
            handler: list),
        CommandSpec(
            ["reading", "estimate"], summary: "estimate a missing reading from the meter's average daily use",
            discussion: """
                Records an estimated reading of meter SERIAL at --at (default: now): its last
                reading plus its average daily use on its account times the days since (see
                CONSUMPTION in wbill-reading(1)). The next real reading corrects it. Refused for a
                meter without measured consumption on its account.
                """,
            options: [.value("at", .time, placeholder: "TIME", help: "the time to estimate the reading at (default: now)")],
            arguments: [ArgumentSpec("SERIAL", help: "the meter")],
            requirements: .writeDatabase,
            examples: ["wbill reading estimate WM-000001 --at 2026-11-30"],
            handler: estimate),
        CommandSpec(
            ["reading", "void"], summary: "void a wrong reading: its consumption is reversed, the next one derived again",
            discussion: """
                Marks reading READING (its number in reading list) void with --reason, reverses its
                consumption, and derives the consumption of the meter's next real reading again
                from the reading before. Nothing is deleted. See CONSUMPTION in wbill-reading(1) for
                when it is refused.
                """,
            options: [.value("reason", .text, placeholder: "TEXT", required: true, help: "why it is wrong (kept with it)")],
            arguments: [ArgumentSpec("READING", .integer, help: "the reading's number")],
            requirements: .writeDatabase,
            examples: ["wbill reading void 1234 --reason 'typed 1823 for 182.3'"],
            handler: void),
    ]

    static func add(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let request = ReadingRequest(serial: arguments.requiredArgument("SERIAL"), value: arguments.requiredArgument("VALUE"),
                                     at: arguments.value("at"), source: arguments.choice("source", as: ReadingSource.self) ?? .manual,
                                     force: arguments.has("force"))
        let recorded = try ReadingEntry(database: context.database).add(request, audit: context.audit)
        return recordedOutput(recorded, context: context)
    }

    static func estimate(_ context: CommandContext) throws -> CommandOutput {
        let recorded = try ReadingEntry(database: context.database)
            .estimate(serial: context.arguments.requiredArgument("SERIAL"), at: context.arguments.value("at"), audit: context.audit)
        return recordedOutput(recorded, context: context)
    }

    /// `recorded reading 12: …; consumption …`, or the record of the reading.
    static func recordedOutput(_ recorded: RecordedReading, context: CommandContext) -> CommandOutput {
        let entry = recorded.entry
        var line = recorded.alreadyRecorded
            ? "reading \(entry.reading.id) was recorded before: \(ReadingViews.described(entry))"
            : "recorded \(entry.reading.source == .estimated ? "estimated " : "")reading \(entry.reading.id): \(ReadingViews.described(entry))"
        line += ReadingViews.consumptionText(entry)
        if recorded.alreadyRecorded { line += "; nothing changed" }
        if !recorded.corrections.isEmpty {
            line += "; corrected estimate\(recorded.corrections.count == 1 ? "" : "s") "
                + recorded.corrections.map { "\($0.readingID)" }.joined(separator: ", ")
        }
        var record = ReadingViews.record(entry)
        record.append("already_recorded", .bool(recorded.alreadyRecorded))
        record.append("corrected_estimates", .text(recorded.corrections.map { String($0.readingID) }.joined(separator: " ")))
        return .confirmation(line, record: record, context: context)
    }

    static func list(_ context: CommandContext) throws -> CommandOutput {
        let arguments = context.arguments
        let paging = try Paging(context)
        let filter = ReadingFilter(serial: arguments.value("meter"), accountNumber: arguments.value("account"),
                                   since: arguments.value("since").flatMap { try? Timestamp(parsing: $0) },
                                   until: arguments.value("until").flatMap { try? Timestamp(parsing: $0) },
                                   flagged: arguments.has("flagged"), limit: paging.limit)
        var table = DataTable(columns: ReadingViews.columns)
        for entry in try MeterReadingStore(database: context.database).list(filter) {
            table.append(ReadingViews.row(entry))
        }
        return .table(table)
    }

    static func void(_ context: CommandContext) throws -> CommandOutput {
        let voided = try ReadingVoiding(database: context.database)
            .void(context.arguments.requiredArgument("READING"), reason: context.arguments.required("reason"), audit: context.audit)
        var line = "voided reading \(voided.entry.reading.id): \(ReadingViews.described(voided.entry))"
        if let own = voided.reversals.first(where: { $0.readingID == voided.entry.reading.id }) {
            line += "; its consumption \(try own.volume.negated()) reversed"
        }
        if let rederived = voided.rederived {
            line += "; reading \(rederived.readingID) now counts \(rederived.volume) since \(rederived.from)"
            if !rederived.flags.isEmpty { line += " (\(rederived.flags.map(\.rawValue).joined(separator: ", ")))" }
        }
        var record = ReadingViews.record(voided.entry)
        record.append("reversed", .text(voided.reversals.compactMap { $0.reversesID.map(String.init) }.joined(separator: " ")))
        record.append("rederived_reading", voided.rederived.map { .integer($0.readingID) } ?? .null)
        record.append("rederived_consumption", voided.rederived.map { .decimal($0.volume.description) } ?? .null)
        return .confirmation(line, record: record, context: context)
    }
}
