/// Splits an integer total into parts proportional to weights, the parts always adding up to the total.
///
/// Rule (largest-remainder / Hamilton method), applied to the magnitude of the total and then
/// given the total's sign, so a negative total splits as the mirror image of the positive one:
/// 1. each part first gets `floor(|total| · weight / sum of weights)`;
/// 2. the units still missing (fewer than the number of parts) go one each to the parts with the
///    largest dropped remainders; equal remainders favour the earlier part.
///
/// A zero weight always gets zero. Every part differs from its exact share by less than one unit.
enum LargestRemainder {
    /// Apportions `total` by `weights`.
    ///
    /// - Throws: `NumberError.invalidWeights` if `weights` is empty, holds a negative weight or is all zeros.
    static func split(_ total: Int64, byWeights weights: [Int64]) throws -> [Int64] {
        guard !weights.isEmpty else { throw NumberError.invalidWeights("no weights given") }
        if let bad = weights.firstIndex(where: { $0 < 0 }) {
            throw NumberError.invalidWeights("weight \(weights[bad]) at position \(bad + 1) is negative")
        }
        let weightSum = weights.reduce(Int128(0)) { $0 + Int128($1) }  // < count · 2^63: exact
        guard weightSum > 0 else { throw NumberError.invalidWeights("all weights are zero") }

        let magnitude = Int128(total.magnitude)  // <= 2^63
        var parts: [Int128] = []
        var remainders: [Int128] = []
        parts.reserveCapacity(weights.count)
        remainders.reserveCapacity(weights.count)
        for weight in weights {
            let share = magnitude * Int128(weight)  // <= 2^126: exact
            parts.append(share / weightSum)
            remainders.append(share % weightSum)
        }
        var missing = magnitude - parts.reduce(0, +)
        let order = weights.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order where missing > 0 {
            parts[index] += 1
            missing -= 1
        }
        // Each part is at most |total| <= 2^63, so the signed part always fits in Int64.
        return parts.map { Int64(total < 0 ? -$0 : $0) }
    }
}
