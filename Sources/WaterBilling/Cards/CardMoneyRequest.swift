import WBillSupport

/// A card recharge or refund as asked for, before any checks: exactly one of `amount` and
/// `volume` (the other is worked out from the account's tariff), the channel and the reference.
public struct CardMoneyRequest: Sendable, Equatable {
    public var accountNumber: String
    /// Money, as typed: to spend on a recharge, to pay back on a refund.
    public var amount: String?
    /// Volume, as typed: to buy on a recharge, to take off the card on a refund.
    public var volume: String?
    public var channel: PaymentChannel
    /// A receipt or payment-gateway id that makes a retry harmless.
    public var reference: String?

    /// A request.
    public init(accountNumber: String, amount: String?, volume: String?, channel: PaymentChannel, reference: String?) {
        precondition((amount == nil) != (volume == nil), "a card recharge or refund asks for an amount or a volume")
        self.accountNumber = accountNumber
        self.amount = amount
        self.volume = volume
        self.channel = channel
        self.reference = reference
    }
}
