/// The offset of the first byte that does not belong to well-formed UTF-8, or `nil` when all do.
///
/// Rejects what Unicode calls ill-formed: stray continuation bytes, truncated sequences, overlong
/// encodings, UTF-16 surrogates (U+D800–U+DFFF) and code points above U+10FFFF.
///
/// - Parameter bytes: The bytes to check.
/// - Returns: The offset of the lead byte of the first ill-formed sequence.
func firstInvalidUTF8Offset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = bytes.count
    var i = 0
    while i < count {
        let b0 = bytes[i]
        if b0 < 0x80 {
            i += 1
            continue
        }
        @inline(__always) func isContinuation(_ offset: Int) -> Bool {
            i + offset < count && bytes[i + offset] & 0xC0 == 0x80
        }
        switch b0 {
        case 0xC2...0xDF:
            guard isContinuation(1) else { return i }
            i += 2
        case 0xE0...0xEF:
            guard isContinuation(1), isContinuation(2) else { return i }
            let b1 = bytes[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return i }  // overlong
            if b0 == 0xED && b1 >= 0xA0 { return i }  // surrogate
            i += 3
        case 0xF0...0xF4:
            guard isContinuation(1), isContinuation(2), isContinuation(3) else { return i }
            let b1 = bytes[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return i }  // overlong
            if b0 == 0xF4 && b1 >= 0x90 { return i }  // above U+10FFFF
            i += 4
        default:
            return i  // continuation byte without a lead, C0/C1 overlong leads, F5–FF
        }
    }
    return nil
}
