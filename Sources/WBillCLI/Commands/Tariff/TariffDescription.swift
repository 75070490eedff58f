import WaterBilling

/// How `wbill tariff show` and `check` describe a tariff version to people.
enum TariffDescription {
    /// One line: `postpaid, CNY; 3 tiers per annual cycle; 3 components`.
    static func summary(_ definition: TariffDefinition) -> String {
        var parts = ["\(definition.kind.rawValue), \(definition.currency.code)"]
        switch definition.body {
        case .proportional(let shares):
            parts.append("proportional: " + shares.map { "\($0.tariff) \($0.percent.normalized()) %" }.joined(separator: ", "))
        case .priced(let scheme):
            if let cycle = scheme.tierCycle, !scheme.tiers.isEmpty {
                parts.append("\(scheme.tiers.count) tier\(scheme.tiers.count == 1 ? "" : "s"), \(cycle.rawValue)")
            } else if let cycle = scheme.tierCycle, scheme.components.contains(where: { $0.tiers != nil }) {
                parts.append("tiers per component, \(cycle.rawValue)")
            }
            parts.append("\(scheme.components.count) component\(scheme.components.count == 1 ? "" : "s")")
            if !scheme.seasons.isEmpty { parts.append("\(scheme.seasons.count) season\(scheme.seasons.count == 1 ? "" : "s")") }
            if !scheme.fixedCharges.isEmpty {
                parts.append("\(scheme.fixedCharges.count) fixed charge\(scheme.fixedCharges.count == 1 ? "" : "s")")
            }
            if scheme.proration != .calendar { parts.append("proration \(proration(scheme.proration))") }
        }
        return parts.joined(separator: "; ")
    }

    /// The record `wbill tariff show` prints for one version; volumes are named in `unit`.
    static func record(of tariff: Tariff, version: TariffVersion, store: TariffStore, unit: VolumeUnit) throws -> DataRecord {
        let definition = version.definition
        let next = tariff.versions.first { $0.effectiveFrom > version.effectiveFrom }
        var record = DataRecord()
        record.append("name", .text(tariff.name))
        record.append("kind", .text(tariff.kind.rawValue))
        record.append("currency", .text(tariff.currency.code))
        record.append("description", .text(definition.description))
        record.append("version", .integer(Int64(version.number)))
        record.append("versions", .integer(Int64(tariff.versions.count)))
        record.append("effective_from", TariffCommands.effectiveCell(version.effectiveFrom))
        record.append("effective_until", next.map { .text($0.effectiveFrom.adding(days: -1).description) } ?? .null)
        switch definition.body {
        case .proportional(let shares):
            record.append("split", .text(shares.map { "\($0.tariff) \($0.percent.normalized()) %" }.joined(separator: "\n")))
        case .priced(let scheme):
            append(scheme, unit: unit, to: &record)
        }
        let provenance = try store.provenance(of: tariff, version: version.number)
        record.append("added_at", .text(provenance.at))
        record.append("added_by", .text(provenance.by))
        record.append("source", .text(try store.source(of: tariff, version: version.number)))
        return record
    }

    private static func append(_ scheme: PricedScheme, unit: VolumeUnit, to record: inout DataRecord) {
        let symbol = unit.symbol
        func cell(_ text: String) -> Cell { text.isEmpty ? .null : .text(text) }
        let hasTiers = !scheme.tiers.isEmpty || scheme.components.contains { $0.tiers != nil }
        record.append("tier_cycle", cell(scheme.tierCycle.map { hasTiers ? $0.rawValue : "" } ?? ""))
        record.append("year_start", .text(scheme.yearStart.description))
        var lower = "0"
        record.append("tiers", cell(scheme.tiers.enumerated().map { index, tier in
            defer { lower = tier.upTo?.formattedTrimmed ?? "" }
            guard let upper = tier.upTo else { return "\(index + 1): above \(lower) \(symbol)" }
            return "\(index + 1): \(lower)-\(upper.formattedTrimmed) \(symbol)"
        }.joined(separator: "\n")))
        record.append("per_capita", cell(scheme.perCapita.map {
            "above \($0.basePersons) persons: +\($0.extraPerPerson.formattedTrimmed) \(symbol) on each threshold per extra person"
        } ?? ""))
        record.append("components", .text(scheme.components.map { component in
            var text = "\(component.name)"
            if component.label != component.name { text += " (\(component.label))" }
            text += ": \(rates(component.rates)) per \(symbol)"
            if component.share != FixedDecimal(100) { text += " on \(component.share.normalized()) %" }
            if component.basis == .sewage { text += ", sewage volume when measured" }
            if let tiers = component.tiers { text += "; own tiers " + tierBounds(tiers) }
            if let minimum = component.minimum { text += "; minimum " + describe(minimum) }
            return text
        }.joined(separator: "\n")))
        record.append("seasons", cell(scheme.seasons.map { season in
            "\(season.name) \(season.from) to \(season.to): "
                + season.rates.keys.sorted().map { "\($0) \(rates(season.rates[$0]!))" }.joined(separator: ", ")
        }.joined(separator: "\n")))
        record.append("fixed_charges", cell(scheme.fixedCharges.map { charge in
            var amounts = charge.byCaliber.map { "\($0.caliber) mm \($0.amount)" }
            if let amount = charge.amount { amounts.append(charge.byCaliber.isEmpty ? amount.description : "other \(amount)") }
            if let bands = charge.byVolume {
                var lower = "0"
                amounts = bands.bands.map { band in
                    defer { lower = band.upTo?.formattedTrimmed ?? "" }
                    return "\(band.upTo.map { "\(lower)-\($0.formattedTrimmed)" } ?? "above \(lower)") \(band.amount)"
                }
                return "\(charge.name) (\(charge.per), by \(bands.basis == .annual ? "annual" : "billed") volume): "
                    + amounts.joined(separator: ", ")
            }
            return "\(charge.name) (\(charge.per)): " + amounts.joined(separator: ", ")
        }.joined(separator: "\n")))
        record.append("minimum_charge", cell(scheme.minimumCharge.map(describe) ?? ""))
        record.append("tax", cell(scheme.tax.map { "\($0.label) \($0.percent.normalized()) %" } ?? ""))
        record.append("rounding", .text("\(scheme.rounding.rawValue), per \(scheme.roundingScope.rawValue)"))
        record.append("proration", .text(proration(scheme.proration)))
    }

    /// `calendar`, `read-cycle, within 3 days` …
    static func proration(_ convention: ProrationConvention) -> String {
        guard case .readCycle(let days) = convention else { return convention.name }
        return "\(convention.name), within \(days) day\(days == 1 ? "" : "s")"
    }

    /// `0-10 / 10-20 / above 20`.
    private static func tierBounds(_ tiers: [Tier]) -> String {
        var lower = "0"
        return tiers.map { tier in
            defer { lower = tier.upTo?.formattedTrimmed ?? "" }
            return tier.upTo.map { "\(lower)-\($0.formattedTrimmed)" } ?? "above \(lower)"
        }.joined(separator: " / ")
    }

    /// `24.10 monthly, includes 3`.
    private static func describe(_ minimum: MinimumCharge) -> String {
        "\(minimum.amount) \(minimum.per)" + (minimum.includes.map { ", includes \($0.formattedTrimmed)" } ?? "")
    }

    private static func rates(_ rates: ComponentRates) -> String {
        switch rates {
        case .flat(let rate): return rate.description
        case .tiered(let rates): return rates.map(\.description).joined(separator: " / ")
        }
    }
}
