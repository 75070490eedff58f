import WBillSupport

/// One typed value as a csv field, as bytes: exactly what `TableRenderer.csvField(Cell(value).text)`
/// is, without the strings in between.
enum CSVField {
    /// Appends `value`'s field to `bytes`.
    static func append(_ value: TabularValue, to bytes: inout [UInt8]) {
        switch value {
        case .null: break
        case .text(let text): appendText(text, to: &bytes)
        case .integer(let number): DecimalText.append(number, scale: 0, decimals: 0, to: &bytes)
        case .decimal(let unscaled, let scale): DecimalText.append(unscaled, scale: scale, decimals: scale, to: &bytes)
        case .date(let date): bytes.append(contentsOf: date.description.utf8)
        case .timestamp(let moment): bytes.append(contentsOf: moment.description.utf8)
        case .boolean(let truth): bytes.append(contentsOf: (truth ? "yes" : "no").utf8)
        }
    }

    /// Text quoted as `CSVWriter` quotes a field (a comma, a quote, a line break, a space or tab at
    /// either end, a leading byte-order mark), quotes doubled; nothing for empty text.
    static func appendText(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            guard let first = utf8.first, let last = utf8.last else { return }
            var quoted = first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
                || (utf8.count >= 3 && first == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF)
            if !quoted {
                for byte in utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                    quoted = true
                    break
                }
            }
            guard quoted else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(0x22)
            for byte in utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }
    }
}
