import WBillSupport

extension TableFileError: CommandLineWording {
    var commandLineMessage: String { description }

    var commandLineDetails: [String] {
        switch underlying as? DBFError {
        case .textTooLong?:
            return ["pass --truncate to cut text to its field's width (dBase fields hold at most 254 bytes)"]
        case .notEncodable?:
            return ["choose an --encoding that has the character (utf-8 has them all)"]
        default:
            return []
        }
    }
}
