import WaterBilling
import WBillSupport

/// The simulator's control language: one command a line, answered by lines of text and a last
/// line `ok` or `error: REASON`. The same words come from standard input, from the control socket
/// and from `wbill-cardsim send`.
///
///     insert blank [FILE]   a factory-blank SLE4442 (kept in FILE, which must not exist yet)
///     insert cpu            a microprocessor card (the wrong type)
///     insert FILE           the card kept in FILE
///     remove                take the card out
///     swipe SERIAL          carry the card to meter SERIAL and back
///     use SERIAL VOLUME     draw VOLUME of water through meter SERIAL, out of its credit
///     meter SERIAL          what meter SERIAL holds
///     dump                  the card: memory, protection, tries left
///     status                the reader, the card, the line settings, the faults
///     fault stall|drop [N]|corrupt|noise|pull [N]|stall-after [N]|clear
///     help                  these lines
public final class ControlCommands {
    /// The reader it controls.
    public let reader: SimulatedReader
    /// The meter cards are swiped at.
    public let meter: MeterSide
    /// The line settings as the driver left them, for `status`.
    public var lineDescription: () -> String = { "unknown" }
    private var nextChipSerial: UInt32

    /// Controls `reader`, sending swiped cards to `meter`.
    public init(reader: SimulatedReader, meter: MeterSide, firstChipSerial: UInt32 = 1) {
        self.reader = reader
        self.meter = meter
        self.nextChipSerial = firstChipSerial
    }

    /// What the simulator answers to `line`: lines of output, then whether it went well.
    public func run(_ line: String) -> (output: [String], error: String?) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let verb = words.first else { return ([], nil) }
        do {
            return (try run(verb, Array(words.dropFirst())), nil)
        } catch let problem as ControlProblem {
            return ([], problem.reason)
        } catch {
            return ([], "\(error)")
        }
    }

    static let help = [
        "insert blank [FILE]   a factory-blank SLE4442 card (kept in FILE, which must not exist yet)",
        "insert cpu            a microprocessor card (the wrong type)",
        "insert FILE           the card kept in FILE",
        "remove                take the card out",
        "swipe SERIAL          carry the card to meter SERIAL and back",
        "use SERIAL VOLUME     draw VOLUME of water through meter SERIAL, out of its credit",
        "meter SERIAL          what meter SERIAL holds",
        "dump                  the card: memory, protection, tries left",
        "status                the reader, the card, the line settings, the faults",
        "fault stall           answer nothing until 'fault clear'",
        "fault drop [N]        drop a byte from each of the next N replies (1)",
        "fault corrupt         a wrong checksum on the next reply",
        "fault noise           line noise before the next reply",
        "fault pull [N]        pull the card out during the Nth write from now (1), half written",
        "fault stall-after [N] stall once the Nth write from now (1) is done, before its reply",
        "fault clear           no faults",
    ]

    private func run(_ verb: String, _ arguments: [String]) throws -> [String] {
        switch verb {
        case "insert": return try insert(arguments)
        case "remove":
            try expect(arguments, count: 0, usage: "remove")
            guard reader.card != nil else { throw ControlProblem("no card in the reader") }
            reader.remove()
            return ["card removed"]
        case "swipe":
            try expect(arguments, count: 1, usage: "swipe SERIAL")
            guard let card = reader.card else { throw ControlProblem("no card in the reader to swipe") }
            return try refusalsAsProblems {
                let (changed, report) = try meter.swipe(card, atMeter: arguments[0])
                reader.update(changed)
                return [report]
            }
        case "use":
            try expect(arguments, count: 2, usage: "use SERIAL VOLUME")
            let volume: Volume
            do {
                volume = try Volume(parsing: arguments[1])
            } catch {
                throw ControlProblem("expected a volume such as 1.5 (at most 3 decimals), found '\(arguments[1])'")
            }
            return [try refusalsAsProblems { try meter.use(volume, atMeter: arguments[0]) }]
        case "meter":
            try expect(arguments, count: 1, usage: "meter SERIAL")
            return try refusalsAsProblems { try meter.describe(arguments[0]) }
        case "dump":
            try expect(arguments, count: 0, usage: "dump")
            guard let card = reader.card else { throw ControlProblem("no card in the reader") }
            return dump(card)
        case "status":
            try expect(arguments, count: 0, usage: "status")
            return status()
        case "fault": return try fault(arguments)
        case "help": return ControlCommands.help
        default: throw ControlProblem("unknown command '\(verb)'; 'help' lists the commands")
        }
    }

    private func insert(_ arguments: [String]) throws -> [String] {
        guard reader.card == nil else { throw ControlProblem("a card is already in the reader; remove it first") }
        switch (arguments.first, arguments.count) {
        case ("blank"?, 1), ("blank"?, 2):
            let card = SimulatedCard.blank(chipSerial: nextChipSerial)
            nextChipSerial &+= 1
            let path = arguments.count == 2 ? arguments[1] : nil
            if let path {
                guard !FileSystem.exists(path) else { throw ControlProblem("\(path) exists already; insert it with 'insert \(path)'") }
                try CardImage.save(card, to: path)
            }
            reader.insert(card, keptIn: path)
            return ["blank card inserted" + (path.map { ", kept in \($0)" } ?? "")]
        case ("cpu"?, 1):
            reader.insert(.microprocessor, keptIn: nil)
            return ["microprocessor card inserted"]
        case (let path?, 1):
            reader.insert(try CardImage.load(path), keptIn: path)
            return ["card \(path) inserted"]
        default:
            throw ControlProblem("usage: insert blank [FILE] | insert cpu | insert FILE")
        }
    }

    private func fault(_ arguments: [String]) throws -> [String] {
        func count() throws -> Int {
            guard arguments.count <= 2 else { throw ControlProblem("usage: fault \(arguments[0]) [N]") }
            guard arguments.count == 2 else { return 1 }
            guard let value = Int(arguments[1]), value >= 1 else { throw ControlProblem("expected a count of 1 or more, found '\(arguments[1])'") }
            return value
        }
        switch arguments.first {
        case "stall"?: reader.faults.stalled = true
        case "drop"?: reader.faults.dropBytes = try count()
        case "corrupt"?: reader.faults.corruptNextChecksum = true
        case "noise"?: reader.faults.noiseBeforeNextReply = true
        case "pull"?: reader.faults.pullDuringWrite = try count()
        case "stall-after"?: reader.faults.stallAfterWrite = try count()
        case "clear"?: reader.faults = ReaderFaults()
        default: throw ControlProblem("usage: fault stall|drop [N]|corrupt|noise|pull [N]|stall-after [N]|clear")
        }
        return ["faults: \(reader.faults)"]
    }

    private func dump(_ card: SimulatedCard) -> [String] {
        var lines = ["type \(card.kind.rawValue), \(card.triesLeft) of 3 code tries left"
                     + (card.code == SLE4442Session.factoryCode ? ", factory code" : ", code changed")
                     + (card.isUnlocked ? ", unlocked" : "")]
        let protected = (0..<32).filter { card.writable & (1 << UInt32($0)) == 0 }
        lines.append("protected bytes: " + (protected.isEmpty ? "none" : protected.map(String.init).joined(separator: " ")))
        for row in stride(from: 0, to: SimulatedCard.size, by: 16) {
            lines.append("\(Hex.byte(UInt8(row))): \(Hex.bytes(card.memory[row..<(row + 16)]))")
        }
        return lines
    }

    private func status() -> [String] {
        let card: String
        if let inserted = reader.card {
            card = "\(inserted.kind.rawValue) card in" + (reader.imagePath.map { " (\($0))" } ?? "")
                + (reader.isPowered ? ", powered" : "") + ", \(inserted.triesLeft) of 3 tries left"
        } else {
            card = "no card"
        }
        return ["card: \(card)", "line: \(lineDescription())", "faults: \(reader.faults)"]
    }

    private func refusalsAsProblems<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let refusal as MeterSideRefusal {
            throw ControlProblem(refusal.reason)
        }
    }

    private func expect(_ arguments: [String], count: Int, usage: String) throws {
        guard arguments.count == count else { throw ControlProblem("usage: \(usage)") }
    }
}

/// A control command that cannot be done.
struct ControlProblem: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
