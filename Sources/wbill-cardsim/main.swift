#if canImport(Glibc)
import Glibc
#endif
import CardSimulator
import WBillSupport

// wbill-cardsim: an ACR30-style serial card reader with an SLE4442 card, on a pseudo-terminal.
// See man/wbill-cardsim.1.

let usage = """
    usage: wbill-cardsim [--control SOCKET] [--link PATH] [--speed BPS] [--card FILE] [--meters DIR] [--quiet]
           wbill-cardsim send SOCKET COMMAND...
           wbill-cardsim --help

    Emulates a serial card reader with an SLE4442 memory card on a new pseudo-terminal and
    prints the terminal's path (the port to give wbill: --port or WBILL_CARD_PORT) on the
    first line of standard output. Control commands come from standard input and from the
    control socket, one a line; 'help' lists them, and 'wbill-cardsim send SOCKET COMMAND...'
    sends one and prints the answer (exit 0 when it went well, 1 when not).

      --control SOCKET  listen for control commands on this Unix socket
      --link PATH       also make PATH a symbolic link to the terminal (removed on exit)
      --speed BPS       the reader's line speed (\(SerialSpeed.standard)); one of \(SerialSpeed.spelled)
      --card FILE       start with the card kept in FILE inserted
      --meters DIR      keep each simulated meter's state in DIR/SERIAL.meter (created if
                        missing), so it outlives the simulator; without it, in memory only
      --quiet           do not log each command frame on standard error

    """

nonisolated(unsafe) var stopRequested: sig_atomic_t = 0

func fail(_ message: String, status: Int32 = 64) -> Never {
    FileHandleText.error("wbill-cardsim: \(message)\n")
    exit(status)
}

/// Writes to the standard streams without buffering surprises.
enum FileHandleText {
    static func out(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
    }

    static func error(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--help" || arguments.first == "-h" {
    FileHandleText.out(usage)
    exit(0)
}
if arguments.first == "send" {
    guard arguments.count >= 3 else { fail("usage: wbill-cardsim send SOCKET COMMAND...") }
    do {
        var lines = try Simulator.send(arguments[2...].joined(separator: " "), to: arguments[1])
        let last = lines.popLast() ?? "error: no answer"
        FileHandleText.out(lines.map { $0 + "\n" }.joined())
        if last != "ok" {
            FileHandleText.error("wbill-cardsim: \(last.hasPrefix("error: ") ? String(last.dropFirst(7)) : last)\n")
            exit(1)
        }
        exit(0)
    } catch {
        fail("\(error)", status: 69)
    }
}

var socketPath: String?
var linkPath: String?
var speed = SerialSpeed.standard
var cardPath: String?
var quiet = false
var metersDirectory: String?
while let option = arguments.first {
    arguments.removeFirst()
    func value() -> String {
        guard let value = arguments.first else { fail("\(option) needs a value\n\n" + usage) }
        arguments.removeFirst()
        return value
    }
    switch option {
    case "--control": socketPath = value()
    case "--link": linkPath = value()
    case "--speed":
        let text = value()
        guard let chosen = SerialSpeed(text: text) else { fail("invalid value '\(text)' for --speed: expected one of \(SerialSpeed.spelled)") }
        speed = chosen
    case "--card": cardPath = value()
    case "--meters": metersDirectory = value()
    case "--quiet": quiet = true
    default: fail("unknown option '\(option)'\n\n" + usage)
    }
}

let reader = SimulatedReader()
let meters: SimulatedMeter
do {
    meters = try SimulatedMeter(directory: metersDirectory)
} catch {
    fail("\(error)", status: 73)
}
let control = ControlCommands(reader: reader, meter: meters, firstChipSerial: UInt32(truncatingIfNeeded: getpid()) << 8)
if let cardPath {
    do {
        reader.insert(try CardImage.load(cardPath), keptIn: cardPath)
    } catch {
        fail("\(error)", status: 66)
    }
}
let simulator: Simulator
do {
    simulator = try Simulator(speed: speed, control: control, socketPath: socketPath, readsStandardInput: true) { line in
        if !quiet { FileHandleText.error("wbill-cardsim: \(line)\n") }
    }
} catch {
    fail("\(error)", status: 69)
}
if let linkPath {
    unlink(linkPath)
    guard symlink(simulator.terminal.devicePath, linkPath) == 0 else { fail("cannot link \(linkPath): \(FileSystem.errorText(errno))", status: 73) }
}

for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in stopRequested = 1 }
    sigaction(signalNumber, &action, nil)
}
signal(SIGPIPE, SIG_IGN)
// Started in the background from a terminal (`wbill-cardsim … &`), reading standard input would stop
// the simulator (SIGTTIN); ignored, the read fails instead and standard input is no longer read.
signal(SIGTTIN, SIG_IGN)

FileHandleText.out(simulator.terminal.devicePath + "\n")
simulator.run { stopRequested != 0 }
if let linkPath { unlink(linkPath) }
exit(0)
