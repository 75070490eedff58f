/// What an xlsx workbook says about itself before its rows: its sheets in order and where each
/// one's part is, its date system, the kind of number format of each cell style, and where its
/// shared strings are. Read from the package's relationships, `xl/workbook.xml`, its
/// relationships and `xl/styles.xml` (ECMA-376 part 1, 18.2 and 18.8).
struct WorkbookParts {
    /// A sheet: its name and the archive entry of its part.
    struct Sheet: Equatable {
        let name: String
        let part: String
    }

    /// The sheets, in the workbook's order (the first is the one read when none is named).
    let sheets: [Sheet]
    let dateSystem: SpreadsheetDateSystem
    /// The kind of number format of each cell style (`<c s="N">`), by index.
    let styleKinds: [NumberFormatKind]
    /// The archive entry of the shared strings, when the workbook has one.
    let sharedStringsPart: String?

    /// Reads them from `archive`.
    /// - Throws: `WorkbookError` (`notAWorkbook` without a workbook part, `damaged`).
    init(_ archive: ZipArchive) throws(WorkbookError) {
        let package = RelationshipsHandler()
        let workbookPath = try archive.parse("_rels/.rels", with: package)
            ? package.target(endingWith: "/officeDocument", base: "") ?? "xl/workbook.xml" : "xl/workbook.xml"
        let workbook = WorkbookHandler()
        guard try archive.parse(workbookPath, with: workbook) else {
            throw WorkbookError.notAWorkbook(source: archive.source, format: .xlsx, found: nil)
        }
        let directory = WorkbookParts.directory(of: workbookPath)
        let relationships = RelationshipsHandler()
        _ = try archive.parse(directory + "_rels/" + workbookPath.split(separator: "/").last! + ".rels", with: relationships)
        var sheets: [Sheet] = []
        for (name, id) in workbook.sheets {
            let part = id.flatMap { relationships.targets[$0] }.map { WorkbookParts.resolve($0, base: directory) }
            sheets.append(Sheet(name: name, part: part ?? directory + "worksheets/sheet\(sheets.count + 1).xml"))
        }
        self.sheets = sheets
        dateSystem = workbook.uses1904 ? .from1904 : .from1900
        let stylesPart = relationships.target(endingWith: "/styles", base: directory) ?? directory + "styles.xml"
        let styles = StylesHandler()
        styleKinds = try archive.parse(stylesPart, with: styles) ? styles.kinds : []
        let strings = relationships.target(endingWith: "/sharedStrings", base: directory) ?? directory + "sharedStrings.xml"
        sharedStringsPart = archive.contains(strings) ? strings : nil
    }

    /// `xl/` for `xl/workbook.xml`.
    static func directory(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// A relationship's target as an archive entry: absolute (`/xl/…`) or relative to `base`,
    /// with `..` and `.` resolved.
    static func resolve(_ target: String, base: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }
}

/// `<Relationship Id Type Target>` of a relationships part.
private final class RelationshipsHandler: XMLEventHandler {
    var targets: [String: String] = [:]
    var types: [(type: String, target: String)] = []

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.is("Relationship"), attributes.string("TargetMode") != "External",
              let id = attributes.string("Id"), let target = attributes.string("Target") else { return }
        targets[id] = target
        types.append((attributes.string("Type") ?? "", target))
    }


    /// The target of the first relationship whose type ends with `suffix`, resolved against `base`.
    func target(endingWith suffix: String, base: String) -> String? {
        types.first { $0.type.hasSuffix(suffix) }.map { WorkbookParts.resolve($0.target, base: base) }
    }
}

/// `<workbookPr date1904>` and `<sheet name r:id>` of the workbook part.
private final class WorkbookHandler: XMLEventHandler {
    var sheets: [(name: String, id: String?)] = []
    var uses1904 = false

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("sheet"), let sheetName = attributes.string("name") {
            sheets.append((sheetName, attributes.string("id")))
        } else if name.is("workbookPr"), let value = attributes.string("date1904") {
            uses1904 = value == "1" || value.lowercased() == "true"
        }
    }

}

/// `<numFmt numFmtId formatCode>` and the `<xf numFmtId>` of `<cellXfs>` in the styles part.
private final class StylesHandler: XMLEventHandler {
    private var customFormats: [Int: NumberFormatKind] = [:]
    private var inCellStyles = false
    private var formatIDs: [Int] = []

    var kinds: [NumberFormatKind] {
        formatIDs.map { customFormats[$0] ?? NumberFormatKind.builtIn($0) }
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("numFmt"), let id = attributes.string("numFmtId").flatMap({ Int($0) }),
           let code = attributes.string("formatCode") {
            customFormats[id] = NumberFormatKind.code(code)
        } else if name.is("cellXfs") {
            inCellStyles = true
        } else if inCellStyles && name.is("xf") {
            formatIDs.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }

    override func endElement(_ name: XMLName) {
        if name.is("cellXfs") { inCellStyles = false }
    }

}
