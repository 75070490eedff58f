import WBillSupport

/// A consumption that a tariff cannot price as asked; nothing is charged.
public enum PricingError: ClassifiedError, Equatable {
    /// The span starts before the tariff's first version.
    case noVersion(tariff: String, date: CivilDate, firstEffective: CivilDate)
    /// A negative consumption.
    case negativeVolume(Volume)
    /// A fixed charge is by caliber and no caliber was given.
    case caliberRequired(tariff: String, charge: String, calibers: [Int])
    /// A fixed charge has no amount for the meter's caliber.
    case noChargeForCaliber(tariff: String, charge: String, caliber: Int, calibers: [Int])
    /// A fixed charge is banded by the account's annual volume and none was given.
    case annualVolumeRequired(tariff: String, charge: String)
    /// A proportional split whose percentages do not add up to 100.
    case sharesNotHundred(total: FixedDecimal)
    /// A proportional part priced by another proportional tariff.
    case nestedProportional(tariff: String, part: String)
    /// The tariff's currency is not the utility's.
    case currencyMismatch(tariff: String, tariffCurrency: Currency, utility: Currency)
    /// The same tariff twice in one split.
    case duplicatePart(String)

    public var failureKind: FailureKind { .refused }

    public var description: String {
        switch self {
        case let .noVersion(tariff, date, first):
            return "tariff '\(tariff)' has no version in effect on \(date); its first version starts \(first)"
        case let .negativeVolume(volume):
            return "cannot price a negative volume (\(volume.formattedTrimmed))"
        case let .caliberRequired(tariff, charge, calibers):
            return "tariff '\(tariff)' charges '\(charge)' by meter caliber; give the caliber (one of "
                + calibers.map(String.init).joined(separator: ", ") + " mm)"
        case let .noChargeForCaliber(tariff, charge, caliber, calibers):
            return "tariff '\(tariff)' has no '\(charge)' charge for a \(caliber) mm meter (it has "
                + calibers.map(String.init).joined(separator: ", ") + " mm)"
        case let .annualVolumeRequired(tariff, charge):
            return "tariff '\(tariff)' picks its '\(charge)' charge by the account's annual volume; give the annual volume"
        case let .sharesNotHundred(total):
            return "the split's percentages add up to \(total.normalized()), expected 100"
        case let .nestedProportional(tariff, part):
            return "tariff '\(part)' in the split of '\(tariff)' is itself proportional; a split names tariffs that price volumes"
        case let .currencyMismatch(tariff, tariffCurrency, utility):
            return "tariff '\(tariff)' is in \(tariffCurrency.code) but this utility keeps money in \(utility.code)"
                + (tariffCurrency.code == utility.code
                   ? " with \(utility.minorUnit) decimals (the tariff says \(tariffCurrency.minorUnit))" : "")
        case let .duplicatePart(name):
            return "tariff '\(name)' appears twice in the split"
        }
    }
}
