import WBillSupport

/// One column's value as the chain encodes it.
public enum ChainValue: Sendable, Equatable {
    case integer(Int64)
    case text(String)
    /// Left out of the encoding: a nullable column added later does not change older rows' hashes.
    case null

    /// `text`, or `.null` for nil.
    public static func optional(_ text: String?) -> ChainValue { text.map(ChainValue.text) ?? .null }
    /// `integer`, or `.null` for nil.
    public static func optional(_ number: Int64?) -> ChainValue { number.map(ChainValue.integer) ?? .null }
}

/// A column a chained table's rows are hashed over, and the SQLite type it holds.
public struct ChainColumn: Sendable, Equatable {
    public enum Kind: Sendable { case integer, text }
    public let name: String
    public let kind: Kind

    init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// The canonical encoding of a chained row and its link to the row before it.
///
/// A row's `chain_hash` is the lower-case hex SHA-256 of the bytes:
///
///     previous row's chain_hash, 64 ASCII hex digits ("0" × 64 for the first row)
///     then, for each column of the table's list in that order whose value is not NULL:
///       the column's name in ASCII, "=",
///       "i" for an integer or "t" for a text,
///       the value's length in bytes as ASCII decimal, ":",
///       the value: an integer as ASCII decimal ("-" before a negative one, no leading zeros),
///                  a text as its UTF-8 bytes,
///       "\n" (0x0A)
///
/// Every field carries its name and length, so no two rows encode alike, and a NULL column is
/// left out, so a nullable column added later leaves the hashes of rows written before it alone.
/// The column lists are `AuditChain.auditLog` and `AuditChain.ledgerEntries`.
public enum ChainEncoding {
    /// What the first row of a chain is linked to.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of a row of `columns` holding `values` (one per column, in order) after `previous`.
    public static func link(previous: String, columns: [ChainColumn], values: [ChainValue]) -> String {
        precondition(columns.count == values.count, "one value per chained column")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(previous.utf8.count + values.reduce(0) { size, value in
            if case .text(let text) = value { return size + text.utf8.count + 32 }
            return size + 48
        })
        bytes += previous.utf8
        for (column, value) in zip(columns, values) {
            switch value {
            case .null: continue
            case .integer(let number): appendField(column.name, kind: UInt8(ascii: "i"), String(number).utf8, to: &bytes)
            case .text(let text): appendField(column.name, kind: UInt8(ascii: "t"), text.utf8, to: &bytes)
            }
        }
        return SHA256.hash(bytes).description
    }

    /// Appends one field: `NAME=KLENGTH:VALUE\n`.
    static func appendField(_ name: String, kind: UInt8, _ value: some Collection<UInt8>, to bytes: inout [UInt8]) {
        bytes += name.utf8
        bytes.append(UInt8(ascii: "="))
        bytes.append(kind)
        bytes += String(value.count).utf8
        bytes.append(UInt8(ascii: ":"))
        bytes += value
        bytes.append(0x0A)
    }
}
