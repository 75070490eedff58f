import WBillSupport

/// A tariff file as read: its text (stored verbatim with each version) and what it says.
public struct TariffFile: Sendable, Equatable {
    /// The path it was read from.
    public let path: String
    /// The text exactly as given.
    public let source: String
    /// What it says.
    public let definition: TariffDefinition
}

/// Reads and validates tariff files (TOML; see `man wbill-tariff` for the format).
///
/// Numbers are read from their decimal text, never through binary floating point. Every mistake
/// is reported with the file, line, column and key path of the offending value and what was
/// expected: `tariff.toml:14:9: components.water.rates[2]: expected a number ≥ 0, found "-1"`.
public enum TariffFileLoader {
    /// The top-level keys of a tariff that prices volumes itself.
    static let pricedKeys = [
        "name", "kind", "description", "currency", "minor-unit", "rounding", "rounding-per", "tier-cycle",
        "year-start", "proration", "read-cycle-tolerance", "tiers", "per-capita", "components", "seasons", "fixed-charges",
        "minimum-charge", "tax",
    ]
    /// The top-level keys of a proportional tariff.
    static let proportionalKeys = ["name", "kind", "description", "currency", "minor-unit", "split"]

    /// Reads the file at `path`; `volumeUnit`, the utility's, is named by messages about volumes.
    ///
    /// - Throws: `TariffFileError.unreadable` (missing or unreadable file), `.invalid` (located mistake).
    public static func load(path: String, volumeUnit: VolumeUnit? = nil) throws -> TariffFile {
        let bytes: [UInt8]
        do {
            bytes = try FileDescriptorIO.readWholeFile(path)
        } catch {
            throw TariffFileError.unreadable(error)
        }
        do {
            _ = try TOMLDocument.parse(bytes: bytes, file: path)  // reports bytes that are not UTF-8 at their place
        } catch {
            throw TariffFileError.invalid(error)
        }
        let source = String(decoding: bytes, as: UTF8.self)
        return TariffFile(path: path, source: source, definition: try parse(source, file: path, volumeUnit: volumeUnit))
    }

    /// Reads tariff text that came from `path` (or elsewhere; `path` names it in error messages).
    ///
    /// - Throws: `TariffFileError.invalid` at the first mistake.
    public static func file(source: String, path: String, volumeUnit: VolumeUnit? = nil) throws -> TariffFile {
        TariffFile(path: path, source: source, definition: try parse(source, file: path, volumeUnit: volumeUnit))
    }

    /// Reads tariff text; `file` names it in error messages, and `volumeUnit` in those about volumes.
    ///
    /// - Throws: `TariffFileError.invalid` at the first mistake.
    public static func parse(_ source: String, file: String, volumeUnit: VolumeUnit? = nil) throws -> TariffDefinition {
        do {
            return try read(TOMLDocument.parse(source, file: file), volumeUnit: volumeUnit)
        } catch let error as TOMLError {
            throw TariffFileError.invalid(error)
        }
    }

    private static func read(_ root: TOMLTable, volumeUnit: VolumeUnit?) throws -> TariffDefinition {
        let proportional = root["split"] != nil
        if proportional, let priced = root.entries.first(where: { !proportionalKeys.contains($0.key) && pricedKeys.contains($0.key) }) {
            throw TOMLError(at: priced.keyLocation,
                            "`\(priced.key)` cannot be used with `split`: a proportional tariff prices through the tariffs it names")
        }
        try root.rejectUnknownKeys(allowed: proportional ? proportionalKeys : pricedKeys)
        let name = try readName(root)
        let kind = TariffKind(rawValue: try root.requireValue("kind").choice(TariffKind.allCases.map(\.rawValue), noun: "tariff kind"))!
        let description = try root.optionalString("description") ?? ""
        let currency = try readCurrency(root)
        let body: TariffDefinition.Body
        if proportional {
            body = .proportional(try readSplit(root.requireValue("split"), owner: name))
        } else {
            body = .priced(try SchemeReader(root: root, currency: currency, volumeUnit: volumeUnit).read())
        }
        return TariffDefinition(name: name, kind: kind, description: description, currency: currency, body: body)
    }

    /// The tariff's name: 1 to 64 characters, no control characters, no `=` or `,` (used by `--split`),
    /// no surrounding spaces.
    private static func readName(_ root: TOMLTable) throws -> String {
        let value = try root.requireValue("name")
        let what = "a name of 1 to \(DomainLimits.tariffNameLength) characters without control characters, \"=\", \",\" or surrounding spaces"
        let name = try value.text(what)
        let bad = name.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "=" || $0 == "," }
        guard (1...DomainLimits.tariffNameLength).contains(name.count), !bad, name.first?.isWhitespace == false, name.last?.isWhitespace == false else {
            throw value.expecting(what)
        }
        return name
    }

    /// `currency` (3 capital letters) and `minor-unit` (required for a code wbill does not know).
    private static func readCurrency(_ root: TOMLTable) throws -> Currency {
        let value = try root.requireValue("currency")
        let code = try value.text("a currency code of 3 capital letters such as \"CNY\"")
        guard code.count == 3, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw value.expecting("a currency code of 3 capital letters such as \"CNY\"")
        }
        let known = Currency.lookup(code)
        guard let minorValue = root["minor-unit"] else {
            guard let known else {
                throw value.error("wbill does not know how many decimals \(code) has; add minor-unit = N (0 to 4)")
            }
            return known
        }
        let minorUnit = try minorValue.integer(in: Currency.minorUnitRange, "a number of decimals from 0 to 4")
        if let known, known.minorUnit != minorUnit {
            throw minorValue.error("\(code) has \(known.minorUnit) decimals, found \"\(minorUnit)\"")
        }
        return try Currency(code: code, minorUnit: minorUnit)
    }

    /// `[split]`: tariff name = percentage, at least two, adding up to exactly 100.
    private static func readSplit(_ value: TOMLValue, owner: String) throws -> [ProportionalShare] {
        let table = try value.table("a table of tariff names and percentages, such as { residential = 70, commercial = 30 }")
        var shares: [ProportionalShare] = []
        for entry in table.entries {
            if entry.key.lowercased() == owner.lowercased() {
                throw TOMLError(at: entry.keyLocation, "\(entry.value.path): a proportional tariff cannot split into itself")
            }
            shares.append(ProportionalShare(tariff: entry.key, percent: try entry.value.percent()))
        }
        guard shares.count >= 2 else {
            throw table.error("a proportional tariff splits the volume across at least two tariffs, found \(shares.count)")
        }
        let total = try FixedDecimal.sum(shares.map(\.percent))
        guard total == FixedDecimal(100) else {
            throw table.error("the percentages add up to \(total.normalized()), expected 100")
        }
        return shares
    }
}
