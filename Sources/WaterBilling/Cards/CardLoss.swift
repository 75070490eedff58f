import WBillSupport

/// Reports an account's active card lost (`wbill card lost`): the card is out of use — nothing is
/// written to it again, and a recharge refuses it — until a replacement is issued on a blank card,
/// which carries the account's last purchase. The meter still takes a purchase the lost card
/// carries, once; a replacement carrying the same sequence adds nothing.
public struct CardLoss {
    let database: Database
    let context: AuditContext

    /// Reporting into `database` as `context` says.
    public init(database: Database, context: AuditContext) {
        self.database = database
        self.context = context
    }

    /// Marks the active card of `accountNumber` lost.
    /// - Returns: the card, now lost.
    /// - Throws: `CardError.noActiveCard`, `AccountError.notFound`.
    public func report(accountNumber: String) throws -> IssuedCard {
        let account = try AccountStore(database: database).find(accountNumber)
        let store = CardStore(database: database)
        guard let card = try store.liveCard(of: account.id), card.state == .active else { throw CardError.noActiveCard(account: account.number) }
        try CardWriter(database: database).retire(card.id, as: .lost)
        try AuditTrail(database: database, context: context).record(entity: "card", id: String(card.number), action: "lost",
                                                                    changes: [AuditChange("state", old: CardState.active.rawValue, new: CardState.lost.rawValue)])
        return try store.card(numbered: card.number)!
    }
}
