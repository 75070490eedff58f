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
