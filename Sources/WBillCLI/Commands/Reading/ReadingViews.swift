import WaterBilling
import WBillSupport

/// How readings are shown: the columns of `reading list`, and a reading as a record.
enum ReadingViews {
    /// The columns of a reading row.
    static let columns = [
        Column("reading"), Column("at"), Column("serial"), Column("account"), Column("value"), Column("source"),
        Column("consumption"), Column("since"), Column("flags"), Column("status"),
    ]

    /// One reading as a row of `columns`: its standing consumption, the start of that consumption's
    /// span, its flags, and its status (empty, voided or corrected).
    static func row(_ entry: ReadingListEntry) -> [Cell] {
        [.integer(entry.reading.id), .text(entry.reading.at), .text(entry.reading.serial), .text(entry.accountNumber),
         .decimal(entry.reading.value.description), .text(entry.reading.source.rawValue),
         entry.consumption.map { .decimal($0.volume.description) } ?? .null, entry.consumption.map { .text($0.from) } ?? .null,
         entry.consumption.map { .text($0.flags.storedText) } ?? .null, .text(entry.status.rawValue)]
    }

    /// One reading as a record: the fields of `columns`.
    static func record(_ entry: ReadingListEntry) -> DataRecord {
        var record = DataRecord()
        for (column, cell) in zip(columns, row(entry)) { record.fields.append((column, cell)) }
        return record
    }

    /// `WM-000001 123.456 at 2026-11-23T09:30:00.000Z on account AC00000001`.
    static func described(_ entry: ReadingListEntry) -> String {
        "\(entry.reading.serial) \(entry.reading.value) at \(entry.reading.at) on account \(entry.accountNumber)"
    }

    /// `; consumption 23.456 since 2026-10-23T09:30:00.000Z (high)`, or nothing without one.
    static func consumptionText(_ entry: ReadingListEntry) -> String {
        guard let consumption = entry.consumption else { return "" }
        let flags = consumption.flags.isEmpty ? "" : " (\(consumption.flags.map(\.rawValue).joined(separator: ", ")))"
        return "; consumption \(consumption.volume) since \(consumption.from)\(flags)"
    }
}
