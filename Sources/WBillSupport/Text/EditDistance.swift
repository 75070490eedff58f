/// The Damerau–Levenshtein distance between two strings, compared case-insensitively.
///
/// This is the "optimal string alignment" variant: insertions, deletions, substitutions and
/// transpositions of two adjacent characters each cost 1, and no substring is edited twice.
/// It counts `Character`s (grapheme clusters), so `"é"` is one character whichever way it is encoded.
///
/// - Parameters:
///   - a: The first string.
///   - b: The second string.
/// - Returns: The number of edits that turn `a` into `b`; 0 when they are equal ignoring case.
public func damerauLevenshteinDistance(_ a: String, _ b: String) -> Int {
    let s = Array(a.lowercased())
    let t = Array(b.lowercased())
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    // Three rolling rows: the one before the previous (for transpositions), the previous, the current.
    var beforePrevious = [Int](repeating: 0, count: t.count + 1)
    var previous = Array(0...t.count)
    var current = [Int](repeating: 0, count: t.count + 1)
    for i in 1...s.count {
        current[0] = i
        for j in 1...t.count {
            let cost = s[i - 1] == t[j - 1] ? 0 : 1
            var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                best = min(best, beforePrevious[j - 2] + 1)
            }
            current[j] = best
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[t.count]
}

/// The candidate closest to a misspelt word, for "did you mean …?" messages.
///
/// A candidate qualifies when its Damerau–Levenshtein distance to `word` (ignoring case) is at most
/// one third of the candidate's length (at least 1) and smaller than the candidate's length, so a
/// one-letter word is never "corrected" into another one-letter word. Among qualifying candidates the nearest
/// wins; on a tie, the one listed first. Failing that, an abbreviation of three or more characters
/// that begins exactly one candidate (`imp` for `import`) suggests that candidate.
///
/// ```swift
/// closestMatch(to: "tarrif", among: ["tariff", "meter"])   // "tariff"
/// closestMatch(to: "xyz", among: ["tariff", "meter"])      // nil
/// ```
///
/// - Parameters:
///   - word: What the user typed.
///   - candidates: The valid words, in the order ties should be broken.
/// - Returns: The suggestion, or `nil` when no candidate is close enough.
public func closestMatch(to word: String, among candidates: [String]) -> String? {
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let length = candidate.count
        let limit = max(1, length / 3)
        let distance = damerauLevenshteinDistance(word, candidate)
        guard distance <= limit, distance < length else { continue }
        if best == nil || distance < best!.distance {
            best = (candidate, distance)
        }
    }
    if let best { return best.candidate }
    let lowered = word.lowercased()
    guard lowered.count >= 3 else { return nil }
    let extensions = candidates.filter { $0.lowercased().hasPrefix(lowered) }
    return extensions.count == 1 ? extensions[0] : nil
}
