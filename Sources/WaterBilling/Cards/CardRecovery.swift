import WBillSupport

/// Settles the pending purchase of the card on the reader (`wbill card recover`): after a crash, a
/// card pulled out or a reader lost mid-write. The card is read (no code presented to a card that
/// is not this utility's), its account's pending purchase found, and `PendingPurchaseSettlement`
/// confirms it when the card holds it, writes the same purchase with the same sequence when it does
/// not — or, when asked, rolls it back (a reversal of its ledger entry) if the card does not hold
/// it. Never a second purchase.
public struct CardRecovery {
    let database: Database
    let context: AuditContext

    /// A recovery writing to `database` as `context` says.
    public init(database: Database, context: AuditContext) {
        self.database = database
        self.context = context
    }

    /// Settles the pending purchase of the card in `reader`.
    /// - Parameters:
    ///   - accountNumber: the account the card must be for, when given.
    ///   - rollBack: roll the purchase back instead of finishing it (refused when the card holds it).
    /// - Throws: `CardError` (not a card of this utility's, not the account's, nothing pending,
    ///   out of step), `CardReaderError`, `SerialPortError`.
    public func recover(accountNumber: String?, rollBack: Bool, reader: CardReader) throws -> SettledCardWrite {
        let keys = try CardKeys.stored(in: database)
        let account = try accountNumber.map { try AccountStore(database: database).find($0) }
        let session = try SLE4442Session.start(on: reader)
        defer { session.powerOff() }
        let memory = try session.readAll()
        let found: String
        switch try CardLayout.decode(memory) {
        case .blank: found = "is blank"
        case .foreign: found = "holds data that is not a wbill card"
        case .wbill(let record) where record.identity.utilityCode != keys.utilityCode: found = "is another utility's card"
        case .wbill(let record):
            guard let card = try CardStore(database: database).card(numbered: record.identity.cardNumber) else {
                found = "is card \(record.identity.cardNumber), which this database never issued"
                break
            }
            if let account, account.id != card.accountID {
                throw CardError.notAccountsCard(account: account.number, cardNumber: try CardStore(database: database).liveCard(of: account.id)?.number ?? 0,
                                                found: "is card \(card.number) of account \(card.accountNumber)")
            }
            var settled: SettledCardWrite?
            try PendingCardWrites(database: database, context: context, keys: keys)
                .settle(accountID: card.accountID, record: record, session: session, rollBack: rollBack) { settled = $0 }
            guard let settled else { throw CardError.nothingPending(account: card.accountNumber) }
            return settled
        }
        throw CardError.notThisUtilitysCard(found: found)
    }
}
