/// A catalogue entry for a model of meter: what it is, how it is paid and read.
public struct MeterType: Sendable, Equatable {
    public let id: Int64
    public var name: String
    public var kind: MeterKind
    public var paymentModel: PaymentModel
    /// Nominal diameters in mm (DN15 → 15), ascending.
    public var calibers: [Int]
    public var hasValve: Bool
    public var readingMethod: ReadingMethod
    /// Digits of the register, for rollover: the register counts to 10^digits − 1 volume units.
    public var registerDigits: Int

    /// The largest reading the register shows, in thousandths of the unit (10^digits units − 0.001).
    public var registerCapacityLitres: Int64 {
        var capacity: Int64 = 1000
        for _ in 0..<registerDigits { capacity *= 10 }
        return capacity - 1
    }
}

/// The fields of a new meter type.
public struct MeterTypeDraft: Sendable {
    public var name: String
    public var kind: MeterKind
    public var paymentModel: PaymentModel
    public var calibers: [Int]
    public var hasValve: Bool
    public var readingMethod: ReadingMethod?
    public var registerDigits: Int

    /// Creates a draft; the reading method defaults to the kind's usual one.
    public init(name: String, kind: MeterKind, paymentModel: PaymentModel, calibers: [Int], hasValve: Bool = false,
                readingMethod: ReadingMethod? = nil, registerDigits: Int = 5) {
        self.name = name
        self.kind = kind
        self.paymentModel = paymentModel
        self.calibers = calibers
        self.hasValve = hasValve
        self.readingMethod = readingMethod
        self.registerDigits = registerDigits
    }
}

/// Changes to a meter type; nil fields stay as they are.
public struct MeterTypeChanges: Sendable {
    public var name: String?
    public var kind: MeterKind?
    public var paymentModel: PaymentModel?
    public var calibers: [Int]?
    public var hasValve: Bool?
    public var readingMethod: ReadingMethod?
    public var registerDigits: Int?

    /// No changes.
    public init() {}
}
