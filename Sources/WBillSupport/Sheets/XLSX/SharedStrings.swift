/// A workbook's shared strings (`xl/sharedStrings.xml`), which its cells name by index. A sheet
/// of a million rows of distinct serials and addresses has millions of them, so past a few MiB
/// they are moved to temporary files (the text, and where each string ends) read back through
/// a small cache: memory stays flat however many there are.
final class SharedStrings {
    /// How many bytes of text and ends are kept in memory before they go to files.
    static let defaultMemoryLimit = 8 << 20
    private let memoryLimit: Int

    @exclusivity(unchecked) private var text: [UInt8] = []
    @exclusivity(unchecked) private var ends: [Int] = []
    @exclusivity(unchecked) private var spilled: Spilled?
    /// The number of strings.
    @exclusivity(unchecked) private(set) var count = 0

    /// The strings once in files: the text, and where each string ends (8 bytes each).
    private final class Spilled {
        let text: SpillFile
        let ends: SpillFile
        @exclusivity(unchecked) var scratch: [UInt8] = []

        init() throws {
            text = try SpillFile(purpose: "xlsx-strings")
            ends = try SpillFile(purpose: "xlsx-string-ends")
        }

        func append(_ string: UnsafeRawBufferPointer) throws {
            try text.append(string)
            var end = UInt64(text.size).littleEndian
            try withUnsafeBytes(of: &end) { try ends.append($0) }
        }

        func withString<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) throws -> Result {
            var bounds: (UInt64, UInt64) = (0, 0)
            try withUnsafeMutableBytes(of: &bounds) { raw in
                if index == 0 {
                    try ends.read(at: 0, count: 8, into: raw.baseAddress! + 8)
                } else {
                    try ends.read(at: (index - 1) * 8, count: 16, into: raw.baseAddress!)
                }
            }
            let start = Int(UInt64(littleEndian: bounds.0)), length = Int(UInt64(littleEndian: bounds.1)) - start
            if scratch.count < length { scratch = [UInt8](repeating: 0, count: length) }
            return try scratch.withUnsafeMutableBufferPointer { buffer in
                try text.read(at: start, count: length, into: buffer.baseAddress!)
                return body(UnsafeBufferPointer(rebasing: buffer[0..<length]))
            }
        }
    }

    /// An empty table keeping up to `memoryLimit` bytes in memory.
    init(memoryLimit: Int = SharedStrings.defaultMemoryLimit) {
        self.memoryLimit = memoryLimit
    }

    /// Adds the next string.
    func append(_ string: UnsafeBufferPointer<UInt8>) throws {
        if let spilled {
            try spilled.append(UnsafeRawBufferPointer(string))
        } else {
            text.append(contentsOf: string)
            ends.append(text.count)
            if text.count + ends.count * 8 > memoryLimit { try spill() }
        }
        count += 1
    }

    /// Ends the adding: what is buffered is written.
    func finish() throws {
        try spilled?.text.flush()
        try spilled?.ends.flush()
    }

    /// Calls `body` with string `index`'s bytes; nil when there is no such string.
    func withString<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) throws -> Result? {
        guard index >= 0 && index < count else { return nil }
        if let spilled { return try spilled.withString(index, body) }
        let start = index == 0 ? 0 : ends[index - 1]
        return text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
    }

    /// Moves what is in memory to files.
    private func spill() throws {
        let spilled = try Spilled()
        try text.withUnsafeBytes { try spilled.text.append($0) }
        for end in ends {
            var value = UInt64(end).littleEndian
            try withUnsafeBytes(of: &value) { try spilled.ends.append($0) }
        }
        text = []
        ends = []
        self.spilled = spilled
    }
}

/// Reads `<si>` items of the shared strings part into a `SharedStrings`: the text of their `<t>`
/// (plain, or of each rich-text run `<r>`), leaving out phonetic hints (`<rPh>`), with the
/// `_xHHHH_` escapes of control characters decoded.
final class SharedStringsHandler: XMLEventHandler {
    let strings: SharedStrings
    @exclusivity(unchecked) private var inItem = false
    @exclusivity(unchecked) private var inText = false
    @exclusivity(unchecked) private var phoneticDepth = 0
    @exclusivity(unchecked) private var current: [UInt8] = []
    /// The first error met, reported after the parse (a handler cannot throw).
    private(set) var failure: (any Error)?

    init(strings: SharedStrings) {
        self.strings = strings
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("si") {
            inItem = true
            current.removeAll(keepingCapacity: true)
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if inItem && phoneticDepth == 0 && name.is("t") {
            inText = true
        }
    }

    override func endElement(_ name: XMLName) {
        if name.is("si") {
            inItem = false
            guard failure == nil else { return }
            do {
                try XMLText.decodingEscapes(current).withUnsafeBufferPointer { bytes in
                    try strings.append(bytes)
                }
            } catch {
                failure = error
            }
        } else if name.is("rPh") {
            phoneticDepth -= 1
        } else if name.is("t") {
            inText = false
        }
    }

    override func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if inText { current.append(contentsOf: text) }
    }
}
