/// A class of customer: what water it uses, how it pays, which meters and tariff it takes.
public struct CustomerType: Sendable, Equatable {
    public let id: Int64
    public var name: String
    public var waterNature: WaterNature
    public var businessMode: BusinessMode
    /// Names of the meter types its customers may have, by name.
    public var meterTypes: [String]
    /// Whether its water counts in consumption statistics (rule 3).
    public var countsConsumption: Bool
    /// Whether it is billed at all (rule 4).
    public var charges: Bool
    /// The tariff's name, when it charges.
    public var tariff: String?
    /// The channels it accepts payment through.
    public var channels: [PaymentChannel]
}

/// The fields of a new customer type, or the full new state of an edited one.
public struct CustomerTypeDraft: Sendable {
    public var name: String
    public var waterNature: WaterNature
    public var businessMode: BusinessMode
    public var meterTypes: [String]
    public var countsConsumption: Bool
    public var charges: Bool
    public var tariff: String?
    public var channels: [PaymentChannel]

    /// Creates a draft.
    public init(name: String, waterNature: WaterNature, businessMode: BusinessMode, meterTypes: [String],
                countsConsumption: Bool = true, charges: Bool = true, tariff: String? = nil, channels: [PaymentChannel] = []) {
        self.name = name
        self.waterNature = waterNature
        self.businessMode = businessMode
        self.meterTypes = meterTypes
        self.countsConsumption = countsConsumption
        self.charges = charges
        self.tariff = tariff
        self.channels = channels
    }

    /// The draft holding a type's current state.
    public init(_ type: CustomerType) {
        self.init(name: type.name, waterNature: type.waterNature, businessMode: type.businessMode,
                  meterTypes: type.meterTypes, countsConsumption: type.countsConsumption, charges: type.charges,
                  tariff: type.tariff, channels: type.channels)
    }
}

/// Changes to a customer type; nil fields stay as they are.
public struct CustomerTypeChanges: Sendable {
    public var name: String?
    public var waterNature: WaterNature?
    public var businessMode: BusinessMode?
    public var meterTypes: [String]?
    public var countsConsumption: Bool?
    public var charges: Bool?
    public var tariff: String?
    public var channels: [PaymentChannel]?

    /// No changes.
    public init() {}

    /// The type's full new state. A type that stops charging bills nothing, so it drops its tariff
    /// and its payment channels, unless the same change names them (which the rules then refuse).
    public func applied(to type: CustomerType) -> CustomerTypeDraft {
        var draft = CustomerTypeDraft(type)
        if let name { draft.name = name }
        if let waterNature { draft.waterNature = waterNature }
        if let businessMode { draft.businessMode = businessMode }
        if let meterTypes { draft.meterTypes = meterTypes }
        if let countsConsumption { draft.countsConsumption = countsConsumption }
        if let charges {
            draft.charges = charges
            if !charges {
                draft.tariff = nil
                draft.channels = []
            }
        }
        if let tariff { draft.tariff = tariff }
        if let channels { draft.channels = channels }
        return draft
    }
}
