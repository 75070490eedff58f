import WaterBilling

extension CustomerField {
    /// The option that sets it: `--id-number`.
    var option: String { "--" + rawValue }

    /// The option's value placeholder in help.
    var placeholder: String { self == .persons ? "N" : "TEXT" }
}
