import WBillSupport

/// Strict readers for the values of a tariff file. Each throws a `TOMLError` at the value saying
/// what was expected and what was found: `tiers[2].up-to: expected a volume in m³ above 0, found "-1"`
/// (volumes in the utility's `VolumeUnit`, named when the reader knows it).
extension TOMLValue {
    /// The value for "found …": numbers as `"4.16"`, other scalars with their kind (`a string "abc"`).
    var foundText: String {
        switch kind {
        case .integer, .decimal: return foundDescription
        case .array, .table: return kindName
        default: return "\(kindName) \(foundDescription)"
        }
    }

    /// `PATH: expected WHAT, found …`.
    func expecting(_ what: String) -> TOMLError {
        error("expected \(what), found \(foundText)")
    }

    /// The exact number, or an error saying `what` was expected.
    func number(_ what: String) throws(TOMLError) -> FixedDecimal {
        switch kind {
        case .integer(let text), .decimal(let text):
            guard let value = try? FixedDecimal(parsing: text) else { throw expecting(what) }
            return value
        default:
            throw expecting(what)
        }
    }

    /// A price of one volume unit: a number ≥ 0 with at most 6 decimals.
    func rate() throws(TOMLError) -> Rate {
        let value = try number("a number ≥ 0")
        guard !value.isNegative else { throw expecting("a number ≥ 0") }
        guard let rate = try? Rate(value) else { throw expecting("a rate with at most \(Rate.maxScale) decimals") }
        return rate
    }

    /// A volume above 0 (or ≥ 0) with at most 3 decimals, in `unit` (the message names it when given).
    func volume(allowZero: Bool = false, in unit: VolumeUnit? = nil) throws(TOMLError) -> Volume {
        let what = "a volume\(unit.map { " in \($0.symbol)" } ?? "") \(allowZero ? "≥ 0" : "above 0") with at most 3 decimals"
        let value = try number(what)
        guard value.isPositive || (allowZero && value.isZero), value.scale <= Volume.scale,
              let exact = try? value.rescaled(to: Volume.scale, rounding: .down) else { throw expecting(what) }
        return Volume(litres: exact.units)
    }

    /// The amount of a fixed charge or a minimum: ≥ 0 with at most 6 decimals, more than the
    /// currency has when a sheet states one (0.0375 a day; the line is rounded once), and at
    /// least the currency's decimals (5 is 5.00).
    func chargeAmount(in currency: Currency) throws(TOMLError) -> FixedDecimal {
        let what = "an amount ≥ 0 with at most \(Rate.maxScale) decimals"
        let value = try number(what)
        guard !value.isNegative, value.scale <= Rate.maxScale,
              let exact = try? value.rescaled(to: max(value.scale, currency.minorUnit), rounding: .down) else { throw expecting(what) }
        return exact
    }

    /// A percentage with at most 4 decimals: above 0 (or ≥ 0) and at most 100.
    func percent(allowZero: Bool = false) throws(TOMLError) -> FixedDecimal {
        let what = "a percentage \(allowZero ? "from 0" : "above 0") to 100 with at most 4 decimals"
        let value = try number(what)
        guard value.isPositive || (allowZero && value.isZero), value <= FixedDecimal(100), value.scale <= 4 else {
            throw expecting(what)
        }
        return value
    }

    /// A whole number in `range`.
    func integer(in range: ClosedRange<Int>, _ what: String) throws(TOMLError) -> Int {
        guard case .integer(let text) = kind, let number = Int(text), range.contains(number) else {
            throw expecting(what)
        }
        return number
    }

    /// A string.
    func text(_ what: String = "a string") throws(TOMLError) -> String {
        guard case .string(let text) = kind else { throw expecting(what) }
        return text
    }

    /// One of `choices`, by its exact spelling; `noun` names the thing in the message.
    func choice(_ choices: [String], noun: String) throws(TOMLError) -> String {
        guard case .string(let text) = kind else { throw expecting("a \(noun): one of " + choices.joined(separator: ", ")) }
        guard choices.contains(text) else {
            var message = "unknown \(noun) \(foundDescription)"
            if let near = closestMatch(to: text, among: choices) { message += " (did you mean \"\(near)\"?)" }
            throw error(message + "; expected one of: " + choices.joined(separator: ", "))
        }
        return text
    }

    /// A month and day as `"MM-DD"`; `maxDay` limits the day (28 where every month must have it).
    func monthDay(maxDay: Int = 31) throws(TOMLError) -> MonthDay {
        let what = maxDay < 29 ? "a month and day \"MM-DD\" with a day from 01 to \(maxDay)" : "a month and day \"MM-DD\""
        guard case .string(let text) = kind, let value = MonthDay(parsing: text), value.day <= maxDay else {
            throw expecting(what)
        }
        return value
    }

    /// The elements of an array.
    func elements(_ what: String) throws(TOMLError) -> [TOMLValue] {
        guard case .array(let elements) = kind else { throw expecting(what) }
        return elements
    }

    /// The table.
    func table(_ what: String = "a table") throws(TOMLError) -> TOMLTable {
        guard case .table(let table) = kind else { throw expecting(what) }
        return table
    }
}
