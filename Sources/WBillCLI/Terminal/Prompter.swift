#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport

/// Where prompts are written and answers read: the terminal, or a script in tests.
protocol PromptIO: AnyObject {
    /// Writes a prompt or a list (stderr on a terminal).
    func write(_ text: String)
    /// Reads one answer line without its line end; nil at end of input.
    func readLine() -> String?
}

/// Prompts on stderr, answers from stdin.
final class TerminalPromptIO: PromptIO {
    private let streams: OutputStreams

    init(streams: OutputStreams) {
        self.streams = streams
    }

    func write(_ text: String) {
        streams.err(text)
    }

    func readLine() -> String? {
        Swift.readLine(strippingNewline: true)
    }

    /// Whether a person can be asked: stdin and stderr are terminals and --quiet was not given.
    static func canPrompt(streams: OutputStreams, settings: Settings) -> Bool {
        isatty(0) == 1 && streams.stderrIsTerminal && !settings.quiet
    }
}

/// Asks questions until an answer is acceptable; input ending is a usage error (nothing written).
struct Prompter {
    let io: PromptIO

    /// Asks `question` until `accept` returns a value; `accept` returns an error text to show instead.
    func ask<T>(_ question: String, accept: (String) -> Result<T, PromptRejection>) throws -> T {
        while true {
            io.write(question)
            guard let line = io.readLine() else {
                io.write("\n")
                throw UsageError("the input ended before every question was answered; nothing was written").withoutHint()
            }
            let answer = line.trimmed
            if answer.isEmpty { continue }
            switch accept(answer) {
            case .success(let value): return value
            case .failure(let rejection): io.write("  \(rejection.reason)\n")
            }
        }
    }

    /// Lists `items` numbered from 1 and asks for one by number, by `name`, or by the start of one name.
    func choose<T>(_ question: String, items: [T], line: (T) -> String, name: (T) -> String) throws -> T {
        for (index, item) in items.enumerated() { io.write("  \(index + 1)) \(line(item))\n") }
        return try ask(question) { answer in
            if let number = Int(answer) {
                return (1...max(items.count, 1)).contains(number) && !items.isEmpty ? .success(items[number - 1])
                    : .failure(PromptRejection("choose a number from 1 to \(items.count)"))
            }
            let lower = answer.lowercased()
            if let item = items.first(where: { name($0).lowercased() == lower }) { return .success(item) }
            let starting = items.filter { name($0).lowercased().hasPrefix(lower) }
            if starting.count == 1 { return .success(starting[0]) }
            if starting.count > 1 {
                return .failure(PromptRejection("'\(answer)' starts \(starting.map(name).joined(separator: ", ")); type more of the name"))
            }
            let near = closestMatch(to: answer, among: items.map(name)).map { "; did you mean '\($0)'?" } ?? ""
            return .failure(PromptRejection("no '\(answer)' in the list\(near)"))
        }
    }
}

/// Why an answer was not accepted.
struct PromptRejection: Error {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
