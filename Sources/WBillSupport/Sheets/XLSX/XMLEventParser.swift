import CExpat
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an `XMLEventParser` reports: elements by their local name (the namespace left out, so
/// `x:row` and `row` are alike), their attributes, and the text between them, in pieces.
protocol XMLEventHandler: AnyObject {
    func startElement(_ name: XMLName, _ attributes: XMLAttributes)
    func endElement(_ name: XMLName)
    func characters(_ text: UnsafeBufferPointer<UInt8>)
}

/// An element's or attribute's local name, as expat gives it (valid during the call only).
struct XMLName {
    let pointer: UnsafePointer<CChar>

    /// Whether the name is `literal`.
    @inline(__always) func `is`(_ literal: StaticString) -> Bool {
        strcmp(pointer, UnsafeRawPointer(literal.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }
}

/// An element's attributes (valid during the call only).
struct XMLAttributes {
    let pairs: UnsafeMutablePointer<UnsafePointer<CChar>?>?

    /// The value of the attribute whose local name is `literal`, if present.
    func value(_ literal: StaticString) -> UnsafePointer<CChar>? {
        guard let pairs else { return nil }
        var index = 0
        while let name = pairs[index] {
            if XMLEventParser.localName(name).is(literal) { return pairs[index + 1] }
            index += 2
        }
        return nil
    }

    /// The value as a string.
    func string(_ literal: StaticString) -> String? {
        value(literal).map { String(cString: $0) }
    }
}

/// A streaming XML parser over expat: bytes in, in pieces of any size, events out to a handler.
/// Namespaces are processed, and reported names are local names. Expat refuses what is not
/// well-formed, and since 2.4 limits entity expansion; external entities are never loaded.
final class XMLEventParser {
    private let parser: XML_Parser
    private unowned let handler: any XMLEventHandler

    /// A parser reporting to `handler`.
    init(handler: any XMLEventHandler) {
        parser = XML_ParserCreateNS(nil, CChar(UInt8(ascii: "|")))
        self.handler = handler
        XML_SetUserData(parser, Unmanaged.passUnretained(self).toOpaque())
        XML_SetElementHandler(parser, { data, name, attributes in
            let me = Unmanaged<XMLEventParser>.fromOpaque(data!).takeUnretainedValue()
            me.handler.startElement(XMLEventParser.localName(name!), XMLAttributes(pairs: attributes))
        }, { data, name in
            let me = Unmanaged<XMLEventParser>.fromOpaque(data!).takeUnretainedValue()
            me.handler.endElement(XMLEventParser.localName(name!))
        })
        XML_SetCharacterDataHandler(parser, { data, text, count in
            let me = Unmanaged<XMLEventParser>.fromOpaque(data!).takeUnretainedValue()
            text!.withMemoryRebound(to: UInt8.self, capacity: Int(count)) {
                me.handler.characters(UnsafeBufferPointer(start: $0, count: Int(count)))
            }
        })
    }

    deinit { XML_ParserFree(parser) }

    /// Parses the next piece of the document; `final` with its last piece (which may be empty).
    /// - Throws: `XMLParseError` when the document is not well-formed XML.
    func parse(_ bytes: UnsafeRawBufferPointer, final: Bool) throws(XMLParseError) {
        let status = XML_Parse(parser, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                               final ? 1 : 0)
        guard status == XML_STATUS_OK else {
            let code = XML_GetErrorCode(parser)
            throw XMLParseError(reason: String(cString: XML_ErrorString(code)), line: Int(XML_GetCurrentLineNumber(parser)),
                                column: Int(XML_GetCurrentColumnNumber(parser)) + 1)
        }
    }

    /// The local part of a name expat reports as `namespace|local`.
    @inline(__always) static func localName(_ name: UnsafePointer<CChar>) -> XMLName {
        if let bar = strrchr(name, Int32(UInt8(ascii: "|"))) { return XMLName(pointer: UnsafePointer(bar + 1)) }
        return XMLName(pointer: name)
    }
}

/// XML that is not well-formed: expat's reason, and where.
struct XMLParseError: Error, Equatable {
    let reason: String
    let line: Int
    let column: Int

    var description: String { "\(reason) at line \(line), column \(column)" }
}
