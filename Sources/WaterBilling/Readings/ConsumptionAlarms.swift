import WBillSupport

/// Raises the consumption alarms from a record's flags through `AlarmDesk` (which records the
/// same condition once while it is active, and nothing when the kind is switched off):
/// `zero-consumption` for a zero record whose span lasted at least the option's days,
/// `high-consumption` and `low-consumption` for records flagged high or low (their thresholds are
/// the flags' own, `ConsumptionThresholds`), with the value measured: the consumption as a whole
/// percentage of the use the meter's average expected over the span, rounded half-up (so a value
/// just past its threshold may read as the threshold itself). Reversals raise nothing.
final class ConsumptionAlarms: ConsumptionFollower {
    let database: Database
    let audit: AuditTrail
    /// The options, read once for the follower's run.
    private let options: AlarmOptions
    private let desk: AlarmDesk

    /// The follower over `database`, raising with `audit`.
    init(database: Database, audit: AuditTrail) {
        self.database = database
        self.audit = audit
        self.options = AlarmOptions(database: database)
        self.desk = AlarmDesk(database: database, options: options)
    }

    func recorded(_ record: ConsumptionRecord) throws {
        guard record.kind != .reversal, !record.flags.isEmpty else { return }
        let cause = "reading \(record.readingID)"
        if record.flags.contains(.zero) {
            let days = Int64(try PrepaidDeduction.span(of: record).days)
            let threshold = try option(.zeroConsumption).threshold?.amount ?? 0
            if days >= threshold {
                try raise(.zeroConsumption, record, value: days, threshold: threshold, cause: cause)
            }
        }
        if record.flags.contains(.high) {
            try raise(.highConsumption, record, value: record.percentOfExpected, threshold: try option(.highConsumption).threshold?.amount,
                      cause: cause)
        }
        if record.flags.contains(.low) {
            try raise(.lowConsumption, record, value: record.percentOfExpected, threshold: try option(.lowConsumption).threshold?.amount,
                      cause: cause)
        }
    }

    private func raise(_ kind: AlarmKind, _ record: ConsumptionRecord, value: Int64?, threshold: Int64?, cause: String) throws {
        try desk.raise(kind, accountID: record.accountID, meterID: record.meterID, value: value,
                                                threshold: threshold, cause: cause, audit: audit)
    }

    private func option(_ kind: AlarmKind) throws -> AlarmOption {
        try options.option(kind)
    }
}
