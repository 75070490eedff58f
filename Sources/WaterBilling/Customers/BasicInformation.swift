import WBillSupport

/// Which basic information a customer needs, by the water nature of the customer type (rule 6),
/// and how each field is checked.
///
/// | nature | required |
/// | --- | --- |
/// | residential | name, ID number, phone, address, household size |
/// | commercial, industrial | name, tax number, contact person, phone, address |
/// | special, public | name, contact person, phone, address |
/// | statistical | name, address |
///
/// Other fields may always be given; they are checked the same way.
public enum BasicInformation {
    /// The fields a customer of `nature` must have, in the order a prompt asks for them.
    public static func required(for nature: WaterNature) -> [CustomerField] {
        switch nature {
        case .residential: return [.name, .idNumber, .phone, .address, .persons]
        case .commercial, .industrial: return [.name, .taxNumber, .contact, .phone, .address]
        case .special, .public: return [.name, .contact, .phone, .address]
        case .statistical: return [.name, .address]
        }
    }

    /// The required fields `draft` lacks for `nature`.
    public static func missing(in draft: CustomerDraft, for nature: WaterNature) -> [CustomerField] {
        required(for: nature).filter { draft.value($0) == nil }
    }

    /// Checks every field given and that the required ones are there.
    /// - Returns: the normalised information, or every problem found.
    public static func validate(_ draft: CustomerDraft, for nature: WaterNature) -> CustomerCheck {
        var problems = missing(in: draft, for: nature).map {
            CustomerFieldProblem(field: $0, value: "", reason: "required for \(nature.rawValue) customers")
        }
        var values: [CustomerField: String] = [:]
        for field in CustomerField.allCases {
            guard let given = draft.value(field) else { continue }
            switch check(given, as: field) {
            case .success(let value): values[field] = value
            case .failure(let problem): problems.append(problem)
            }
        }
        return problems.isEmpty ? .valid(ValidCustomer(values: values)) : .invalid(problems)
    }

    /// Checks and normalises one field's value.
    public static func check(_ text: String, as field: CustomerField) -> Result<String, CustomerFieldProblem> {
        let value = text.trimmed
        func problem(_ reason: String) -> Result<String, CustomerFieldProblem> {
            .failure(CustomerFieldProblem(field: field, value: text, reason: reason))
        }
        func printable(_ limit: Int) -> Bool {
            !value.isEmpty && value.count <= limit && !TextChecks.hasControlCharacters(value)
        }
        switch field {
        case .name, .contact:
            return printable(DomainLimits.nameLength) ? .success(value)
                : problem("1 to \(DomainLimits.nameLength) printable characters")
        case .address:
            return printable(DomainLimits.freeTextLength) ? .success(value)
                : problem("1 to \(DomainLimits.freeTextLength) printable characters")
        case .idNumber, .taxNumber:
            let upper = value.uppercased()
            let allowed = upper.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D }
            return allowed && (4...DomainLimits.identityNumberLength).contains(upper.count) ? .success(upper) : problem("4 to \(DomainLimits.identityNumberLength) letters, digits or '-'")
        case .phone:
            let allowed = value.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || " +-()".utf8.contains($0) }
            let digits = value.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.count
            return allowed && digits >= 3 && value.count <= DomainLimits.phoneLength ? .success(value)
                : problem("a phone number: digits, spaces and + - ( ), at least 3 digits")
        case .email:
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
                && !parts[1].hasSuffix(".") && printable(DomainLimits.freeTextLength) && !value.contains(" ")
            return valid ? .success(value) : problem("an e-mail address such as name@example.com")
        case .persons:
            guard let count = Int(value), DomainLimits.persons.contains(count) else {
                return problem("a whole number of persons, \(DomainLimits.spelled(DomainLimits.persons))")
            }
            return .success(String(count))
        }
    }
}
