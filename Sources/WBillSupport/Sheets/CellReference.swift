/// Cells named as a spreadsheet names them: column letters (`A`, `Z`, `AA`, … `XFD`), and places
/// such as `Sheet1!C17` or `'Meter list'!C17` (a sheet name that is not a plain word is quoted,
/// its own quotes doubled, as Excel writes it).
public enum CellReference {
    /// The most columns a sheet has (`XFD`).
    public static let maximumColumns = 16_384

    /// The letters of a 1-based column: 1 → `A`, 27 → `AA`.
    public static func letters(ofColumn column: Int) -> String {
        precondition(column >= 1, "columns count from 1")
        var number = column
        var letters: [UInt8] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(remainder))
            number = (number - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// The 1-based column of a cell reference's letters (`C17` → 3), and where its row digits
    /// start; nil when it does not start with 1 to 3 letters naming a column up to `XFD`.
    static func column(ofReference bytes: UnsafeBufferPointer<UInt8>) -> (column: Int, digitsAt: Int)? {
        var column = 0
        var index = 0
        while index < bytes.count, index < 3 {
            let byte = bytes[index] | 0x20  // lower case
            guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
            index += 1
        }
        guard index > 0, column <= maximumColumns else { return nil }
        return (column, index)
    }

    /// A sheet's name as a reference writes it: as it is when it is letters, digits, `_` and `.`
    /// (not starting with a digit), otherwise in single quotes with its quotes doubled.
    public static func quotedSheet(_ sheet: String) -> String {
        let plain = !sheet.isEmpty && sheet.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "."
        } && !("0"..."9").contains(sheet.unicodeScalars.first!)
        if plain { return sheet }
        return "'" + sheet.replacingAll("'", with: "''") + "'"
    }

    /// `Sheet1!C17` for a 1-based column, `Sheet1 row 17` without one, `Sheet1` without a row.
    public static func place(sheet: String, row: Int, column: Int?) -> String {
        guard row >= 1 else { return quotedSheet(sheet) }
        guard let column, column >= 1 else { return "\(quotedSheet(sheet)) row \(row)" }
        return "\(quotedSheet(sheet))!\(letters(ofColumn: column))\(row)"
    }
}

extension String {
    /// Every `target` replaced by `replacement` (without Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
