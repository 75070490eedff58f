import WaterBilling
import WBillSupport

/// `--port DEV` and `--speed BPS`: which serial port the card reader is on and its speed, declared
/// the same way by every card command. The runner opens the port for rows whose requirements ask
/// for the card reader.
enum CardReaderOptions {
    /// The environment variable that names the port when `--port` is not given.
    static let portVariable = "WBILL_CARD_PORT"
    /// The environment variable that gives the speed when `--speed` is not given.
    static let speedVariable = "WBILL_CARD_SPEED"

    /// Both rows.
    static let rows: [OptionSpec] = [
        .value("port", .inputFile, placeholder: "DEV",
               help: "the card reader's serial port, e.g. /dev/ttyUSB0 (else \(portVariable))"),
        .value("speed", .choice(SerialSpeed.allCases.map(\.description)), placeholder: "BPS",
               help: "the reader's line speed (else \(speedVariable), else \(SerialSpeed.standard))"),
    ]

    /// Opens the port named by `--port` or `WBILL_CARD_PORT` at `--speed`, `WBILL_CARD_SPEED` or 9600.
    /// - Throws: `UsageError` when no port is named or the speed is not one; `SerialPortError`.
    static func openPort(_ arguments: ParsedArguments, environment: [String: String]) throws -> SerialPort {
        guard let port = arguments.value("port") ?? nonEmpty(environment[portVariable]) else {
            throw UsageError("no card reader port: give --port DEV or set \(portVariable) "
                             + "(`wbill card readers` lists the serial ports)").withoutHint()
        }
        var speed = SerialSpeed.standard
        if let text = arguments.value("speed") {
            speed = SerialSpeed(text: text) ?? speed
        } else if let text = nonEmpty(environment[speedVariable]) {
            guard let chosen = SerialSpeed(text: text.trimmed) else {
                throw UsageError("\(speedVariable): expected one of \(SerialSpeed.spelled), found '\(text)'").withoutHint()
            }
            speed = chosen
        }
        return try SerialPort.open(port, speed: speed)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmed.isEmpty else { return nil }
        return value
    }
}
