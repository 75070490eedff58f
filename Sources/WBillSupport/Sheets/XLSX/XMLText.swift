/// Text as spreadsheet XML writes it.
enum XMLText {
    /// `bytes` with the `_xHHHH_` escapes of spreadsheet XML (ECMA-376 22.9.2.19: characters XML
    /// cannot hold, such as control characters, written as their UTF-16 code in hex) decoded;
    /// `_x005F_` is a literal `_`. An escape that names no character is kept as it is.
    static func decodingEscapes(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "_"), index + 6 < bytes.count, bytes[index + 1] == UInt8(ascii: "x"),
               bytes[index + 6] == UInt8(ascii: "_"), let code = hex(bytes[(index + 2)..<(index + 6)]),
               let scalar = Unicode.Scalar(code) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                index += 7
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    private static func hex(_ digits: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for byte in digits {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value * 16 + UInt32(digit)
        }
        return value
    }
}
