/// The ranges the domain accepts, each named once: validation, its messages, the tariff reader and
/// the command-line help quote these. The schema's CHECK constraints, written once in their
/// migrations, say the same (a test compares them).
public enum DomainLimits {
    /// A household's size: the persons living at a residential address (per-capita tiers use it).
    public static let persons: ClosedRange<Int> = 1...999
    /// A meter's nominal diameter in mm (DN15 is 15).
    public static let caliber: ClosedRange<Int> = 1...3000
    /// The digits of whole volume units on a meter's register (a 5-digit register rolls over after
    /// 99999 units: m³, CCF, kgal or gal, as the utility bills).
    public static let registerDigits: ClosedRange<Int> = 3...12
    /// The default register width of a new meter type.
    public static let defaultRegisterDigits = 5
    /// The longest name, in characters: a customer's or a contact's, a catalogue entry's (meter
    /// type, meter group, customer type).
    public static let nameLength = 100
    /// The longest free text, in characters: an address, an e-mail address, a meter's manufacturer,
    /// model and location.
    public static let freeTextLength = 200
    /// The longest ID or tax number, in characters.
    public static let identityNumberLength = 32
    /// The longest phone number, in characters.
    public static let phoneLength = 32
    /// The longest tariff name, in characters.
    public static let tariffNameLength = 64
    /// The longest reference of a movement of money (a receipt number, a gateway's id), in characters.
    public static let referenceLength = 64
    /// The longest reason given for a correction (an adjustment, a void, a cancellation), in characters.
    public static let reasonLength = 200

    /// "1 to 999": a range as messages and help spell it.
    public static func spelled(_ range: ClosedRange<Int>) -> String {
        "\(range.lowerBound) to \(range.upperBound)"
    }
}
