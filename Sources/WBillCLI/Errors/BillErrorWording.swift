import WaterBilling

extension BillError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .notFound:
            return description + "; `wbill bill list` shows the bills"
        case .alreadyCancelled:
            return description + "; `wbill bill rebill` prices it again"
        case .alreadyReplaced(_, let by):
            return description + "; `wbill bill show \(by)` shows it"
        case .runInProgress:
            return description + "; try again when it has finished"
        case .accountsNotBilled:
            return description + ":"
        case .notRebilled(_, _, .noReading):
            return description + "; record the reading (`wbill reading add`) or estimate it (`wbill reading estimate`) first"
        default:
            return description
        }
    }
}
