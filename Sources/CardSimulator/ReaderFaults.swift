/// Faults a trainer or a test switches on, to see how the driver copes with a real line's troubles
/// (a pseudo-terminal's large buffers never lose or garble a byte by themselves).
public struct ReaderFaults: Sendable, Equatable, CustomStringConvertible {
    /// The reader takes commands and answers none, until cleared.
    public var stalled = false
    /// Bytes the next replies lose (one each, from their middle).
    public var dropBytes = 0
    /// The next reply carries a wrong checksum.
    public var corruptNextChecksum = false
    /// Line noise is sent before the next reply.
    public var noiseBeforeNextReply = false
    /// The card is pulled out during the Nth write from now (half its bytes written), when set.
    public var pullDuringWrite: Int?
    /// The reader stalls once the Nth write from now is done, before its reply (a reader lost, or a
    /// process stopped, between a write and what follows it), when set.
    public var stallAfterWrite: Int?

    /// No fault.
    public init() {}

    public var description: String {
        var parts: [String] = []
        if stalled { parts.append("stalled") }
        if dropBytes > 0 { parts.append("dropping a byte of the next \(dropBytes) repl\(dropBytes == 1 ? "y" : "ies")") }
        if corruptNextChecksum { parts.append("next checksum corrupt") }
        if noiseBeforeNextReply { parts.append("noise before the next reply") }
        if let pull = pullDuringWrite { parts.append("card pulled during write \(pull) from now") }
        if let stall = stallAfterWrite { parts.append("stalling after write \(stall) from now") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
