import WBillSupport

/// A person or an organisation that holds accounts.
public struct Customer: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let idNumber: String?
    public let taxNumber: String?
    public let phone: String?
    public let address: String?
    /// The contact person (organisations).
    public let contact: String?
    public let email: String?
    /// Household size (residential: per-capita tiers use it).
    public let persons: Int?
    public let createdAt: String
    public let createdBy: String

    /// The value of `field` as text, nil when not set.
    public func value(of field: CustomerField) -> String? {
        switch field {
        case .name: return name
        case .idNumber: return idNumber
        case .taxNumber: return taxNumber
        case .phone: return phone
        case .address: return address
        case .contact: return contact
        case .email: return email
        case .persons: return persons.map(String.init)
        }
    }
}

/// One item of a customer's basic information; its raw value names it (a front end's option, say),
/// and its column (`_` for `-`) names it in files and records.
public enum CustomerField: String, Sendable, CaseIterable {
    case name
    case idNumber = "id-number"
    case taxNumber = "tax-number"
    case phone
    case address
    case contact
    case email
    case persons

    /// The column in tables, CSV files and JSON: `id_number`.
    public var column: String { String(rawValue.map { $0 == "-" ? "_" : $0 }) }

    /// How a prompt names it.
    public var label: String {
        switch self {
        case .name: return "name"
        case .idNumber: return "ID document number"
        case .taxNumber: return "tax number"
        case .phone: return "phone"
        case .address: return "address"
        case .contact: return "contact person"
        case .email: return "e-mail"
        case .persons: return "household size (persons)"
        }
    }
}

/// Basic information as given (by a person, a prompt or a CSV row), before validation.
public struct CustomerDraft: Sendable, Equatable {
    /// The values given; a field not given is absent (an empty text counts as not given).
    public var values: [CustomerField: String]

    /// A draft.
    public init(_ values: [CustomerField: String] = [:]) {
        self.values = values
    }

    /// The value of `field` if given and not blank.
    public func value(_ field: CustomerField) -> String? {
        guard let value = values[field], !value.trimmed.isEmpty else { return nil }
        return value
    }
}

/// Basic information that passed validation, normalised.
public struct ValidCustomer: Sendable, Equatable {
    public let values: [CustomerField: String]

    /// The value of `field`, nil when not set.
    public func value(_ field: CustomerField) -> String? { values[field] }
}

/// One field of a customer's basic information that is not acceptable.
public struct CustomerFieldProblem: Error, Sendable, Equatable {
    public let field: CustomerField
    public let value: String
    public let reason: String

    /// Creates a problem.
    public init(field: CustomerField, value: String, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }
}

/// The outcome of checking basic information.
public enum CustomerCheck: Sendable, Equatable {
    /// Every field is acceptable.
    case valid(ValidCustomer)
    /// Every problem found.
    case invalid([CustomerFieldProblem])
}
