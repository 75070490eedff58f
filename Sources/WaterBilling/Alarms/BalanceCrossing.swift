import WBillSupport

/// The rule of what a system-prepaid balance crossing a line sets off, in one place: `Ledger.append`
/// calls it after every movement of money (recharge, refund, adjustment, deduction …), in the
/// movement's transaction and with its audit trail.
///
/// - A movement that lowers the balance below the low-balance threshold (`AlarmOptions`) raises a
///   low-balance alarm on the account (`AlarmDesk`: once while it is active).
/// - A balance at or below zero queues valve-close for every meter on the account whose type has a
///   valve; a movement that lifts it from there above zero queues valve-open (`ValveQueue`: only
///   when that changes what the valve was last told).
///
/// Only system-prepaid accounts hold a balance that water is drawn from: a postpaid balance below
/// zero is a bill not yet paid, and a card-meter's credit is on its card.
public struct BalanceCrossing {
    let database: Database
    /// The low-balance threshold and whether its alarm is on, read once by this value (a ledger
    /// kept for a run of movements reads them once).
    let options: AlarmOptions

    /// The rule over `database`.
    public init(database: Database) {
        self.database = database
        self.options = AlarmOptions(database: database)
    }

    /// Applies the rule to `entry`, just appended to `account`'s ledger.
    public func afterMovement(_ entry: LedgerEntry, on account: Account, audit: AuditTrail) throws {
        guard account.businessMode == .systemPrepaid else { return }
        let after = entry.balanceAfter
        let before = try after.subtracting(entry.amount)
        let cause = "\(entry.kind.rawValue) receipt \(entry.id)"
        if after < before, let threshold = try options.option(.lowBalance, currency: account.currency).threshold,
           after.minorUnits < threshold.amount {
            try AlarmDesk(database: database, options: options).raise(.lowBalance, accountID: account.id, meterID: nil, value: after.minorUnits,
                                                    threshold: threshold.amount, cause: cause, audit: audit)
        }
        let action: ValveAction
        if after.minorUnits <= 0 {
            action = .close
        } else if before.minorUnits <= 0 {
            action = .open
        } else {
            return
        }
        let queue = ValveQueue(database: database)
        for meterID in try valveMeters(of: account) {
            try queue.queue(action, meterID: meterID, account: account, balance: after, entryID: entry.id, audit: audit)
        }
    }

    /// The meters on the account now whose type has a valve, by serial.
    func valveMeters(of account: Account) throws -> [Int64] {
        try database.query("""
            SELECT m.id FROM account_meters am JOIN meters m ON m.id = am.meter_id JOIN meter_types t ON t.id = m.meter_type_id
            WHERE am.account_id = ? AND am.removed_at IS NULL AND t.has_valve = 1 ORDER BY m.serial
            """, [account.id]) { $0.int64(0) }
    }
}
