import WBillSupport

/// The fields of a meter import row as UTF-8 bytes in the CSV reader's buffer (empty for a column
/// the file lacks): a `MeterDraft` without strings, valid until the reader reads on.
struct MeterDraftBytes {
    var serial: UnsafeBufferPointer<UInt8>
    var typeName: UnsafeBufferPointer<UInt8>
    var caliber: UnsafeBufferPointer<UInt8>
    var manufacturer: UnsafeBufferPointer<UInt8>
    var model: UnsafeBufferPointer<UInt8>
    var initialReading: UnsafeBufferPointer<UInt8>
    var location: UnsafeBufferPointer<UInt8>
    var group: UnsafeBufferPointer<UInt8>
}

/// A row that passed `MeterValidator.validatedRow`: the `ValidMeter` that `validate` gives for the
/// same fields, with its text still as bytes (already as stored: normalised and trimmed).
struct ValidMeterBytes {
    let serial: UnsafeBufferPointer<UInt8>
    let typeID: Int64
    let caliber: Int
    let manufacturer: UnsafeBufferPointer<UInt8>
    let model: UnsafeBufferPointer<UInt8>
    let initialReading: Volume
    let location: UnsafeBufferPointer<UInt8>
    let groupID: Int64?

    /// The same meter with its text as strings, as `validate` returns it.
    var validMeter: ValidMeter {
        ValidMeter(serial: String(decoding: serial, as: UTF8.self), typeID: typeID, caliber: caliber,
                   manufacturer: String(decoding: manufacturer, as: UTF8.self), model: String(decoding: model, as: UTF8.self),
                   initialReading: initialReading, location: String(decoding: location, as: UTF8.self), groupID: groupID)
    }
}

extension MeterValidator {
    /// The longest free text (manufacturer, model, location) `validate` accepts, in bytes (it counts
    /// characters only beyond that many bytes).
    static let freeTextBytes = 200

    /// Checks a row as bytes, without making strings, for the rows of a file that are plainly
    /// right: the serial already as stored (A-Z, digits, `-_./`, 1 to 64 of them), names of a type
    /// and group met before or found as written, a caliber of digits (with `DN`), a reading of
    /// digits with at most 3 decimals, and free text with no control character and nothing to trim.
    ///
    /// - Returns: the meter, exactly as `validate` would give it for the same fields; or nil when
    ///   this check cannot tell — a bad row, or a good one it does not cover (a serial in lower
    ///   case, spaces around a value, a multi-line location …). Then call `validate`, which says
    ///   what is wrong or accepts the row.
    mutating func validatedRow(_ draft: MeterDraftBytes) -> ValidMeterBytes? {
        guard draft.serial.count >= 1 && draft.serial.count <= MeterSerial.maximumLength,
              draft.serial.allSatisfy({ MeterSerial.isAllowed($0) }),
              let typeIndex = meterTypeIndex(bytes: draft.typeName) else { return nil }
        let type = types[typeIndex]
        guard let caliber = Self.caliber(draft.caliber, of: type),
              let reading = Self.reading(draft.initialReading), reading.litres <= type.registerCapacityLitres,
              TextChecks.isStoredAsIs(draft.manufacturer, maximumBytes: Self.freeTextBytes),
              TextChecks.isStoredAsIs(draft.model, maximumBytes: Self.freeTextBytes),
              TextChecks.isStoredAsIs(draft.location, maximumBytes: Self.freeTextBytes) else { return nil }
        var groupID: Int64?
        if !draft.group.isEmpty {
            guard let id = group(bytes: draft.group) else { return nil }
            groupID = id
        }
        return ValidMeterBytes(serial: draft.serial, typeID: type.id, caliber: caliber, manufacturer: draft.manufacturer,
                               model: draft.model, initialReading: reading, location: draft.location, groupID: groupID)
    }

    /// The index in `types` of the type named by these bytes, remembered by them; nil when
    /// `meterType(named:)` finds none.
    private mutating func meterTypeIndex(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if let index = typesByBytes.value(for: bytes) { return index }
        guard let type = meterType(named: String(decoding: bytes, as: UTF8.self)),
              let index = types.firstIndex(where: { $0.id == type.id }) else { return nil }
        typesByBytes.remember(index, for: bytes)
        return index
    }

    /// The id of the group named by these (non-empty) bytes, remembered by them; nil when
    /// `group(named:)` finds none, or the name is blank (no group, which `validate` handles).
    private mutating func group(bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        if let id = groupsByBytes.value(for: bytes) { return Int64(id) }
        let written = String(decoding: bytes, as: UTF8.self)
        guard !written.trimmed.isEmpty, let id = group(named: written) else { return nil }
        groupsByBytes.remember(Int(id), for: bytes)
        return id
    }

    /// The caliber as `validate` reads it, when it is plainly one of the type's: empty for a type
    /// with one caliber, or 1 to 4 digits after an optional `DN` or `dn`.
    private static func caliber(_ bytes: UnsafeBufferPointer<UInt8>, of type: MeterType) -> Int? {
        if bytes.isEmpty { return type.calibers.count == 1 ? type.calibers[0] : nil }
        var digits = bytes[...]
        if digits.count > 2 && (digits.starts(with: "DN".utf8) || digits.starts(with: "dn".utf8)) {
            digits = digits.dropFirst(2)
        }
        guard digits.count <= 4, let value = decimalDigits(digits), type.calibers.contains(value) else { return nil }
        return value
    }

    /// A reading of 1 to 12 digits, then optionally `.` and 1 to 3 digits, in litres; nil for
    /// anything else (which `validate` reads, or refuses). Empty is zero.
    private static func reading(_ bytes: UnsafeBufferPointer<UInt8>) -> Volume? {
        if bytes.isEmpty { return .zero }
        let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
        let whole = bytes[..<point]
        let fraction = point == bytes.endIndex ? bytes[bytes.endIndex...] : bytes[(point + 1)...]
        guard whole.count <= 12, let metres = decimalDigits(whole) else { return nil }
        var litres = metres * 1000
        if point != bytes.endIndex {
            guard fraction.count <= 3, let decimals = decimalDigits(fraction) else { return nil }
            var scale = 1
            for _ in fraction.count..<3 { scale *= 10 }
            litres += decimals * scale
        }
        return Volume(litres: Int64(litres))
    }

    /// The value of one or more ASCII digits (few enough not to overflow), or nil.
    private static func decimalDigits(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
