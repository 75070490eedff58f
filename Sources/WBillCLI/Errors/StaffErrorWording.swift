import WaterBilling

extension AccessError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .noOperator:
            return description + "; an operator who may run 'wbill operator edit' can add it with --login"
        default:
            return description
        }
    }
}
