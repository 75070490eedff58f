import WBillSupport

/// One typed value as a csv field, as bytes: exactly what `TableRenderer.csvField(Cell(value).text)`
/// is, without the strings in between.
enum CSVField {
    /// Appends `value`'s field to `bytes`.
    static func append(_ value: TabularValue, to bytes: inout [UInt8]) {
        switch value {
        case .null: break
        case .text(let text): CSVWriter.appendField(text, to: &bytes)
        case .integer(let number): DecimalText.append(number, scale: 0, decimals: 0, to: &bytes)
        case .decimal(let unscaled, let scale): DecimalText.append(unscaled, scale: scale, decimals: scale, to: &bytes)
        case .date(let date): bytes.append(contentsOf: date.description.utf8)
        case .timestamp(let moment): bytes.append(contentsOf: moment.description.utf8)
        case .boolean(let truth): bytes.append(contentsOf: (truth ? "yes" : "no").utf8)
        }
    }
}
