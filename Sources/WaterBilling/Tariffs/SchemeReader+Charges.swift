import WBillSupport

/// Reads the charges of a tariff file that do not come from volume × rate: fixed charges (the
/// same for all, by caliber or by volume band) and minimums (the tariff's or a component's).
extension SchemeReader {
    /// `[fixed-charges.NAME]`: `per`, and `amount` and/or `by-caliber` (mm = amount), or
    /// `by-volume` (bands) with `band-volume`; `label`.
    func readFixedCharges() throws -> [FixedCharge] {
        guard let value = root["fixed-charges"] else { return [] }
        let table = try value.table("tables of fixed charges, such as [fixed-charges.service]")
        return try table.entries.map { entry in
            let charge = try entry.value.table("a table with the charge's period and amount")
            try charge.rejectUnknownKeys(allowed: ["label", "per", "amount", "by-caliber", "by-volume", "band-volume"])
            let per = try readPeriod(charge.requireValue("per"))
            let amount = try charge["amount"]?.chargeAmount(in: currency)
            var byCaliber: [(caliber: Int, amount: FixedDecimal)] = []
            if let calibers = try charge["by-caliber"]?.table("a table of calibers in mm and amounts, such as { 15 = 8.50, 20 = 12.75 }") {
                for row in calibers.entries {
                    guard let caliber = Int(row.key), DomainLimits.caliber.contains(caliber), String(caliber) == row.key else {
                        throw TOMLError(at: row.keyLocation, "\(row.value.path): expected a meter caliber in whole mm "
                                        + "from \(DomainLimits.spelled(DomainLimits.caliber)) as the key, found \"\(row.key)\"")
                    }
                    byCaliber.append((caliber, try row.value.chargeAmount(in: currency)))
                }
                byCaliber.sort { $0.caliber < $1.caliber }
            }
            let byVolume = try readBands(charge, name: entry.key)
            if byVolume != nil, let other = charge["amount"] ?? charge["by-caliber"] {
                throw other.error("a charge banded by volume takes its amounts from `by-volume`; remove `\(other.path.split(separator: ".").last!)`")
            }
            guard amount != nil || !byCaliber.isEmpty || byVolume != nil else {
                throw charge.error("missing `amount` (or `by-caliber`, or `by-volume`)")
            }
            return FixedCharge(name: entry.key, label: try charge.optionalString("label") ?? entry.key, per: per,
                               amount: amount, byCaliber: byCaliber, byVolume: byVolume)
        }
    }

    /// `by-volume`: bands `{ up-to = VOLUME, amount = AMOUNT }` in increasing order, the last
    /// without `up-to`; `band-volume` says which volume picks the band (`period`, the default, or
    /// `annual`).
    private func readBands(_ charge: TOMLTable, name: String) throws -> VolumeBands? {
        guard let value = charge["by-volume"] else {
            if let basis = charge["band-volume"] { throw basis.error("`band-volume` says which volume picks a `by-volume` band; add `by-volume`") }
            return nil
        }
        let tables = try charge.arrayOfTables("by-volume")
        guard tables.count >= 2 else {
            throw value.error("expected at least two bands, such as [{ up-to = 100, amount = 40.00 }, { amount = 75.00 }]")
        }
        var bands: [VolumeBand] = []
        var previous = Volume.zero
        for (index, band) in tables.enumerated() {
            try band.rejectUnknownKeys(allowed: ["up-to", "amount"])
            let amount = try band.requireValue("amount").chargeAmount(in: currency)
            let isLast = index == tables.count - 1
            guard let bound = band["up-to"] else {
                guard isLast else { throw band.error("missing `up-to`: only the last band is open-ended") }
                bands.append(VolumeBand(upTo: nil, amount: amount))
                continue
            }
            if isLast { throw bound.error("the last band is open-ended: remove `up-to` (volumes above the band before fall in it)") }
            let upTo = try bound.volume(in: volumeUnit)
            if upTo <= previous {
                throw bound.error("bands are out of order: expected a volume above \(previous.formattedTrimmed)"
                                  + (index == 0 ? "" : " (where fixed-charges.\(name).by-volume[\(index - 1)] ends)")
                                  + ", found \(bound.foundText)")
            }
            bands.append(VolumeBand(upTo: upTo, amount: amount))
            previous = upTo
        }
        let basis = try charge["band-volume"].map {
            VolumeBands.Basis(rawValue: try $0.choice(VolumeBands.Basis.allCases.map(\.rawValue), noun: "band volume"))!
        } ?? .period
        return VolumeBands(basis: basis, bands: bands)
    }

    /// `[minimum-charge]` or a component's `minimum`: `amount`, `per` and optional `includes`
    /// (the volume per period the amount covers).
    func readMinimum(_ value: TOMLValue) throws -> MinimumCharge {
        let table = try value.table("a table with the minimum's amount and period")
        try table.rejectUnknownKeys(allowed: ["amount", "per", "includes"])
        return MinimumCharge(amount: try table.requireValue("amount").chargeAmount(in: currency), per: try readPeriod(table.requireValue("per")),
                             includes: try table["includes"]?.volume(in: volumeUnit))
    }

    /// A charge's `per`: `daily` or a cycle.
    private func readPeriod(_ value: TOMLValue) throws -> ChargePeriod {
        ChargePeriod(spelling: try value.choice(ChargePeriod.spellings, noun: "period"))!
    }
}
