import WBillSupport

/// The column types the exports share, each sized from the limit the domain names for it, and
/// the readers of a stored row's values as typed values.
enum ExportColumns {
    /// Digits of a volume in thousandths: a register's most whole digits and 3 decimals, plus 3
    /// whole digits for sums beyond one register's span (a bill's).
    static let volume = TabularColumn.ColumnType.decimal(digits: DomainLimits.registerDigits.upperBound + 3 + Volume.scale,
                                                         scale: Volume.scale)
    /// Money in minor units of `currency`: 18 digits, what a 64-bit number of minor units always fits.
    static func money(_ currency: Currency) -> TabularColumn.ColumnType {
        .decimal(digits: 18, scale: currency.minorUnit)
    }
    /// A row id or a count.
    static let id = TabularColumn.ColumnType.integer(digits: 18)
    static let serial = TabularColumn.ColumnType.text(maximumLength: MeterSerial.maximumLength)
    static let accountNumber = TabularColumn.ColumnType.text(maximumLength: AccountNumbering.maximumLength)
    static let name = TabularColumn.ColumnType.text(maximumLength: DomainLimits.nameLength)
    static let freeText = TabularColumn.ColumnType.text(maximumLength: DomainLimits.freeTextLength)
    /// An operator's name: a login or `--operator` name, held to a name's length.
    static let operatorName = TabularColumn.ColumnType.text(maximumLength: DomainLimits.nameLength)
    /// A stored enumeration: as wide as its longest value.
    static func choice<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> TabularColumn.ColumnType where E.RawValue == String {
        .text(maximumLength: max(1, E.allCases.map(\.rawValue.count).max() ?? 1))
    }
}

extension Row {
    /// A stored UTC time (`2026-11-23T10:45:12.345Z`) as a typed moment; NULL as `.null`.
    func timestampValue(_ column: Int32) throws -> TabularValue {
        isNull(column) ? .null : .timestamp(try Timestamp(parsing: text(column)))
    }

    /// A stored date (`2026-11-23`); NULL as `.null`.
    func dateValue(_ column: Int32) throws -> TabularValue {
        isNull(column) ? .null : .date(try CivilDate(parsing: text(column)))
    }

    /// Stored text; NULL as `.null`.
    func textValue(_ column: Int32) -> TabularValue {
        isNull(column) ? .null : .text(text(column))
    }

    /// A stored whole number; NULL as `.null`.
    func integerValue(_ column: Int32) -> TabularValue {
        isNull(column) ? .null : .integer(int64(column))
    }

    /// A stored amount in minor units with `scale` decimals (a volume's 3, a currency's); NULL as `.null`.
    func decimalValue(_ column: Int32, scale: Int) -> TabularValue {
        isNull(column) ? .null : .decimal(unscaled: int64(column), scale: scale)
    }

    /// A stored enumeration's value, checked against `E`'s cases; NULL as `.null`.
    func choiceValue<E: RawRepresentable & CaseIterable>(_ column: Int32, as type: E.Type) throws -> TabularValue
    where E.RawValue == String {
        isNull(column) ? .null : .text(try stored(column, as: E.self).rawValue)
    }
}
