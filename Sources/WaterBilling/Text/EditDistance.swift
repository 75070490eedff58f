/// The candidate nearest to `word` by Damerau–Levenshtein distance, if it is near enough to be a typo
/// (at most a third of the word's length, and at least one edit allowed); ties go to the earlier candidate.
public func closestMatch(to word: String, among candidates: [String]) -> String? {
    let limit = max(1, (word.count + 2) / 3)
    var best: (word: String, distance: Int)?
    for candidate in candidates {
        if candidate.hasPrefix(word) && word.count >= 3 { return candidate }
        let distance = editDistance(Array(word.lowercased()), Array(candidate.lowercased()))
        if distance <= limit && distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.word
}

private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], previous2[j - 2] + 1)
            }
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}
