/// Powers of ten and narrowing helpers shared by the exact-number types.
enum PowersOfTen {
    /// The largest exponent `e` with `10^e` representable in `Int128`.
    static let maxExponent = 38

    /// `table[e] == 10^e` for `e` in `0...38`.
    static let table: [Int128] = {
        var powers: [Int128] = [1]
        for _ in 1...maxExponent { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// `10^exponent` as `Int128`; `exponent` must be in `0...38`.
    static func int128(_ exponent: Int) -> Int128 {
        precondition((0...maxExponent).contains(exponent), "10^\(exponent) does not fit in Int128")
        return table[exponent]
    }
}

/// Narrows an exact wide result to `Int64`, throwing `NumberError.overflow(operation)` if it does not fit.
func narrow(_ value: Int128, operation: @autoclosure () -> String) throws -> Int64 {
    guard let narrowed = Int64(exactly: value) else { throw NumberError.overflow(operation()) }
    return narrowed
}
