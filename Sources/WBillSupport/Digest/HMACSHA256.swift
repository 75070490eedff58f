/// HMAC-SHA256 (RFC 2104 over FIPS 180-4): a keyed digest, so that a value derived from a secret
/// and public data (a card's security code from the utility's secret and the card number) reveals
/// nothing of the secret.
///
/// ```swift
/// HMACSHA256.authenticate(Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8)).description
/// // "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
/// ```
public enum HMACSHA256 {
    /// SHA-256's block size in bytes.
    static let blockSize = 64

    /// The HMAC of `message` under `key`.
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> SHA256Digest {
        var block = key.count > blockSize ? SHA256.hash(key).bytes : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5C })
        outer.update(inner.finalize().bytes)
        return outer.finalize()
    }
}
