/// One part of a dotted key or header (`water` in `components.water.rate`), with its place.
struct TOMLKeyPart {
    let name: String
    let location: TOMLLocation
}

/// Builds the table tree as headers and key/value lines arrive, enforcing TOML's rules: no key
/// twice, no table defined twice, dotted keys only extend tables made by dotted keys, inline
/// tables and static arrays are closed, `[[a]]` appends only to arrays of tables.
struct TOMLTreeBuilder {
    /// The top-level table.
    let root: TOMLTableNode
    /// The table the last header opened (the top level before any header).
    private(set) var current: TOMLTableNode

    init(file: String) {
        root = TOMLTableNode(origin: .root, path: "", location: TOMLLocation(file: file, line: 1, column: 1))
        current = root
    }

    /// Handles `[a.b.c]`: defines the table (or an implicitly created one) and makes it current.
    ///
    /// - Parameters:
    ///   - keys: The header's key parts.
    ///   - header: Where the `[` is.
    /// - Throws: `TOMLError` when the table is already defined or a key on the way is not a table.
    mutating func openTable(_ keys: [TOMLKeyPart], header: TOMLLocation) throws(TOMLError) {
        let headerText = "[\(TOMLKeyPath.dotted(keys))]"
        let parent = try walkHeaderPrefix(keys, headerText: headerText)
        let last = keys[keys.count - 1]
        guard let slot = parent[last.name] else {
            current = parent.insertTable(last.name, at: last.location, origin: .header, location: header)
            return
        }
        let firstDefined = TOMLTreeBuilder.definedAt(slot).lineAndColumn
        switch slot.child {
        case .table(let node) where node.origin == .implicit:
            node.origin = .header
            node.location = header
            current = node
        case .table(let node):
            let how = node.origin == .dotted ? " by dotted keys" : ""
            throw TOMLError(at: header, "table \(headerText) is defined twice; first defined\(how) at \(firstDefined)")
        default:
            let key = TOMLKeyPath.appending(last.name, to: parent.path)
            throw TOMLError(
                at: header,
                "cannot define table \(headerText): `\(key)` is already \(slot.child.kindDescription) (defined at \(firstDefined))")
        }
    }

    /// Handles `[[a.b]]`: appends a new table to the array (creating it) and makes it current.
    ///
    /// - Parameters:
    ///   - keys: The header's key parts.
    ///   - header: Where the `[[` is.
    /// - Throws: `TOMLError` when the key already holds something other than an array of tables.
    mutating func openArrayElement(_ keys: [TOMLKeyPart], header: TOMLLocation) throws(TOMLError) {
        let headerText = "[[\(TOMLKeyPath.dotted(keys))]]"
        let parent = try walkHeaderPrefix(keys, headerText: headerText)
        let last = keys[keys.count - 1]
        let key = TOMLKeyPath.appending(last.name, to: parent.path)
        guard let slot = parent[last.name] else {
            let array = TOMLArrayOfTablesNode(path: key, location: header)
            parent.insert(last.name, at: last.location, .arrayOfTables(array))
            current = array.appendElement(at: header)
            return
        }
        let firstDefined = TOMLTreeBuilder.definedAt(slot).lineAndColumn
        switch slot.child {
        case .arrayOfTables(let array):
            current = array.appendElement(at: header)
        case .value(let value):
            if case .array = value.kind {
                throw TOMLError(
                    at: header,
                    "cannot append to `\(key)` with \(headerText): it is already a static array (defined at \(firstDefined))")
            }
            fallthrough
        default:
            throw TOMLError(
                at: header,
                "cannot define \(headerText) as an array of tables: `\(key)` is already \(slot.child.kindDescription) (defined at \(firstDefined))")
        }
    }

    /// Sets `a.b.c = value` in `table`, creating `a` and `a.b` as dotted-key tables.
    ///
    /// - Parameters:
    ///   - keys: The key parts, relative to `table`.
    ///   - value: The value, already carrying its full path.
    ///   - table: The current table, or an inline table being filled.
    /// - Throws: `TOMLError` for a duplicate key or a key on the way that cannot take more keys.
    func assign(_ keys: [TOMLKeyPart], _ value: TOMLValue, in table: TOMLTableNode) throws(TOMLError) {
        var node = table
        for part in keys.dropLast() {
            let key = TOMLKeyPath.appending(part.name, to: node.path)
            guard let slot = node[part.name] else {
                node = node.insertTable(part.name, at: part.location, origin: .dotted)
                continue
            }
            let firstDefined = TOMLTreeBuilder.definedAt(slot).lineAndColumn
            switch slot.child {
            case .table(let child) where child.origin == .dotted:
                node = child
            case .table:
                throw TOMLError(
                    at: part.location,
                    "cannot add keys to table [\(key)] with dotted keys: it is defined at \(firstDefined); write them under its own header")
            case .value(let existing):
                if case .table = existing.kind {
                    throw TOMLError(
                        at: part.location,
                        "cannot add keys to `\(key)`: it is an inline table (defined at \(firstDefined)), and inline tables cannot be extended")
                }
                fallthrough
            default:
                throw TOMLError(
                    at: part.location,
                    "cannot use `\(key)` as a table: it is already \(slot.child.kindDescription) (defined at \(firstDefined))")
            }
        }
        let last = keys[keys.count - 1]
        if let slot = node[last.name] {
            let key = TOMLKeyPath.quotedIfNeeded(last.name)
            throw TOMLError(
                at: last.location,
                "duplicate key `\(key)` \(TOMLKeyPath.place(ofTable: node.path)); first defined at \(TOMLTreeBuilder.definedAt(slot).lineAndColumn)")
        }
        node.insert(last.name, at: last.location, .value(value))
    }

    /// Walks all but the last part of a header, creating implicit tables and entering the last
    /// element of arrays of tables.
    private func walkHeaderPrefix(_ keys: [TOMLKeyPart], headerText: String) throws(TOMLError) -> TOMLTableNode {
        var node = root
        for part in keys.dropLast() {
            guard let slot = node[part.name] else {
                node = node.insertTable(part.name, at: part.location, origin: .implicit)
                continue
            }
            switch slot.child {
            case .table(let child):
                node = child
            case .arrayOfTables(let array):
                node = array.elements[array.elements.count - 1]
            case .value:
                let key = TOMLKeyPath.appending(part.name, to: node.path)
                let firstDefined = TOMLTreeBuilder.definedAt(slot).lineAndColumn
                let kind = slot.child.kindDescription
                throw TOMLError(
                    at: part.location,
                    "cannot define \(headerText): `\(key)` is already \(kind) (defined at \(firstDefined))")
            }
        }
        return node
    }

    /// Where a slot's content was first defined: the key of a value, the start of a table.
    private static func definedAt(_ slot: TOMLTableNode.Slot) -> TOMLLocation {
        switch slot.child {
        case .value: return slot.keyLocation
        case .table(let node): return node.location
        case .arrayOfTables(let array): return array.location
        }
    }
}
