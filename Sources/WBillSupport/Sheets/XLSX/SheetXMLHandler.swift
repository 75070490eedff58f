#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a worksheet part's XML (ECMA-376 18.3: `<sheetData>`, `<row r>`, `<c r s t>`, `<v>`,
/// `<is>`) into rows of cell text handed to a `SheetReader`: each cell as text that keeps its
/// meaning (see `XLSXReader`). Called for every element of a sheet of millions of cells, so its
/// state is read without exclusivity checks (it is one reader's, on one thread).
final class SheetXMLHandler: XMLEventHandler {
    private unowned(unsafe) let rows: SheetReader
    private let archive: ZipArchive
    private let strings: SharedStrings
    private let styleKinds: [NumberFormatKind]
    private let dateSystem: SpreadsheetDateSystem

    @exclusivity(unchecked) private var inSheetData = false
    @exclusivity(unchecked) private(set) var rowNumber = 0
    @exclusivity(unchecked) private var column = 0
    @exclusivity(unchecked) private var cellType = CellType.number
    @exclusivity(unchecked) private var cellStyle = 0
    @exclusivity(unchecked) private var inCell = false
    @exclusivity(unchecked) private var collecting = false
    @exclusivity(unchecked) private var phoneticDepth = 0
    @exclusivity(unchecked) private var text: [UInt8] = []
    @exclusivity(unchecked) private var converted: [UInt8] = []
    /// The first problem met (a handler cannot throw); the reader throws it after the piece.
    @exclusivity(unchecked) var failure: CSVError?

    private enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    init(rows: SheetReader, archive: ZipArchive, strings: SharedStrings, styleKinds: [NumberFormatKind],
         dateSystem: SpreadsheetDateSystem) {
        self.rows = rows
        self.archive = archive
        self.strings = strings
        self.styleKinds = styleKinds
        self.dateSystem = dateSystem
        text.reserveCapacity(256)
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        guard inSheetData else {
            if name.is("sheetData") { inSheetData = true }
            return
        }
        if name.is("c") {
            startCell(attributes)
        } else if name.is("v") {
            collecting = inCell
        } else if name.is("t") {
            collecting = inCell && phoneticDepth == 0
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if name.is("row") {
            rowNumber = attributes.value("r").map { Int(strtol($0, nil, 10)) } ?? rowNumber + 1
            column = 0
            rows.beginRow(rowNumber, byteOffset: archive.compressedPosition)
        }
    }

    override func endElement(_ name: XMLName) {
        guard inSheetData else { return }
        if name.is("v") || name.is("t") {
            collecting = false
        } else if name.is("c") {
            inCell = false
            finishCell()
        } else if name.is("rPh") {
            phoneticDepth -= 1
        } else if name.is("row") {
            rows.endRow()
        } else if name.is("sheetData") {
            inSheetData = false
        }
    }

    override func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if collecting { self.text.append(contentsOf: text) }
    }

    /// `<c r="C17" s="3" t="s">`: the cell's column (the next one when `r` is left out), style and type.
    private func startCell(_ attributes: XMLAttributes) {
        inCell = true
        text.removeAll(keepingCapacity: true)
        column += 1
        cellStyle = 0
        cellType = .number
        attributes.forEach { name, value in
            if name.is("r") {
                let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: strlen(value))
                if let parsed = CellReference.column(ofReference: bytes) { column = parsed.column }
            } else if name.is("s") {
                cellStyle = Int(strtol(value, nil, 10))
            } else if name.is("t") {
                let kind = XMLName(pointer: value)
                if kind.is("s") { cellType = .sharedString }
                else if kind.is("str") { cellType = .formulaString }
                else if kind.is("inlineStr") { cellType = .inlineString }
                else if kind.is("b") { cellType = .boolean }
                else if kind.is("e") { cellType = .error }
                else if kind.is("d") { cellType = .isoDate }
            }
        }
    }

    /// Turns the cell just read into its text, and hands it over.
    private func finishCell() {
        guard column <= CellReference.maximumColumns else {
            fail(CSVError(.damagedWorkbook("a cell right of column XFD"), source: rows.name, line: rowNumber, sheet: rows.sheet))
            return
        }
        switch cellType {
        case .sharedString:
            guard let index = Self.index(text) else { return missingString() }
            do {
                let found: Void? = try strings.withString(index) { rows.addCell(column: column, $0) }
                if found == nil { missingString() }
            } catch {
                fail(CSVError(.damagedWorkbook("\(error)"), source: rows.name, line: rowNumber, sheet: rows.sheet))
            }
        case .inlineString, .formulaString:
            XMLText.decodingEscapes(text).withUnsafeBufferPointer { rows.addCell(column: column, $0) }
        case .boolean:
            add(text == [UInt8(ascii: "1")] ? "TRUE" : "FALSE")
        case .error:
            let value = String(decoding: text, as: UTF8.self)
            rows.refuseCell(column: column, CellRefusal(value: value, reason: "the cell holds the error value \(value), not a value"))
        case .isoDate:
            var value = String(decoding: text, as: UTF8.self)
            for ending in ["Z", ".000", "T00:00:00"] where value.hasSuffix(ending) { value.removeLast(ending.count) }
            add(value)
        case .number:
            finishNumber()
        }
    }

    /// A number cell: its text, or its date or time when its style's format is one.
    private func finishNumber() {
        guard !text.isEmpty else { return }
        let kind = cellStyle < styleKinds.count ? styleKinds[cellStyle] : .number
        if kind == .number, CellNumberText.normalizePlain(text, into: &converted) {
            converted.withUnsafeBufferPointer { rows.addCell(column: column, $0) }
            return
        }
        let written = String(decoding: text, as: UTF8.self)
        guard let value = Double(written) else {
            rows.refuseCell(column: column, CellRefusal(value: written, reason: "a number cell whose content is not a number"))
            return
        }
        let result = kind == .number ? CellNumberText.text(of: value)
            : CellDateText.text(serial: value, system: dateSystem, timeOnly: kind == .time)
        switch result {
        case .success(let text): add(text)
        case .failure(let refusal):
            // A whole number is shown as the file writes it (all its digits), others as read.
            let whole = text.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
            rows.refuseCell(column: column, whole ? CellRefusal(value: written, reason: refusal.reason) : refusal)
        }
    }

    private func add(_ value: String) {
        var value = value
        value.withUTF8 { rows.addCell(column: column, $0) }
    }

    private func fail(_ error: CSVError) {
        if failure == nil { failure = error }
    }

    private func missingString() {
        fail(CSVError(.damagedWorkbook("the cell names shared string \(String(decoding: text, as: UTF8.self)), which the workbook does not have"),
                      source: rows.name, line: rowNumber, field: column, sheet: rows.sheet))
    }

    /// A shared string's index, as digits.
    private static func index(_ digits: [UInt8]) -> Int? {
        guard !digits.isEmpty, digits.count < 10 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
