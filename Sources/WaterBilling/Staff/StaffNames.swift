import WBillSupport

/// The names of departments, roles and operators, their logins and phones: what each accepts.
public enum StaffNames {
    /// An operator's, role's or department's name: printable characters (no control characters, no
    /// bidirectional overrides), trimmed, 1 to 64 of them.
    public static let nameLength: ClosedRange<Int> = 1...64
    /// A phone number's length.
    public static let phoneLength: ClosedRange<Int> = 1...32
    /// The longest Unix login name accepted.
    public static let loginLength: ClosedRange<Int> = 1...32

    /// What a name is expected to be, for messages.
    public static var expectedName: String { "\(DomainLimits.spelled(nameLength)) printable characters" }

    /// `name` trimmed, when it is a valid name.
    /// - Throws: `CatalogueError.invalid` naming `field`.
    public static func name(_ name: String, field: String) throws -> String {
        let trimmed = name.trimmed
        guard nameLength.contains(trimmed.count), !TextChecks.hasControlCharacters(trimmed) else {
            throw CatalogueError.invalid(field: field, value: name, expected: expectedName)
        }
        return trimmed
    }

    /// Whether `name` is acceptable as an operator's name (`--operator` is checked against it).
    public static func isValidName(_ name: String) -> Bool {
        let trimmed = name.trimmed
        return nameLength.contains(trimmed.count) && !TextChecks.hasControlCharacters(trimmed)
    }

    /// A Unix login name: a lower-case letter or `_`, then letters, digits, `_`, `-` or `.`, up to 32
    /// (a trailing `$` for machine accounts).
    /// - Throws: `CatalogueError.invalid`.
    public static func login(_ login: String) throws -> String {
        let bytes = Array(login.utf8)
        func isStart(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || byte == 0x5F }
        func isBody(_ byte: UInt8) -> Bool {
            isStart(byte) || (0x30...0x39).contains(byte) || byte == 0x2D || byte == 0x2E || (0x41...0x5A).contains(byte)
        }
        let body = bytes.last == 0x24 ? bytes.dropLast() : bytes[...]
        guard loginLength.contains(bytes.count), let first = body.first, isStart(first), body.allSatisfy(isBody) else {
            throw CatalogueError.invalid(field: "login", value: login,
                                         expected: "a Unix login name: a lower-case letter or '_', then letters, digits, '_', '-' or '.', at most 32")
        }
        return login
    }

    /// A phone number: printable, 1 to 32 characters.
    /// - Throws: `CatalogueError.invalid`.
    public static func phone(_ phone: String) throws -> String {
        let trimmed = phone.trimmed
        guard phoneLength.contains(trimmed.count), !TextChecks.hasControlCharacters(trimmed) else {
            throw CatalogueError.invalid(field: "phone", value: phone,
                                         expected: "\(DomainLimits.spelled(phoneLength)) printable characters")
        }
        return trimmed
    }
}
