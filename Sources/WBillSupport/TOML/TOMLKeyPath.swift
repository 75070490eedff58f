/// Renders key paths as a reader would write them: `components.water.rate`, `tiers[0].rate`,
/// `"tarif été".rate` (keys that are not bare keys are quoted).
enum TOMLKeyPath {
    /// The path of `key` inside the table or array element at `parent` (`""` for the top level).
    static func appending(_ key: String, to parent: String) -> String {
        let rendered = quotedIfNeeded(key)
        return parent.isEmpty ? rendered : parent + "." + rendered
    }

    /// The path of element `index` (0-based) of the array at `parent`.
    static func appending(index: Int, to parent: String) -> String {
        parent + "[\(index)]"
    }

    /// Where a table is, for messages: `in [components.water]`, or `at the top level`.
    static func place(ofTable path: String) -> String {
        path.isEmpty ? "at the top level" : "in [\(path)]"
    }

    /// Key parts joined as a dotted key: `components.water.rate`, `a."b.c"`.
    static func dotted(_ keys: [TOMLKeyPart]) -> String {
        keys.map { quotedIfNeeded($0.name) }.joined(separator: ".")
    }

    /// `key` as written in TOML: bare when it may be, otherwise a basic string.
    static func quotedIfNeeded(_ key: String) -> String {
        if !key.isEmpty && key.unicodeScalars.allSatisfy(isBareKeyScalar) { return key }
        return TOMLValue.quoted(key)
    }

    /// `A-Z a-z 0-9 _ -`, the scalars of a bare key.
    static func isBareKeyScalar(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
        default: return false
        }
    }
}
