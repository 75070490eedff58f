import WBillSupport

/// Reads the pricing part of a tariff file: rounding, proration, tiers, per-capita rule,
/// components, seasons, fixed charges and minimums (`SchemeReader+Charges`) and tax.
struct SchemeReader {
    let root: TOMLTable
    let currency: Currency
    /// The utility's volume unit, which messages name; `nil` when not known (no database).
    var volumeUnit: VolumeUnit? = nil

    /// The rounding rules a tariff may choose.
    static let roundingRules: [RoundingRule] = [.halfUp, .halfEven, .down]

    func read() throws -> PricedScheme {
        let rounding = try root["rounding"].map {
            RoundingRule(rawValue: try $0.choice(Self.roundingRules.map(\.rawValue), noun: "rounding rule"))!
        } ?? .halfUp
        let scope = try root["rounding-per"].map {
            RoundingScope(rawValue: try $0.choice(RoundingScope.allCases.map(\.rawValue), noun: "rounding scope"))!
        } ?? .line
        let yearStart = try root["year-start"]?.monthDay(maxDay: 28) ?? .newYear
        let proration = try readProration()
        let tiers = try readTiers(root.arrayOfTables("tiers"), path: "tiers")
        let components = try readComponents(tierCount: tiers.count)
        let hasTiers = !tiers.isEmpty || components.contains { $0.tiers != nil }
        var cycle: TariffCycle?
        if let value = root["tier-cycle"] {
            cycle = TariffCycle(rawValue: try value.choice(TariffCycle.allCases.map(\.rawValue), noun: "tier cycle"))!
        } else if hasTiers {
            throw TOMLError(at: root.location, "missing required key `tier-cycle` at the top level: tiers need a cycle "
                            + "(one of: " + TariffCycle.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        let perCapita = try readPerCapita(hasTiers: hasTiers)
        return PricedScheme(
            tierCycle: cycle, yearStart: yearStart, tiers: tiers, perCapita: perCapita, components: components,
            seasons: try readSeasons(components: components, tierCount: tiers.count),
            fixedCharges: try readFixedCharges(), minimumCharge: try root["minimum-charge"].map(readMinimum),
            tax: try readTax(), rounding: rounding, roundingScope: scope, proration: proration)
    }

    /// `proration` (default `calendar`) and, with `read-cycle`, `read-cycle-tolerance` in days.
    private func readProration() throws -> ProrationConvention {
        let name = try root["proration"].map { try $0.choice(ProrationConvention.names, noun: "proration convention") } ?? "calendar"
        let tolerance = root["read-cycle-tolerance"]
        if let tolerance, name != "read-cycle" {
            throw tolerance.error("a tolerance applies only to proration = \"read-cycle\" (this tariff's proration is \"\(name)\")")
        }
        switch name {
        case "read-cycle":
            let range = ProrationConvention.toleranceRange
            return .readCycle(toleranceDays: try tolerance?.integer(in: range, "a number of days from \(range.lowerBound) to \(range.upperBound)")
                              ?? ProrationConvention.defaultTolerance)
        case "days-365": return .days365
        case "days-in-year": return .daysInYear
        default: return .calendar
        }
    }

    /// A tier table (`[[tiers]]`, or a component's `tiers`) at `path`: each `up-to` above the
    /// previous one, the last open-ended; an optional `from` must be where the previous tier ends
    /// (0 for the first).
    func readTiers(_ tables: [TOMLTable], path: String) throws -> [Tier] {
        var tiers: [Tier] = []
        var previousEnd = Volume.zero
        for (index, table) in tables.enumerated() {
            try table.rejectUnknownKeys(allowed: ["from", "up-to"])
            let isLast = index == tables.count - 1
            let previous = index == 0 ? "0" : "\(previousEnd.formattedTrimmed) (where \(path)[\(index - 1)] ends)"
            if let value = table["from"] {
                let from = try value.volume(allowZero: true, in: volumeUnit)
                if from < previousEnd {
                    throw value.error("overlaps the tier before: expected \(previous), found \(value.foundText)")
                }
                if from > previousEnd {
                    throw value.error("leaves a gap after the tier before: expected \(previous), found \(value.foundText) "
                                      + "(a tier starts where the previous one ends: 181–260\(volumeUnit.map { " \($0.symbol)" } ?? "") as published is from = 180, up-to = 260)")
                }
            }
            guard let value = table["up-to"] else {
                guard isLast else { throw table.error("missing `up-to`: only the last tier is open-ended") }
                tiers.append(Tier(upTo: nil))
                continue
            }
            if isLast {
                throw value.error("the last tier is open-ended: remove `up-to` (volumes above the tier before fall in it)")
            }
            let upTo = try value.volume(in: volumeUnit)
            if upTo < previousEnd {
                throw value.error("tiers are out of order: expected a volume above \(previous), found \(value.foundText)")
            }
            if upTo == previousEnd {
                throw value.error("the tier would be empty: expected a volume above \(previous), found \(value.foundText)")
            }
            tiers.append(Tier(upTo: upTo))
            previousEnd = upTo
        }
        return tiers
    }

    private func readPerCapita(hasTiers: Bool) throws -> PerCapitaRule? {
        guard let value = root["per-capita"] else { return nil }
        let table = try value.table()
        try table.rejectUnknownKeys(allowed: ["base-persons", "extra-per-person"])
        guard hasTiers else { throw table.error("per-capita widening raises tier thresholds, but there are no [[tiers]]") }
        return PerCapitaRule(
            basePersons: try table.requireValue("base-persons").integer(in: DomainLimits.persons, "a number of persons from \(DomainLimits.spelled(DomainLimits.persons))"),
            extraPerPerson: try table.requireValue("extra-per-person").volume(in: volumeUnit))
    }

    /// `[components.NAME]`: `rate` or `rates` (one per tier), optional `label`, `share`, `basis`,
    /// its own `tiers` and its own `minimum`.
    private func readComponents(tierCount sharedTierCount: Int) throws -> [TariffComponent] {
        guard let value = root["components"] else {
            throw TOMLError(at: root.location, "missing required key `components` at the top level: "
                            + "a tariff needs at least one [components.NAME] table (or a [split] to be proportional)")
        }
        let table = try value.table("tables of components, such as [components.water]")
        guard !table.isEmpty else { throw table.error("a tariff needs at least one component, such as [components.water]") }
        return try table.entries.map { entry in
            let component = try entry.value.table("a table with the component's rate, such as [components.\(entry.key)]")
            try component.rejectUnknownKeys(allowed: ["label", "rate", "rates", "share", "basis", "tiers", "minimum"])
            let ownTiers = try component["tiers"].map { value -> [Tier] in
                let tables = try component.arrayOfTables("tiers")
                guard !tables.isEmpty else { throw value.error("expected at least one tier, such as [{ up-to = 10 }, {}]") }
                return try readTiers(tables, path: "components.\(entry.key).tiers")
            }
            let tierCount = ownTiers?.count ?? sharedTierCount
            if ownTiers != nil, component["rates"] == nil, let value = component["tiers"] {
                throw value.error("a component's own tiers need `rates`, one per tier (a single `rate` would not use them)")
            }
            let rates: ComponentRates
            switch (component["rate"], component["rates"]) {
            case (.some, .some(let both)):
                throw both.error("give either `rate` (the same for every tier) or `rates` (one per tier), not both")
            case (.some(let rate), nil):
                rates = .flat(try rate.rate())
            case (nil, .some(let list)):
                rates = try tieredRates(list, tierCount: tierCount)
            case (nil, nil):
                throw component.error("missing `rate` (or `rates`, one per tier)")
            }
            let basis = try component["basis"].map {
                VolumeBasis(rawValue: try $0.choice(VolumeBasis.allCases.map(\.rawValue), noun: "volume basis"))!
            } ?? .water
            return TariffComponent(name: entry.key, label: try component.optionalString("label") ?? entry.key, rates: rates,
                                   share: try component["share"]?.percent() ?? FixedDecimal(100), basis: basis,
                                   tiers: ownTiers, minimum: try component["minimum"].map(readMinimum))
        }
    }

    /// A number (flat) or an array with one rate per tier.
    private func rates(_ value: TOMLValue, tierCount: Int) throws -> ComponentRates {
        if case .array = value.kind { return try tieredRates(value, tierCount: tierCount) }
        return .flat(try value.rate())
    }

    private func tieredRates(_ value: TOMLValue, tierCount: Int) throws -> ComponentRates {
        let elements = try value.elements("an array with one rate per tier, such as [4.16, 5.60, 9.70]")
        guard tierCount > 0 else { throw value.error("per-tier rates need [[tiers]]; for one rate use `rate = …`") }
        guard elements.count == tierCount else {
            throw value.error("expected \(tierCount) rates (one per tier), found \(elements.count)")
        }
        return .tiered(try elements.map { try $0.rate() })
    }

    /// `[seasons.NAME]`: `from` and `to` as "MM-DD" (both included; may wrap the new year) and
    /// `rates`, replacing some components' rates (one per tier of the component's tiers). Seasons
    /// must not overlap.
    private func readSeasons(components: [TariffComponent], tierCount: Int) throws -> [Season] {
        guard let value = root["seasons"] else { return [] }
        let table = try value.table("tables of seasons, such as [seasons.summer]")
        var seasons: [(season: Season, at: TOMLValue)] = []
        for entry in table.entries {
            let season = try entry.value.table("a table with the season's from, to and rates")
            try season.rejectUnknownKeys(allowed: ["from", "to", "rates"])
            let fromValue = try season.requireValue("from")
            let from = try fromValue.monthDay()
            let to = try season.requireValue("to").monthDay()
            let ratesTable = try season.requireValue("rates").table("a table of component rates, such as { water = 3.50 }")
            try ratesTable.rejectUnknownKeys(allowed: components.map(\.name))
            var rates: [String: ComponentRates] = [:]
            for rate in ratesTable.entries {
                let component = components.first { $0.name == rate.key }
                rates[rate.key] = try self.rates(rate.value, tierCount: component?.tiers?.count ?? tierCount)
            }
            let next = Season(name: entry.key, from: from, to: to, rates: rates)
            for earlier in seasons {
                if let day = Self.firstSharedDay(earlier.season, next) {
                    throw fromValue.error("season `\(next.name)` overlaps season `\(earlier.season.name)` "
                                          + "(\(earlier.season.from) to \(earlier.season.to)) on \(day); seasons must not overlap")
                }
            }
            seasons.append((next, fromValue))
        }
        return seasons.map(\.season)
    }

    /// The first day of the year (from `b.from` on) that both seasons cover.
    static func firstSharedDay(_ a: Season, _ b: Season) -> MonthDay? {
        var day = CivilDate(year: 2000, month: b.from.month, day: b.from.day)!
        for _ in 0..<366 {
            let monthDay = MonthDay(of: day)
            if a.contains(monthDay) && b.contains(monthDay) { return monthDay }
            day = day.adding(days: 1)
        }
        return nil
    }

    private func readTax() throws -> TaxRule? {
        guard let value = root["tax"] else { return nil }
        let table = try value.table("a table with the tax's label and percent")
        try table.rejectUnknownKeys(allowed: ["label", "percent"])
        return TaxRule(label: try table.optionalString("label") ?? "tax",
                       percent: try table.requireValue("percent").percent(allowZero: true))
    }
}
