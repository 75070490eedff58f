import WBillSupport

/// `customers`: every customer's basic information, in the order they were registered.
public enum CustomerExport {
    /// The export of every customer.
    public static func export(from database: Database) throws -> TableExport {
        TableExport(name: "customers", title: "Customers", columns: columns, sql: """
            SELECT c.id, c.name, c.id_number, c.tax_number, c.phone, c.email, c.address, c.contact, c.persons, c.created_at
            FROM customers c ORDER BY c.id
            """) { row in
            [.integer(row.int64(0)), .text(row.text(1)), row.textValue(2), row.textValue(3), row.textValue(4), row.textValue(5),
             row.textValue(6), row.textValue(7), row.integerValue(8), try row.timestampValue(9)]
        }
    }

    static let columns = [
        TabularColumn("id", ExportColumns.id, title: "customer", nullable: false),
        TabularColumn("name", ExportColumns.name, nullable: false),
        TabularColumn("id_number", .text(maximumLength: DomainLimits.identityNumberLength), title: "ID number"),
        TabularColumn("tax_number", .text(maximumLength: DomainLimits.identityNumberLength)),
        TabularColumn("phone", .text(maximumLength: DomainLimits.phoneLength)),
        TabularColumn("email", ExportColumns.freeText, title: "e-mail"),
        TabularColumn("address", ExportColumns.freeText),
        TabularColumn("contact", ExportColumns.name),
        TabularColumn("persons", .integer(digits: String(DomainLimits.persons.upperBound).count)),
        TabularColumn("created", .timestamp, title: "registered at", nullable: false),
    ]
}
