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
public final class XLSXReader: SheetReader {
    private let archive: ZipArchive
    private let part: String
    private var handler: SheetXMLHandler!
    private var parser: XMLEventParser!
    private let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)

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
            let stringsHandler = SharedStringsHandler(strings: strings)
            _ = try archive.parse(stringsPart, with: stringsHandler)
            if let failure = stringsHandler.failure { throw failure }
            try strings.finish()
        }
        guard try archive.open(chosen.part) else {
            throw WorkbookError.damaged(source: name, part: chosen.part, reason: "sheet '\(chosen.name)' has no part in the archive")
        }
        self.archive = archive
        self.part = chosen.part
        super.init(name: name, filePath: filePath, readablePath: path, sheet: chosen.name, keeping: keeping)
        handler = SheetXMLHandler(rows: self, archive: archive, strings: strings, styleKinds: parts.styleKinds,
                                  dateSystem: parts.dateSystem)
        parser = XMLEventParser(handler: handler)
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
        if let failure = handler.failure {
            handler.failure = nil
            throw failure
        }
        return count > 0
    }

    private func damaged(_ reason: String) -> CSVError {
        CSVError(.damagedWorkbook(reason), source: name, line: handler.rowNumber, sheet: sheet)
    }
}
