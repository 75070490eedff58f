#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one sheet of an xlsx workbook as records, streaming: the sheet's XML is inflated from
/// the zip archive (minizip) and parsed (expat) a piece at a time, a few hundred rows per piece,
/// so memory stays flat however many rows it has (its shared strings go to temporary files past
/// a few MiB; see `SharedStrings`). Open it with `RecordFile.open`.
///
/// Each cell reads as text that keeps its meaning:
/// - a string (shared, inline, or a formula's string result) as it is;
/// - a number as the shortest decimal that is the same double, and refused when it may have lost
///   digits (see `CellNumberText`): `12.3`, never `12.300000000000001`;
/// - a number whose format is a date or a time as `2026-11-23`, `2026-11-23T09:30:00` or
///   `09:30:00` (see `CellDateText`), in the workbook's date system (1900 or 1904);
/// - a boolean as `TRUE` or `FALSE`; an error value (`#N/A`) is refused.
public final class XLSXReader: SheetReader, XMLEventHandler {
    private let archive: ZipArchive
    private let strings: SharedStrings
    private let styleKinds: [NumberFormatKind]
    private let dateSystem: SpreadsheetDateSystem
    private let part: String
    private var parser: XMLEventParser!
    private let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)

    // The parse's state.
    private var inSheetData = false
    private var rowNumber = 0
    private var column = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var inCell = false
    private var collecting = false
    private var phoneticDepth = 0
    private var text: [UInt8] = []
    private var converted: [UInt8] = []
    /// The first problem met by the handler (which cannot throw), thrown after the piece.
    private var failure: CSVError?

    private enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    /// Opens sheet `sheet` (nil: the first) of the workbook at `path`.
    /// - Throws: `FileIOError`, `WorkbookError`.
    init(path: String, name: String, filePath: String?, sheet: String?, keeping: AnyObject?) throws {
        let archive = try ZipArchive(path: path, source: name)
        let parts = try WorkbookParts(archive)
        guard let first = parts.sheets.first else { throw WorkbookError.noSheets(source: name) }
        var chosen = first
        if let sheet {
            guard let named = parts.sheets.first(where: { $0.name == sheet })
                ?? parts.sheets.first(where: { $0.name.lowercased() == sheet.lowercased() }) else {
                let names = parts.sheets.map(\.name)
                throw WorkbookError.unknownSheet(source: name, name: sheet, sheets: names,
                                                 suggestion: closestMatch(to: sheet, among: names))
            }
            chosen = named
        }
        let strings = SharedStrings()
        if let stringsPart = parts.sharedStringsPart {
            let handler = SharedStringsHandler(strings: strings)
            _ = try archive.parse(stringsPart, with: handler)
            if let failure = handler.failure { throw failure }
            try strings.finish()
        }
        guard try archive.open(chosen.part) else {
            throw WorkbookError.damaged(source: name, part: chosen.part, reason: "sheet '\(chosen.name)' has no part in the archive")
        }
        self.archive = archive
        self.strings = strings
        self.styleKinds = parts.styleKinds
        self.dateSystem = parts.dateSystem
        self.part = chosen.part
        super.init(name: name, filePath: filePath, readablePath: path, sheet: chosen.name, keeping: keeping)
        parser = XMLEventParser(handler: self)
    }

    deinit { chunk.deallocate() }

    override func readMoreRows() throws(CSVError) -> Bool {
        let count: Int
        do {
            count = try archive.read(into: chunk)
        } catch {
            guard case .damaged(_, let part, let reason) = error else { throw damaged(error.description) }
            throw damaged((part.map { "\($0): " } ?? "") + reason)
        }
        do {
            try parser.parse(UnsafeRawBufferPointer(rebasing: chunk[0..<count]), final: count == 0)
        } catch {
            throw damaged("\(part): not well-formed XML: \(error.description)")
        }
        if let failure {
            self.failure = nil
            throw failure
        }
        return count > 0
    }

    private func damaged(_ reason: String) -> CSVError {
        CSVError(.damagedWorkbook(reason), source: name, line: rowNumber, sheet: sheet)
    }

    // MARK: XMLEventHandler

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        guard inSheetData else {
            if name.is("sheetData") { inSheetData = true }
            return
        }
        if name.is("c") {
            inCell = true
            text.removeAll(keepingCapacity: true)
            column += 1
            if let reference = attributes.value("r") {
                let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(reference).assumingMemoryBound(to: UInt8.self),
                                                count: strlen(reference))
                if let parsed = CellReference.column(ofReference: bytes) { column = parsed.column }
            }
            cellStyle = attributes.value("s").map { Int(strtol($0, nil, 10)) } ?? 0
            cellType = .number
            if let type = attributes.value("t") {
                let kind = XMLName(pointer: type)
                if kind.is("s") { cellType = .sharedString }
                else if kind.is("str") { cellType = .formulaString }
                else if kind.is("inlineStr") { cellType = .inlineString }
                else if kind.is("b") { cellType = .boolean }
                else if kind.is("e") { cellType = .error }
                else if kind.is("d") { cellType = .isoDate }
            }
        } else if name.is("v") {
            collecting = inCell
        } else if name.is("t") {
            collecting = inCell && phoneticDepth == 0
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if name.is("row") {
            rowNumber = attributes.value("r").map { Int(strtol($0, nil, 10)) } ?? rowNumber + 1
            column = 0
            beginRow(rowNumber, byteOffset: archive.compressedPosition)
        }
    }

    func endElement(_ name: XMLName) {
        guard inSheetData else { return }
        if name.is("v") || name.is("t") {
            collecting = false
        } else if name.is("c") {
            inCell = false
            finishCell()
        } else if name.is("rPh") {
            phoneticDepth -= 1
        } else if name.is("row") {
            endRow()
        } else if name.is("sheetData") {
            inSheetData = false
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if collecting { self.text.append(contentsOf: text) }
    }

    /// Turns the cell just read into its text, and hands it over.
    private func finishCell() {
        guard column <= CellReference.maximumColumns else {
            if failure == nil { failure = damaged("a cell right of column XFD") }
            return
        }
        switch cellType {
        case .sharedString:
            guard let index = Self.index(text) else { return missingString() }
            do {
                let found: Void? = try strings.withString(index) { addCell(column: column, $0) }
                if found == nil { missingString() }
            } catch {
                if failure == nil { failure = damaged("\(error)") }
            }
        case .inlineString, .formulaString:
            XMLText.decodingEscapes(text).withUnsafeBufferPointer { addCell(column: column, $0) }
        case .boolean:
            add(text == [UInt8(ascii: "1")] ? "TRUE" : "FALSE")
        case .error:
            let value = String(decoding: text, as: UTF8.self)
            refuseCell(column: column, CellRefusal(value: value, reason: "the cell holds the error value \(value), not a value"))
        case .isoDate:
            var value = String(decoding: text, as: UTF8.self)
            for ending in ["Z", ".000", "T00:00:00"] where value.hasSuffix(ending) { value.removeLast(ending.count) }
            add(value)
        case .number:
            guard !text.isEmpty else { return }
            let kind = cellStyle < styleKinds.count ? styleKinds[cellStyle] : .number
            if kind == .number, CellNumberText.normalizePlain(text, into: &converted) {
                converted.withUnsafeBufferPointer { addCell(column: column, $0) }
                return
            }
            let written = String(decoding: text, as: UTF8.self)
            guard let value = Double(written) else {
                refuseCell(column: column, CellRefusal(value: written, reason: "a number cell whose content is not a number"))
                return
            }
            let result = kind == .number ? CellNumberText.text(of: value)
                : CellDateText.text(serial: value, system: dateSystem, timeOnly: kind == .time)
            switch result {
            case .success(let text): add(text)
            case .failure(let refusal):
                // A whole number is shown as the file writes it (all its digits), others as read.
                let whole = !text.isEmpty && text.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
                refuseCell(column: column, whole ? CellRefusal(value: written, reason: refusal.reason) : refusal)
            }
        }
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

    private func add(_ value: String) {
        var value = value
        value.withUTF8 { addCell(column: column, $0) }
    }

    private func missingString() {
        if failure == nil {
            failure = CSVError(.damagedWorkbook("the cell names shared string \(String(decoding: text, as: UTF8.self)), which the workbook does not have"),
                               source: name, line: rowNumber, field: column, sheet: sheet)
        }
    }
}
