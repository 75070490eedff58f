import WBillSupport

/// The kind of a wbill card.
public enum CardKind: UInt8, Sendable, CaseIterable {
    /// A customer's card, carrying purchases from the counter to the meter.
    case customer = 1

    /// How it is shown.
    public var name: String {
        switch self {
        case .customer: return "customer"
        }
    }
}

/// Who and what a card is for; written when the card is issued, never by the meter.
public struct CardIdentity: Sendable, Equatable {
    /// The kind.
    public var kind: CardKind
    /// The utility the card belongs to (`CardKeys.utilityCode`).
    public var utilityCode: UInt32
    /// The card's number, which its security code is derived from.
    public var cardNumber: UInt32
    /// How many cards were issued for the account before this one.
    public var replacementCount: UInt16
    /// The account.
    public var accountNumber: String
    /// The meter the card is for.
    public var meterSerial: String

    /// An identity.
    public init(kind: CardKind = .customer, utilityCode: UInt32, cardNumber: UInt32, replacementCount: UInt16,
                accountNumber: String, meterSerial: String) {
        self.kind = kind
        self.utilityCode = utilityCode
        self.cardNumber = cardNumber
        self.replacementCount = replacementCount
        self.accountNumber = accountNumber
        self.meterSerial = meterSerial
    }
}

/// The last purchase the counter wrote; the meter takes it once, when its sequence is the next one.
public struct CardPurchase: Sendable, Equatable {
    /// The purchase's sequence number for the account (0: none yet).
    public var sequence: UInt32
    /// The volume bought, in thousandths of the volume unit.
    public var volume: Volume
    /// Every volume bought for the account so far, this one included.
    public var cumulative: Volume

    /// A purchase.
    public init(sequence: UInt32, volume: Volume, cumulative: Volume) {
        self.sequence = sequence
        self.volume = volume
        self.cumulative = cumulative
    }

    /// No purchase yet: what a newly opened card holds.
    public static let none = CardPurchase(sequence: 0, volume: .zero, cumulative: .zero)
}

/// What the meter wrote back when the card was last swiped.
public struct MeterWriteBack: Sendable, Equatable {
    /// Credit left in the meter, in thousandths of the volume unit.
    public var remaining: Volume
    /// Every volume the meter has counted.
    public var cumulativeUse: Volume
    /// The meter's status word (its flags, as its maker defines them).
    public var status: UInt16
    /// The sequence of the last purchase the meter took (0: none).
    public var lastSequenceConsumed: UInt32

    /// A write-back.
    public init(remaining: Volume, cumulativeUse: Volume, status: UInt16, lastSequenceConsumed: UInt32) {
        self.remaining = remaining
        self.cumulativeUse = cumulativeUse
        self.status = status
        self.lastSequenceConsumed = lastSequenceConsumed
    }

    /// Never swiped: what a newly opened card holds.
    public static let none = MeterWriteBack(remaining: .zero, cumulativeUse: .zero, status: 0, lastSequenceConsumed: 0)
}

/// How the purchase area and its copy were found.
public enum PurchaseAreaState: String, Sendable, Equatable {
    /// Both whole and the same.
    case whole
    /// The area whole, the copy damaged or behind: a write stopped after the area, before the copy.
    case copyBehind = "copy behind"
    /// The area damaged, the copy whole: a write stopped in the area; the copy (the purchase before) is used.
    case areaTorn = "area torn, copy used"
}

/// A wbill card as read: who it is for, its last purchase, and the meter's write-back.
public struct CardRecord: Sendable, Equatable {
    /// The identity area.
    public var identity: CardIdentity
    /// The purchase in force (the area's, or its copy's when the area is torn).
    public var purchase: CardPurchase
    /// How the purchase area and its copy were found.
    public var purchaseState: PurchaseAreaState
    /// The meter's write-back, or nil when its area is damaged.
    public var writeBack: MeterWriteBack?

    /// A record.
    public init(identity: CardIdentity, purchase: CardPurchase, purchaseState: PurchaseAreaState = .whole, writeBack: MeterWriteBack?) {
        self.identity = identity
        self.purchase = purchase
        self.purchaseState = purchaseState
        self.writeBack = writeBack
    }
}

/// What is on a card.
public enum CardContents: Sendable, Equatable {
    /// Nothing written after the manufacturer's area: every byte from 32 on is FF.
    case blank
    /// Data that is not a wbill card.
    case foreign
    /// A wbill card.
    case wbill(CardRecord)
}
