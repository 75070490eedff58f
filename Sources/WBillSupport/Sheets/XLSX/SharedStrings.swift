/// A workbook's shared strings (`xl/sharedStrings.xml`), which its cells name by index. A sheet
/// of a million rows of distinct serials and addresses has millions of them, so past a few MiB
/// they are moved to temporary files (the text, and where each string ends) read back through
/// a small cache: memory stays flat however many there are.
final class SharedStrings {
    /// How many bytes of text and ends are kept in memory before they go to files.
    static let defaultMemoryLimit = 8 << 20
    private let memoryLimit: Int

    private var text: [UInt8] = []
    private var ends: [Int] = []
    private var textFile: SpillFile?
    private var endsFile: SpillFile?
    /// The number of strings.
    private(set) var count = 0
    private var scratch: [UInt8] = []

    /// An empty table keeping up to `memoryLimit` bytes in memory.
    init(memoryLimit: Int = SharedStrings.defaultMemoryLimit) {
        self.memoryLimit = memoryLimit
    }

    /// Adds the next string.
    func append(_ string: UnsafeBufferPointer<UInt8>) throws {
        if let textFile, let endsFile {
            try textFile.append(UnsafeRawBufferPointer(string))
            var end = UInt64(textFile.size).littleEndian
            try withUnsafeBytes(of: &end) { bytes in try endsFile.append(bytes) }
        } else {
            text.append(contentsOf: string)
            ends.append(text.count)
            if text.count + ends.count * 8 > memoryLimit { try spill() }
        }
        count += 1
    }

    /// Ends the adding: what is buffered is written.
    func finish() throws {
        try textFile?.flush()
        try endsFile?.flush()
    }

    /// Calls `body` with string `index`'s bytes; nil when there is no such string.
    func withString<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) throws -> Result? {
        guard index >= 0 && index < count else { return nil }
        guard let textFile, let endsFile else {
            let start = index == 0 ? 0 : ends[index - 1]
            return text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
        }
        var bounds: (UInt64, UInt64) = (0, 0)
        try withUnsafeMutableBytes(of: &bounds) { raw in
            if index == 0 {
                try endsFile.read(at: 0, count: 8, into: raw.baseAddress! + 8)
            } else {
                try endsFile.read(at: (index - 1) * 8, count: 16, into: raw.baseAddress!)
            }
        }
        let start = Int(UInt64(littleEndian: bounds.0)), end = Int(UInt64(littleEndian: bounds.1))
        if scratch.count < end - start { scratch = [UInt8](repeating: 0, count: end - start) }
        try scratch.withUnsafeMutableBytes { raw in
            try textFile.read(at: start, count: end - start, into: raw.baseAddress!)
        }
        return scratch.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<(end - start)])) }
    }

    /// Moves what is in memory to files.
    private func spill() throws {
        let textFile = try SpillFile(purpose: "xlsx-strings")
        let endsFile = try SpillFile(purpose: "xlsx-string-ends")
        try text.withUnsafeBytes { bytes in try textFile.append(bytes) }
        for end in ends {
            var value = UInt64(end).littleEndian
            try withUnsafeBytes(of: &value) { bytes in try endsFile.append(bytes) }
        }
        text = []
        ends = []
        self.textFile = textFile
        self.endsFile = endsFile
    }
}

/// Reads `<si>` items of the shared strings part into a `SharedStrings`: the text of their `<t>`
/// (plain, or of each rich-text run `<r>`), leaving out phonetic hints (`<rPh>`), with the
/// `_xHHHH_` escapes of control characters decoded.
final class SharedStringsHandler: XMLEventHandler {
    let strings: SharedStrings
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private var current: [UInt8] = []
    /// The first error met, reported after the parse (a handler cannot throw).
    private(set) var failure: (any Error)?

    init(strings: SharedStrings) {
        self.strings = strings
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("si") {
            inItem = true
            current.removeAll(keepingCapacity: true)
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if inItem && phoneticDepth == 0 && name.is("t") {
            inText = true
        }
    }

    func endElement(_ name: XMLName) {
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

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if inText { current.append(contentsOf: text) }
    }
}
