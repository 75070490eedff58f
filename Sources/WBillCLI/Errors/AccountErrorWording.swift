import WaterBilling

extension AccountError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .notFound:
            return description + "; find it with `wbill customer list --search TEXT`"
        case .cardMeter(let number):
            return description + "; its history is in `wbill account transactions \(number)`"
        case .notPostpaid(let number, _):
            return description + "; `wbill account recharge \(number) --amount AMOUNT --channel CHANNEL` pays money in"
        case .aboveTransactionLimit:
            return description + "; the limit is set with `wbill init --max-transaction AMOUNT`"
        default:
            return description
        }
    }
}
