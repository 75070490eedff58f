/// A tiny deterministic pseudo-random generator (SplitMix64) so generated tests are reproducible.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An `Int64` drawn from a mix of magnitudes: tiny, small, medium and full range, including the extremes.
    public mutating func mixedInt64() -> Int64 {
        switch next() % 8 {
        case 0: return Int64.random(in: -10...10, using: &self)
        case 1: return Int64.random(in: -100_000...100_000, using: &self)
        case 2: return Int64.random(in: -10_000_000_000...10_000_000_000, using: &self)
        case 3: return [Int64.max, Int64.min, Int64.max - 1, Int64.min + 1, 0, 1, -1][Int(next() % 7)]
        default: return Int64(bitPattern: next())
        }
    }
}
