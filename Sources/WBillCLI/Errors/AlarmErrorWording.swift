import WaterBilling

extension AlarmError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .notFound:
            return description + "; `wbill alarm list` shows the alarms"
        case .valveCommandNotFound:
            return description + "; `wbill valve list` shows the queue"
        case .noThreshold:
            return description + " (--enabled yes|no)"
        default:
            return description
        }
    }
}
