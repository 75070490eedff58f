/// A JSON document built in memory and written deterministically (object keys keep their order).
///
/// Exact decimals are written as strings by the callers that care (`"1820.00"`), so no reader
/// ever turns money into binary floating point.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// The document as compact JSON (`pretty: false`) or indented by two spaces.
    public func serialized(pretty: Bool = false) -> String {
        serialized(pretty: pretty, indent: 0)
    }

    /// The value as it is written nested `indent` levels deep in a pretty document (its inner
    /// lines indented to match), for writers that put a document together piece by piece.
    public func serialized(pretty: Bool, indent: Int) -> String {
        var output = ""
        write(into: &output, pretty: pretty, indent: indent)
        return output
    }

    private func write(into output: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .string(let value): JSONValue.writeString(value, into: &output)
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count, into: &output, pretty: pretty, indent: indent) { index, output in
                items[index].write(into: &output, pretty: pretty, indent: indent + 1)
            }
        case .object(let members):
            writeContainer(open: "{", close: "}", count: members.count, into: &output, pretty: pretty, indent: indent) { index, output in
                JSONValue.writeString(members[index].0, into: &output)
                output += pretty ? ": " : ":"
                members[index].1.write(into: &output, pretty: pretty, indent: indent + 1)
            }
        }
    }

    private func writeContainer(
        open: String, close: String, count: Int, into output: inout String, pretty: Bool, indent: Int,
        element: (Int, inout String) -> Void
    ) {
        output += open
        guard count > 0 else { output += close; return }
        for index in 0..<count {
            if index > 0 { output += "," }
            if pretty { output += "\n" + String(repeating: "  ", count: indent + 1) }
            element(index, &output)
        }
        if pretty { output += "\n" + String(repeating: "  ", count: indent) }
        output += close
    }

    /// Appends `text` as a JSON string (quoted, escaped) to `output`: what `.string(text)` writes,
    /// for a caller that writes a document of a fixed shape directly.
    public static func writeString(_ text: String, into output: inout String) {
        output += "\""
        // Most text needs no escape: appended whole (every escaped character is ASCII, so a byte scan
        // decides it); appending scalar by scalar was a sixth of a bulk registration's time.
        if !text.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
