/// Writes a dBase III table (`.dbf`) record by record into an `AtomicFile`: the header (version 3,
/// date of last update, record count, header and record lengths, language driver, one 32-byte
/// descriptor per field, 0x0D), then each record (a space for "not deleted", then every field at its
/// width), then the end-of-file marker 0x1A. The record count is written into the header by
/// `finish()`, so rows stream through with flat memory.
///
/// Values are written exactly: `C` text left-aligned and space-padded in the chosen encoding (an
/// over-long text is refused, or cut at a character boundary when `truncatesText`), `N` numbers
/// right-aligned with exactly the field's decimals (more decimals than the field has are refused:
/// rounding is the caller's stated decision), `D` as `YYYYMMDD`, `L` as `T`/`F`/`?`; `null` is spaces.
public final class DBFWriter {
    /// The fields, in order.
    public let fields: [DBFField]
    public let encoding: DBFEncoding
    /// Whether text longer than its field is cut to fit instead of refused.
    public let truncatesText: Bool
    /// Records written so far.
    public private(set) var recordCount = 0

    private let file: AtomicFile
    private let encoder: DBFTextEncoder
    private let recordLength: Int
    private var buffer: [UInt8] = []
    private static let bufferLimit = 1 << 16

    /// Starts the table in `file` by writing its header.
    /// - Parameters:
    ///   - lastUpdate: the header's date of last update (the day the report was made).
    /// - Throws: `DBFError` for fields dBase III cannot hold, or a write failure.
    public init(file: AtomicFile, fields: [DBFField], encoding: DBFEncoding, truncatesText: Bool = false,
                lastUpdate: CivilDate) throws(DBFError) {
        var names = Set<String>()
        for field in fields {
            try field.validate()
            guard names.insert(field.name).inserted else { throw .duplicateFieldName(field.name) }
        }
        let recordLength = 1 + fields.reduce(0) { $0 + $1.width }
        let headerLength = 32 + 32 * fields.count + 1
        guard !fields.isEmpty, fields.count <= 255, recordLength <= Int(UInt16.max), headerLength <= Int(UInt16.max) else {
            throw .badFieldCount(fields.count)
        }
        guard let encoder = DBFTextEncoder(encoding) else {
            throw .write(FileWriteError(path: file.path, reason: "this system cannot encode \(encoding.rawValue)", creating: false))
        }
        self.file = file
        self.fields = fields
        self.encoding = encoding
        self.truncatesText = truncatesText
        self.encoder = encoder
        self.recordLength = recordLength

        let (year, month, day) = lastUpdate.components
        var header: [UInt8] = [0x03, UInt8(clamping: max(0, year - 1900)), UInt8(month), UInt8(day)]
        header += Self.littleEndian(UInt32(0))
        header += Self.littleEndian(UInt16(headerLength))
        header += Self.littleEndian(UInt16(recordLength))
        header += [UInt8](repeating: 0, count: 17)   // reserved, transaction, encryption, multi-user, MDX flag
        header += [encoding.languageDriver, 0, 0]
        for field in fields {
            var descriptor = [UInt8](repeating: 0, count: 32)
            for (index, byte) in field.name.utf8.enumerated() { descriptor[index] = byte }
            descriptor[11] = field.typeLetter
            descriptor[16] = UInt8(field.width)
            descriptor[17] = UInt8(field.decimals)
            header += descriptor
        }
        header.append(0x0D)
        buffer.reserveCapacity(Self.bufferLimit + recordLength)
        buffer += header
    }

    /// Appends one record, a value per field in order.
    /// - Throws: `DBFError` naming the record and field of a value that cannot be written; nothing of
    ///   the record is written then.
    public func append(_ values: [DBFValue]) throws(DBFError) {
        let record = recordCount + 1
        guard values.count == fields.count else { throw .wrongValueCount(record: record, expected: fields.count, got: values.count) }
        guard recordCount < Int(UInt32.max) else { throw .tooManyRecords }
        let start = buffer.count
        buffer.append(0x20)
        do throws(DBFError) {
            for (field, value) in zip(fields, values) {
                try encode(value, as: field, record: record)
            }
        } catch {
            buffer.removeSubrange(start...)
            throw error
        }
        recordCount += 1
        if buffer.count >= Self.bufferLimit { try flush() }
    }

    /// Writes the end-of-file marker and the record count. The caller then commits the file.
    /// - Throws: `DBFError.write`.
    public func finish() throws(DBFError) {
        buffer.append(0x1A)
        try flush()
        do {
            try file.overwrite(at: 4, Self.littleEndian(UInt32(recordCount)))
        } catch {
            throw .write(error)
        }
    }

    private func flush() throws(DBFError) {
        guard !buffer.isEmpty else { return }
        var failure: FileWriteError?
        buffer.withUnsafeBytes { bytes in
            do throws(FileWriteError) { try file.write(bytes) } catch { failure = error }
        }
        if let failure { throw .write(failure) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func encode(_ value: DBFValue, as field: DBFField, record: Int) throws(DBFError) {
        switch (field.kind, value) {
        case (_, .null):
            buffer.append(contentsOf: repeatElement(field.kind == .logical ? UInt8(ascii: "?") : 0x20, count: field.width))
        case (.character(let width), .text(let text)) where encoding == .utf8 && text.utf8.count <= width:
            // UTF-8 text that fits: its bytes as they are, with no copy in between.
            buffer.append(contentsOf: text.utf8)
            buffer.append(contentsOf: repeatElement(0x20, count: width - text.utf8.count))
        case (.character(let width), .text(let text)):
            guard var bytes = encoder.encode(text) else {
                throw .notEncodable(record: record, field: field.name, text: text, encoding: encoding.rawValue)
            }
            if bytes.count > width {
                guard truncatesText, let cut = encoder.encodePrefix(text, width: width) else {
                    throw .textTooLong(record: record, field: field.name, bytes: bytes.count, width: width)
                }
                bytes = cut
            }
            buffer += bytes
            buffer.append(contentsOf: repeatElement(0x20, count: width - bytes.count))
        case (.numeric(let width, let decimals), .decimal(let unscaled, let scale)):
            guard scale <= decimals, scale >= 0 else {
                throw .tooManyDecimals(record: record, field: field.name, scale: scale, decimals: decimals)
            }
            let length = DecimalText.length(unscaled, scale: scale, decimals: decimals)
            guard length <= width else {
                throw .numberTooWide(record: record, field: field.name, text: DecimalText.exact(unscaled, scale: scale, decimals: decimals),
                                     width: width)
            }
            buffer.append(contentsOf: repeatElement(0x20, count: width - length))
            DecimalText.append(unscaled, scale: scale, decimals: decimals, to: &buffer)
        case (.date, .date(let date)):
            let (year, month, day) = date.components
            guard (1...9999).contains(year) else { throw .dateOutOfRange(record: record, field: field.name, date: date.description) }
            Self.appendDigits(year, 4, to: &buffer)
            Self.appendDigits(month, 2, to: &buffer)
            Self.appendDigits(day, 2, to: &buffer)
        case (.logical, .logical(let truth)):
            buffer.append(truth ? UInt8(ascii: "T") : UInt8(ascii: "F"))
        case (.character, _):
            throw .wrongValueKind(record: record, field: field.name, expected: "text")
        case (.numeric, _):
            throw .wrongValueKind(record: record, field: field.name, expected: "a decimal number")
        case (.date, _):
            throw .wrongValueKind(record: record, field: field.name, expected: "a date")
        case (.logical, _):
            throw .wrongValueKind(record: record, field: field.name, expected: "true or false")
        }
    }

    /// `value` (0 or more) in exactly `count` digits, zeros first.
    private static func appendDigits(_ value: Int, _ count: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        for _ in 0..<count {
            bytes.append(0x30 + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    private static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
