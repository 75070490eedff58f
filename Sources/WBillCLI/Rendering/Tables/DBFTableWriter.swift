import WBillSupport

/// A dBase III table: a field per column, named from its key (upper case, at most 10 characters,
/// made unique: `CUSTOMER_TYPE` → `CUSTOMER_T`, a second one `CUSTOMER_1`), typed — text `C`
/// as wide as the column's longest value can be in the encoding (at most 254 bytes), whole
/// numbers and exact decimals `N` with their decimals, dates `D`, yes/no `L`, moments `C` as
/// ISO 8601 text — then a record per row. Rows only: no heading.
final class DBFTableWriter: TableWriter {
    private let file: AtomicFile
    private let encoding: DBFEncoding
    private let truncatesText: Bool
    private let lastUpdate: CivilDate
    private var writer: DBFWriter?

    init(file: AtomicFile, encoding: DBFEncoding, truncatesText: Bool, lastUpdate: CivilDate) {
        self.file = file
        self.encoding = encoding
        self.truncatesText = truncatesText
        self.lastUpdate = lastUpdate
    }

    func begin(_ heading: TableHeading, columns: [TabularColumn]) throws {
        let names = Self.fieldNames(columns.map(\.key))
        let fields = zip(names, columns).map { name, column in DBFField(name, kind(column.type)) }
        writer = try DBFWriter(file: file, fields: fields, encoding: encoding, truncatesText: truncatesText, lastUpdate: lastUpdate)
    }

    func append(_ row: [TabularValue]) throws {
        try writer?.append(row.map(Self.value))
    }

    func finish() throws {
        try writer?.finish()
        try file.commit()
    }

    private func kind(_ type: TabularColumn.ColumnType) -> DBFField.Kind {
        switch type {
        case .text(let length):
            let perCharacter = encoding == .utf8 ? 3 : encoding == .gbk ? 2 : 1
            let (bytes, overflow) = max(1, length).multipliedReportingOverflow(by: perCharacter)
            return .character(width: overflow ? DBFField.maximumCharacterWidth : min(bytes, DBFField.maximumCharacterWidth))
        case .integer(let digits):
            return .numeric(width: min(max(digits, 1) + 1, DBFField.maximumNumericWidth), decimals: 0)
        case .decimal(let digits, let scale):
            let width = min(max(digits, scale + 1) + 2, DBFField.maximumNumericWidth)
            return .numeric(width: width, decimals: min(scale, width - 2))
        case .date: return .date
        case .boolean: return .logical
        case .timestamp: return .character(width: 24)
        }
    }

    static func value(_ value: TabularValue) -> DBFValue {
        switch value {
        case .null: return .null
        case .text(let text): return .text(text)
        case .integer(let number): return .decimal(unscaled: number, scale: 0)
        case .decimal(let unscaled, let scale): return .decimal(unscaled: unscaled, scale: scale)
        case .date(let date): return .date(date)
        case .timestamp(let moment): return .text(moment.description)
        case .boolean(let truth): return .logical(truth)
        }
    }

    /// Field names for `keys`: upper case, letters, digits and `_` (others become `_`), starting
    /// with a letter (else `F` is put first), at most 10 characters, unique (a clash ends in a digit or two).
    static func fieldNames(_ keys: [String]) -> [String] {
        var used = Set<String>()
        return keys.map { key in
            var name = String(key.uppercased().unicodeScalars.map { scalar -> Character in
                let value = scalar.value
                let allowed = (65...90).contains(value) || (48...57).contains(value) || value == 95
                return allowed ? Character(scalar) : "_"
            })
            if name.first.map({ !("A"..."Z").contains($0) }) ?? true { name = "F" + name }
            var candidate = String(name.prefix(DBFField.maximumNameLength))
            var counter = 1
            while used.contains(candidate) {
                let suffix = String(counter)
                candidate = String(name.prefix(DBFField.maximumNameLength - suffix.count)) + suffix
                counter += 1
            }
            used.insert(candidate)
            return candidate
        }
    }
}
