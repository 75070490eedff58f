import WBillSupport

extension Cell {
    /// A typed value as the text formats show it: decimals with all their places, dates as
    /// `YYYY-MM-DD`, moments as ISO 8601 in UTC (`2026-10-31T23:59:59.000Z`), truth as yes/no.
    init(_ value: TabularValue) {
        switch value {
        case .null: self = .null
        case .text(let text): self = .text(text)
        case .integer(let number): self = .integer(number)
        case .decimal(let unscaled, let scale): self = .decimal(DecimalText.exact(unscaled, scale: scale, decimals: scale))
        case .date(let date): self = .date(date)
        case .timestamp(let moment): self = .text(moment.description)
        case .boolean(let truth): self = .bool(truth)
        }
    }
}

/// A `DataTable` (a list or a report, held whole) as typed columns and rows for the file formats:
/// each column's type is what all its cells are — whole numbers, exact decimals (the most places
/// any has), dates, yes/no — else text as long as its longest value.
struct TabularConversion {
    let columns: [TabularColumn]
    let rows: [[TabularValue]]

    init(_ table: DataTable) {
        var columns: [TabularColumn] = []
        var typedColumns: [[TabularValue]] = []
        for (index, column) in table.columns.enumerated() {
            let cells = table.rows.map { $0[index] }
            let (type, values) = Self.typed(cells)
            columns.append(TabularColumn(column.key, type, title: column.title, nullable: cells.contains(.null)))
            typedColumns.append(values)
        }
        self.columns = columns
        rows = table.rows.indices.map { row in typedColumns.map { $0[row] } }
    }

    private static func typed(_ cells: [Cell]) -> (TabularColumn.ColumnType, [TabularValue]) {
        let present = cells.filter { $0 != .null }
        if !present.isEmpty, present.allSatisfy({ if case .integer = $0 { return true } else { return false } }) {
            let values = cells.map { cell -> TabularValue in if case .integer(let n) = cell { return .integer(n) } else { return .null } }
            let digits = present.map { String($0.text.drop { $0 == "-" }).count }.max() ?? 1
            return (.integer(digits: digits), values)
        }
        if !present.isEmpty, present.allSatisfy({ if case .date = $0 { return true } else { return false } }) {
            return (.date, cells.map { cell -> TabularValue in if case .date(let d) = cell { return .date(d) } else { return .null } })
        }
        if !present.isEmpty, present.allSatisfy({ if case .bool = $0 { return true } else { return false } }) {
            return (.boolean, cells.map { cell -> TabularValue in if case .bool(let b) = cell { return .boolean(b) } else { return .null } })
        }
        if let decimal = decimalColumn(cells) { return decimal }
        let texts = cells.map { cell -> TabularValue in cell == .null ? .null : .text(cell.text) }
        let longest = cells.map { $0.text.count }.max() ?? 1
        return (.text(maximumLength: max(1, longest)), texts)
    }
}

extension TabularConversion {
    /// Cells that are all exact decimals (or whole numbers, or missing), at least one of them a
    /// decimal, as decimals with the most places any has; nil otherwise.
    private static func decimalColumn(_ cells: [Cell]) -> (TabularColumn.ColumnType, [TabularValue])? {
        var parsed: [ExactDecimal?] = []
        var anyDecimal = false
        for cell in cells {
            switch cell {
            case .null: parsed.append(nil)
            case .integer(let number): parsed.append(ExactDecimal(unscaled: number, scale: 0))
            case .decimal(let text):
                guard let decimal = ExactDecimal(text) else { return nil }
                parsed.append(decimal)
                anyDecimal = true
            default: return nil
            }
        }
        guard anyDecimal else { return nil }
        let scale = parsed.compactMap { $0?.scale }.max() ?? 0
        var values: [TabularValue] = []
        var digits = scale + 1
        for decimal in parsed {
            guard let decimal else { values.append(.null); continue }
            guard let scaled = decimal.rescaled(to: scale) else { return nil }
            values.append(.decimal(unscaled: scaled, scale: scale))
            digits = max(digits, String(scaled.magnitude).count)
        }
        return (.decimal(digits: digits, scale: scale), values)
    }
}

/// An exact decimal read from its text (`-12.345`): no exponent, no grouping, at most 18 digits.
struct ExactDecimal: Equatable {
    let unscaled: Int64
    let scale: Int

    init(unscaled: Int64, scale: Int) {
        self.unscaled = unscaled
        self.scale = scale
    }

    init?(_ text: String) {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        guard !bytes.isEmpty, bytes.count <= 19 else { return nil }
        var value: Int64 = 0
        var scale = 0
        var seenPoint = false
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            digits += 1
            if seenPoint { scale += 1 }
        }
        guard digits > 0, digits <= 18 else { return nil }
        unscaled = negative ? -value : value
        self.scale = scale
    }

    /// The same number with `scale` decimals (never fewer than it has), nil on overflow.
    func rescaled(to target: Int) -> Int64? {
        guard target >= scale else { return nil }
        var value = unscaled
        for _ in 0..<(target - scale) {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = next
        }
        return value
    }
}
