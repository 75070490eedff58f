import WBillSupport

/// A department of the utility, which operators belong to.
public struct Department: Sendable, Equatable {
    /// The row id.
    public let id: Int64
    /// The name.
    public let name: String
}
