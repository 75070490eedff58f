import WBillSupport

/// Why a catalogue change (meter types, customer types, meters, groups) was refused.
public enum CatalogueError: ClassifiedError, Equatable {
    /// No such entity; `suggestion` is the nearest existing name.
    case notFound(entity: String, name: String, suggestion: String?)
    /// The name (or serial) is taken.
    case alreadyExists(entity: String, name: String)
    /// The entity is still used by others and cannot be changed or deleted.
    case inUse(entity: String, name: String, usedBy: String)
    /// A value is not acceptable.
    case invalid(field: String, value: String, expected: String)

    /// There is no customer type to choose from.
    case noCustomerTypes
    /// Accounts use the customer type, which fixes it (`deleting`: the change was a delete).
    case customerTypeBound(name: String, accounts: Int, deleting: Bool)
    /// A customer type was given no meter type.
    case meterTypeRequired(mode: BusinessMode)
    /// A meter type whose payment model the customer type's business mode does not take.
    case meterTypePaymentModel(meterType: String, paymentModel: PaymentModel, mode: BusinessMode)
    /// A customer type that charges was given no tariff.
    case tariffRequired(mode: BusinessMode)
    /// A customer type that charges was given no payment channel.
    case channelRequired
    /// A tariff of another kind than the customer type's business mode needs.
    case tariffKindMismatch(tariff: String, kind: String, mode: BusinessMode)
    /// A customer type that does not charge was given a tariff or payment channels.
    case freeTypeTakesNoTariffOrChannels
    /// No in-stock meter is of a meter type the customer type allows.
    case noEligibleMeters(customerType: String, meterTypes: [String])

    /// A meter's type, caliber or initial reading changed while it is not in stock.
    case meterNotInStock(serial: String, state: MeterState)
    /// An edit that moves a meter to or from another state than in-stock and faulty.
    case meterStateNotEditable(serial: String, state: MeterState)
    /// A meter retired while installed (on `account`, when it is known).
    case meterInstalled(serial: String, account: String?)
    /// A meter retired twice.
    case meterAlreadyRemoved(serial: String)
    /// Changes to a meter type that its meters fix (`fields`: what the change touched).
    case meterTypeLocked(name: String, meters: Int, fields: [String])
    /// A payment-model change of a meter type that customer types use.
    case paymentModelInUse(meterType: String, paymentModel: PaymentModel, customerTypes: [String])
    /// A meter taken out of a group it is not in.
    case meterNotInGroup(serial: String, group: String)
    /// A meter group deleted while it has meters, without leaving them ungrouped.
    case meterGroupNotEmpty(name: String, meters: Int)

    public var failureKind: FailureKind {
        switch self {
        case .invalid: return .badInput
        default: return .refused
        }
    }

    public var description: String {
        switch self {
        case .notFound(let entity, let name, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "no \(entity) named '\(EchoedText.quoted(name))'\(hint)"
        case .alreadyExists(let entity, let name):
            return "a \(entity) named '\(name)' already exists"
        case .inUse(let entity, let name, let usedBy):
            return "\(entity) '\(name)' is in use by \(usedBy)"
        case .invalid(let field, let value, let expected):
            return "invalid \(field) '\(EchoedText.quoted(value))': expected \(expected)"
        case .noCustomerTypes:
            return "there are no customer types yet"
        case .customerTypeBound(let name, let accounts, let deleting):
            return "customer type '\(name)' is bound to \(counted(accounts, "account")) and can no longer be \(deleting ? "deleted" : "modified")"
        case .meterTypeRequired(let mode):
            return "a customer type needs at least one meter type; business mode \(mode.rawValue) takes \(mode.requiredPaymentModel.rawValue) meter types"
        case .meterTypePaymentModel(let meterType, let paymentModel, let mode):
            let modes = BusinessMode.allCases.filter { $0.requiredPaymentModel == paymentModel }.map(\.rawValue)
            let required = mode.requiredPaymentModel.rawValue
            return "meter type '\(meterType)' is \(paymentModel.rawValue), but business mode \(mode.rawValue) needs \(required) meter types; choose a \(required) meter type, or business mode \(modes.joined(separator: " or ")) for this one"
        case .tariffRequired(let mode):
            return "a customer type that charges needs a tariff of kind \(mode.requiredTariffKind)"
        case .channelRequired:
            return "a customer type that charges needs at least one payment channel (one of \(CatalogueError.channelNames))"
        case .tariffKindMismatch(let tariff, let kind, let mode):
            return "tariff '\(tariff)' is a \(kind) tariff, but business mode \(mode.rawValue) needs a \(mode.requiredTariffKind) tariff"
        case .freeTypeTakesNoTariffOrChannels:
            return "a customer type that does not charge bills nothing, so it takes no tariff and no payment channels"
        case .noEligibleMeters(let customerType, let meterTypes):
            return "no meter in stock is of a type customer type '\(customerType)' allows (\(meterTypes.joined(separator: ", ")))"
        case .meterNotInStock(let serial, let state):
            return "meter \(serial) is \(state.rawValue); its type, caliber and initial reading can change only while it is in stock"
        case .meterStateNotEditable(let serial, let state):
            return "meter \(serial) is \(state.rawValue); an edit moves a meter only between in-stock and faulty"
        case .meterInstalled(let serial, let account):
            return "meter \(serial) is installed\(account.map { " on account \($0)" } ?? "")"
        case .meterAlreadyRemoved(let serial):
            return "meter \(serial) is already removed"
        case .meterTypeLocked(let name, let meters, let fields):
            return "meter type '\(name)' has \(counted(meters, "meter")); its \(fields.joined(separator: ", ")) can no longer change"
        case .paymentModelInUse(let meterType, let paymentModel, let customerTypes):
            return "meter type '\(meterType)' is used by customer type(s) \(customerTypes.map { "'\($0)'" }.joined(separator: ", ")), whose business mode needs payment model \(paymentModel.rawValue); its payment model cannot change"
        case .meterNotInGroup(let serial, let group):
            return "meter \(serial) is not in group '\(group)'"
        case .meterGroupNotEmpty(let name, let meters):
            return "meter group '\(name)' has \(counted(meters, "meter"))"
        }
    }
}

extension CatalogueError {
    /// Every payment channel, as a list for messages.
    static var channelNames: String { PaymentChannel.allCases.map(\.rawValue).joined(separator: ", ") }
}

/// "1 meter", "3 meters".
func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
}
