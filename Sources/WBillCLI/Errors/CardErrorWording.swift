import WaterBilling
import WBillSupport

extension SerialPortError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .cannotOpen, .notASerialPort:
            return description + "; `wbill card readers` lists the serial ports"
        case .busy:
            return description + "; try again when it has finished"
        default:
            return description
        }
    }
}

extension CardError: CommandLineWording {
    var commandLineMessage: String {
        switch self {
        case .noSecret: return description + " (`wbill db migrate`)"
        case .severalMeters: return description + " with --meter SERIAL"
        case .purchaseStopped:
            return description + "; with the card in the reader, `wbill card recover` finishes it (--roll-back takes it back)"
        case .cardHoldsPurchase: return description + " (`wbill card recover` without --roll-back)"
        default: return description
        }
    }
}
