import WBillSupport

/// A typed table written as it is read (an export of a million rows): its heading, its columns,
/// and the work that reads the rows and hands each to the writer the Runner chose (`--format`,
/// `--output`). Nothing is held but the row being written, except by the aligned text table.
public struct RowStream: Sendable {
    /// `meters`: the table's name (the SQL table, the xlsx sheet, the JSON `report`).
    public let name: String
    public let title: String
    public let parameters: [(key: String, value: String)]
    public let notes: [String]
    public let columns: [TabularColumn]
    /// Reads the rows and gives each to the consumer, in order.
    public let produce: @Sendable (TabularRowConsumer) throws -> Void

    /// A stream.
    public init(name: String, title: String, parameters: [(key: String, value: String)] = [], notes: [String] = [],
                columns: [TabularColumn], produce: @escaping @Sendable (TabularRowConsumer) throws -> Void) {
        self.name = name
        self.title = title
        self.parameters = parameters
        self.notes = notes
        self.columns = columns
        self.produce = produce
    }
}
