import WaterBilling

extension TariffStoreError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .duplicateName(let name):
            return description + "; add a version with 'wbill tariff edit \(name) --file FILE --effective DATE'"
        default:
            return description
        }
    }
}

extension PricingError: CommandLineWording {
    /// A price that needs a fact about the meter or the account names, on the command line, the
    /// option that gives it to a quote (a bill takes it from the meter and the account).
    var commandLineMessage: String {
        switch self {
        case .caliberRequired:
            return description + "; a quote takes it as --caliber MM"
        case .annualVolumeRequired:
            return description + "; a quote takes it as --annual-volume VOLUME"
        default:
            return description
        }
    }
}
