import WBillSupport

/// `ChainEncoding` for a walk over many rows: each row's encoding is built in one buffer reused row
/// after row, straight from the bytes SQLite holds (no `String` per value), and its hash comes back
/// as 64 hex digits in bytes, as `chain_hash` stores it. It gives the very bytes `ChainEncoding.link`
/// hashes (a test holds the two to it).
struct ChainRowEncoder {
    private let columns: [ChainColumn]
    /// `NAME=i` or `NAME=t` of each column.
    private let prefixes: [[UInt8]]
    private var bytes: [UInt8] = []

    init(columns: [ChainColumn]) {
        self.columns = columns
        prefixes = columns.map { Array($0.name.utf8) + [UInt8(ascii: "="), UInt8(ascii: $0.kind == .integer ? "i" : "t")] }
        bytes.reserveCapacity(1024)
    }

    /// The hash, as 64 hex digits, of the row whose `columns` are selected in order from column 0,
    /// after the row whose hash is `previous` (64 hex digits).
    mutating func hash(of row: Row, after previous: [UInt8]) -> [UInt8] {
        bytes.removeAll(keepingCapacity: true)
        bytes += previous
        for index in columns.indices {
            let position = Int32(index)
            if row.isNull(position) { continue }
            switch columns[index].kind {
            case .integer: appendInteger(row.int64(position), prefix: prefixes[index])
            case .text: row.withTextBytes(position) { append($0, prefix: prefixes[index]) }
            }
        }
        return ChainRowEncoder.hex(SHA256.hash(bytes))
    }

    private mutating func append(_ value: UnsafeBufferPointer<UInt8>, prefix: [UInt8]) {
        bytes += prefix
        appendDecimal(UInt64(value.count))
        bytes.append(UInt8(ascii: ":"))
        bytes += value
        bytes.append(0x0A)
    }

    private mutating func appendInteger(_ value: Int64, prefix: [UInt8]) {
        bytes += prefix
        let negative = value < 0
        let magnitude = value.magnitude
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 { digits += 1; rest /= 10 }
        appendDecimal(UInt64(digits + (negative ? 1 : 0)))
        bytes.append(UInt8(ascii: ":"))
        if negative { bytes.append(UInt8(ascii: "-")) }
        appendDecimal(magnitude)
        bytes.append(0x0A)
    }

    private mutating func appendDecimal(_ value: UInt64) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            bytes += buffer[(20 - count)...]
        }
    }

    /// `digest` as 64 lower-case hex digits.
    static func hex(_ digest: SHA256Digest) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest.bytes {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return text
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
