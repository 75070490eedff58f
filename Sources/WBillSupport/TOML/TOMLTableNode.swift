/// A table while the document is being read: mutable, remembering how it came to exist so the
/// reader can refuse redefinitions; `freeze()` turns it into an immutable `TOMLTable`.
final class TOMLTableNode {
    /// How the table came to exist, which decides what may still add to it.
    enum Origin {
        /// The top level.
        case root
        /// Created as a parent of a header (`[a.b]` creates `a`); a later `[a]` may still define it.
        case implicit
        /// Defined by its own `[header]`.
        case header
        /// Created by dotted keys (`a.b = 1` creates `a`); only more dotted keys may add to it.
        case dotted
        /// An element of an array of tables (`[[a]]`).
        case arrayElement
        /// An inline table (`{ … }`), being filled; sealed once its closing brace is read.
        case inline
    }

    /// What a key holds.
    enum Child {
        /// A finished value, including inline tables and static arrays, which cannot be extended.
        case value(TOMLValue)
        /// A table that may still grow, depending on its origin.
        case table(TOMLTableNode)
        /// An array of tables made by `[[key]]` headers.
        case arrayOfTables(TOMLArrayOfTablesNode)
    }

    /// A key's child and where the key was first written.
    struct Slot {
        let keyLocation: TOMLLocation
        let child: Child
    }

    var origin: Origin
    let path: String
    var location: TOMLLocation
    private var order: [String] = []
    private var slots: [String: Slot] = [:]

    init(origin: Origin, path: String, location: TOMLLocation) {
        self.origin = origin
        self.path = path
        self.location = location
    }

    /// The slot for `key`, if any.
    subscript(key: String) -> Slot? { slots[key] }

    /// Adds a key; the caller has checked it is new.
    func insert(_ key: String, at keyLocation: TOMLLocation, _ child: Child) {
        precondition(slots[key] == nil, "duplicate key inserted into a TOML table")
        order.append(key)
        slots[key] = Slot(keyLocation: keyLocation, child: child)
    }

    /// Adds a new sub-table under a new key and returns it.
    ///
    /// - Parameters:
    ///   - key: The key, not yet in this table.
    ///   - keyLocation: Where the key is written.
    ///   - origin: How the sub-table comes to exist.
    ///   - location: Where the sub-table starts; the key's place when `nil`.
    func insertTable(
        _ key: String, at keyLocation: TOMLLocation, origin: Origin, location: TOMLLocation? = nil
    ) -> TOMLTableNode {
        let child = TOMLTableNode(
            origin: origin, path: TOMLKeyPath.appending(key, to: path), location: location ?? keyLocation)
        insert(key, at: keyLocation, .table(child))
        return child
    }

    /// The immutable table, keys in insertion order.
    func freeze() -> TOMLTable {
        let entries = order.map { key -> TOMLEntry in
            let slot = slots[key]!
            return TOMLEntry(key: key, keyLocation: slot.keyLocation, value: slot.child.frozenValue)
        }
        return TOMLTable(path: path, location: location, entries: entries)
    }
}

/// An array of tables while the document is being read.
final class TOMLArrayOfTablesNode {
    let path: String
    let location: TOMLLocation
    private(set) var elements: [TOMLTableNode] = []

    init(path: String, location: TOMLLocation) {
        self.path = path
        self.location = location
    }

    /// Starts a new element for a `[[path]]` header at `location`.
    func appendElement(at location: TOMLLocation) -> TOMLTableNode {
        let element = TOMLTableNode(
            origin: .arrayElement, path: TOMLKeyPath.appending(index: elements.count, to: path), location: location)
        elements.append(element)
        return element
    }
}

extension TOMLTableNode.Child {
    /// The finished value.
    var frozenValue: TOMLValue {
        switch self {
        case .value(let value):
            return value
        case .table(let node):
            return TOMLValue(.table(node.freeze()), path: node.path, location: node.location)
        case .arrayOfTables(let array):
            let elements = array.elements.map { TOMLValue(.table($0.freeze()), path: $0.path, location: $0.location) }
            return TOMLValue(.array(elements), path: array.path, location: array.location)
        }
    }

    /// How conflict messages describe what a key already holds: `an integer`, `a table`,
    /// `an inline table`, `an array of tables`.
    var kindDescription: String {
        switch self {
        case .value(let value):
            if case .table = value.kind { return "an inline table" }
            return value.kindName
        case .table(let node):
            return node.origin == .dotted ? "a table (made by dotted keys)" : "a table"
        case .arrayOfTables:
            return "an array of tables"
        }
    }
}
