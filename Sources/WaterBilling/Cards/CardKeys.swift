import WBillSupport

/// What the utility's card secret yields: its utility code, written on each of its cards, and
/// each card's security code. The secret itself never leaves this value (its description hides it).
///
/// A card's code is HMAC-SHA256(secret, "wbill/card-code/v1" ‖ card number as 4 bytes big-endian),
/// its first 3 bytes — the next 3 should they be the factory code FF FF FF, which a blank card has.
/// The utility code is the first 4 bytes of HMAC-SHA256(secret, "wbill/utility-code/v1").
public struct CardKeys: Sendable, CustomStringConvertible {
    /// The setting the secret is kept in (`Migration0009Cards` creates it).
    public static let settingKey = "card_secret"
    private let secret: [UInt8]

    /// Keys from a secret of at least 16 bytes.
    public init(secret: [UInt8]) {
        precondition(secret.count >= 16, "a card secret has at least 16 bytes")
        self.secret = secret
    }

    /// The utility's keys, from its database.
    /// - Throws: `CardError.noSecret` when the setting is missing or not 64 hex digits.
    public static func stored(in database: Database) throws -> CardKeys {
        guard let text = try UtilitySettings(database: database).value(settingKey), text.utf8.count == 64,
              let secret = Hex.parse(text) else {
            throw CardError.noSecret
        }
        return CardKeys(secret: secret)
    }

    /// The code written on this utility's cards, which tells them from another utility's.
    public var utilityCode: UInt32 {
        let digest = HMACSHA256.authenticate(Array("wbill/utility-code/v1".utf8), key: secret).bytes
        return digest.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The security code of card `number`: 3 bytes, never the factory code.
    public func securityCode(forCard number: UInt32) -> [UInt8] {
        let message = Array("wbill/card-code/v1".utf8) + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: number >> $0) }
        let digest = HMACSHA256.authenticate(message, key: secret).bytes
        let first = Array(digest[0..<3])
        return first == SLE4442Session.factoryCode ? Array(digest[3..<6]) : first
    }

    public var description: String { "CardKeys(utility code \(utilityCode), secret hidden)" }
}
