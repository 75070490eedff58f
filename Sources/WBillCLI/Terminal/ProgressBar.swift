#if canImport(Glibc)
import Glibc
#endif
import WaterBilling
import WBillSupport

/// A one-line progress display on stderr for long work, shown only when stderr is a terminal
/// (never in cron jobs or pipes) and not with --quiet: done/total, rate and time left.
final class ProgressBar {
    private let streams: OutputStreams
    private let label: String
    private let totalBytes: Int64?
    /// What is counted (`rows`, `accounts`).
    private let unit: String
    private let enabled: Bool
    private let started: Timestamp
    private var lastDraw: Int64 = 0

    init(streams: OutputStreams, label: String, totalBytes: Int64?, quiet: Bool, environment: [String: String],
         unit: String = "rows") {
        self.streams = streams
        self.label = label
        self.totalBytes = totalBytes.flatMap { $0 > 0 ? $0 : nil }
        self.unit = unit
        self.enabled = streams.stderrIsTerminal && !quiet && environment["TERM"] != "dumb"
        self.started = Timestamp.now()
    }

    /// Redraws with `done` of `total` things done (at most ten times a second).
    func update(rows done: Int, of total: Int) {
        draw(rows: done, fraction: total > 0 ? min(Int64(done) * 1000 / Int64(total), 1000) : nil)
    }

    /// Redraws with `rows` done and `byteOffset` reached (at most ten times a second).
    func update(rows: Int, byteOffset: Int) {
        draw(rows: rows, fraction: totalBytes.flatMap { byteOffset > 0 ? min(Int64(byteOffset) * 1000 / $0, 1000) : nil })
    }

    /// Draws `rows` done and, when known, the thousandths of the work done.
    private func draw(rows: Int, fraction: Int64?) {
        guard enabled else { return }
        let now = Timestamp.now().millisecondsSinceEpoch
        guard now - lastDraw >= 100 else { return }
        lastDraw = now
        let elapsed = max(now - started.millisecondsSinceEpoch, 1)
        let rate = Int64(rows) * 1000 / elapsed
        var line = "\(label)  \(grouped(Int64(rows))) \(unit)  \(grouped(rate)) \(unit)/s"
        if let fraction {
            let width = 24
            let filled = Int(fraction) * width / 1000
            line = "\(label)  [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                + "] \(fraction / 10)%  \(grouped(Int64(rows))) \(unit)  \(grouped(rate)) \(unit)/s"
            if fraction > 0 {
                let remaining = elapsed * (1000 - fraction) / fraction / 1000
                line += "  ETA \(remaining / 60):\(pad2(remaining % 60))"
            }
        }
        streams.err("\r\u{1B}[K" + line)
    }

    /// Clears the line.
    func finish() {
        guard enabled, lastDraw > 0 else { return }
        streams.err("\r\u{1B}[K")
    }

    private func pad2(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// 1234567 → "1,234,567".
func grouped(_ value: Int64) -> String {
    let digits = String(abs(value))
    var result = ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return value < 0 ? "-" + result : result
}
