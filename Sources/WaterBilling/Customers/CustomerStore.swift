import WBillSupport

/// One recorded change of a customer's basic information.
public struct CustomerChange: Sendable, Equatable {
    public let at: String
    public let operatorName: String
    public let field: CustomerField
    public let oldValue: String?
    public let newValue: String?
}

/// Customers in the database: add, find, edit with history kept field by field.
public struct CustomerStore {
    let database: Database

    /// The store over `database`.
    public init(database: Database) {
        self.database = database
    }

    static let columns = "id, name, id_number, tax_number, phone, address, contact, email, persons, created_at, created_by"

    static func customer(_ row: Row) -> Customer {
        Customer(id: row.int64(0), name: row.text(1), idNumber: row.optionalText(2), taxNumber: row.optionalText(3),
                 phone: row.optionalText(4), address: row.optionalText(5), contact: row.optionalText(6),
                 email: row.optionalText(7), persons: row.optionalInt64(8).map { Int($0) }, createdAt: row.text(9),
                 createdBy: row.text(10))
    }

    /// The customer with number `id`.
    /// - Throws: `CustomerError.notFound`.
    public func find(_ id: Int64) throws -> Customer {
        guard let customer = try database.first("SELECT \(CustomerStore.columns) FROM customers WHERE id = ?", [id],
                                                CustomerStore.customer) else {
            throw CustomerError.notFound(id)
        }
        return customer
    }

    /// Adds a customer with validated basic information.
    @discardableResult
    public func add(_ customer: ValidCustomer, audit: AuditTrail) throws -> Customer {
        try database.run("""
            INSERT INTO customers (name, id_number, tax_number, phone, address, contact, email, persons, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [customer.value(.name) ?? "", customer.value(.idNumber), customer.value(.taxNumber), customer.value(.phone),
                  customer.value(.address), customer.value(.contact), customer.value(.email),
                  customer.value(.persons).flatMap { Int64($0) }, audit.context.timeText, audit.context.operatorName])
        let added = try find(database.lastInsertRowID)
        try audit.record(entity: "customer", id: String(added.id), action: "create", changes: CustomerField.allCases.compactMap { field in
            added.value(of: field).map { AuditChange(field.column, old: nil, new: $0) }
        })
        return added
    }

    /// Changes the fields given in `changes`, checked as for a customer of `nature`; each changed
    /// field is kept in the customer's history.
    /// - Returns: the customer after, and the fields that changed.
    /// - Throws: `CustomerError.invalidInformation` listing every bad field; `DatedBeforeExistenceError`.
    public func edit(_ id: Int64, _ changes: CustomerDraft, nature: WaterNature,
                     audit: AuditTrail) throws -> (customer: Customer, changed: [CustomerChange]) {
        let before = try find(id)
        try audit.context.requireNotBefore(before.createdAt, change: "an edit", subject: "customer \(id)", event: "registered")
        var merged = CustomerDraft()
        for field in CustomerField.allCases { merged.values[field] = changes.value(field) ?? before.value(of: field) }
        let valid: ValidCustomer
        switch BasicInformation.validate(merged, for: nature) {
        case .valid(let value): valid = value
        case .invalid(let problems):
            // Stored values passed these checks when they were stored, so the problems are the new values'.
            throw CustomerError.invalidInformation(problems)
        }
        let changed = CustomerField.allCases.compactMap { field -> CustomerChange? in
            let old = before.value(of: field), new = valid.value(field)
            guard old != new else { return nil }
            return CustomerChange(at: audit.context.timeText, operatorName: audit.context.operatorName, field: field,
                                  oldValue: old, newValue: new)
        }
        guard !changed.isEmpty else { return (before, []) }
        try database.run("""
            UPDATE customers SET name = ?, id_number = ?, tax_number = ?, phone = ?, address = ?, contact = ?, email = ?, persons = ?
            WHERE id = ?
            """, [valid.value(.name) ?? before.name, valid.value(.idNumber), valid.value(.taxNumber), valid.value(.phone),
                  valid.value(.address), valid.value(.contact), valid.value(.email),
                  valid.value(.persons).flatMap { Int64($0) }, id])
        let insert = try database.prepare("""
            INSERT INTO customer_changes (customer_id, at, operator, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for change in changed {
            try insert.execute([id, change.at, change.operatorName, change.field.column, change.oldValue, change.newValue])
        }
        try audit.record(entity: "customer", id: String(id), action: "update",
                         changes: changed.map { AuditChange($0.field.column, old: $0.oldValue, new: $0.newValue) })
        return (try find(id), changed)
    }

    /// The customer's recorded changes, oldest first.
    public func changes(of customer: Customer) throws -> [CustomerChange] {
        try database.query("""
            SELECT at, operator, field, old_value, new_value FROM customer_changes WHERE customer_id = ? ORDER BY id
            """, [customer.id]) { row in
            CustomerChange(at: row.text(0), operatorName: row.text(1),
                           field: CustomerField.allCases.first { $0.column == row.text(2) } ?? .name,
                           oldValue: row.optionalText(3), newValue: row.optionalText(4))
        }
    }
}
