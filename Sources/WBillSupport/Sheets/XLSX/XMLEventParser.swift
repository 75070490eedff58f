import CExpat
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an `XMLEventParser` reports: elements by their local name (the prefix left out, so
/// `x:row` and `row` are alike), their attributes, and the text between them, in pieces. A
/// subclass overrides what it needs; the parser calls it millions of times on a large sheet, so
/// it is a class (one virtual call, no reference counting), not a protocol.
class XMLEventHandler {
    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {}
    func endElement(_ name: XMLName) {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// An element's or attribute's local name, as expat gives it (valid during the call only).
struct XMLName {
    let pointer: UnsafePointer<CChar>

    /// Whether the name is `literal` (ASCII).
    @inline(__always) func `is`(_ literal: StaticString) -> Bool {
        let bytes = literal.utf8Start
        var index = 0
        while index < literal.utf8CodeUnitCount {
            if UInt8(bitPattern: pointer[index]) != bytes[index] { return false }
            index += 1
        }
        return pointer[index] == 0
    }

    /// The local part of a name written `prefix:local` (or without a prefix).
    @inline(__always) static func local(_ name: UnsafePointer<CChar>) -> XMLName {
        if let colon = strrchr(name, Int32(UInt8(ascii: ":"))) { return XMLName(pointer: UnsafePointer(colon + 1)) }
        return XMLName(pointer: name)
    }
}

/// An element's attributes (valid during the call only).
struct XMLAttributes {
    let pairs: UnsafeMutablePointer<UnsafePointer<CChar>?>?

    /// Calls `body` with each attribute's local name and value.
    @inline(__always) func forEach(_ body: (XMLName, UnsafePointer<CChar>) -> Void) {
        guard let pairs else { return }
        var index = 0
        while let name = pairs[index] {
            body(XMLName.local(name), pairs[index + 1]!)
            index += 2
        }
    }

    /// The value of the attribute whose local name is `literal`, if present.
    func value(_ literal: StaticString) -> UnsafePointer<CChar>? {
        var found: UnsafePointer<CChar>?
        forEach { name, value in if found == nil && name.is(literal) { found = value } }
        return found
    }

    /// The value as a string.
    func string(_ literal: StaticString) -> String? {
        value(literal).map { String(cString: $0) }
    }
}

/// A streaming XML parser over expat: bytes in, in pieces of any size, events out to a handler.
/// Names are reported without their prefix (the parts of an xlsx file use one namespace each,
/// with or without a prefix). Expat refuses what is not well-formed, and since 2.4 limits entity
/// expansion; external entities are never loaded.
final class XMLEventParser {
    private let parser: XML_Parser
    private let handler: XMLEventHandler

    /// A parser reporting to `handler`, which it keeps.
    init(handler: XMLEventHandler) {
        parser = XML_ParserCreate(nil)
        self.handler = handler
        // The handler is called without retaining it: the parser keeps it alive.
        XML_SetUserData(parser, Unmanaged.passUnretained(handler).toOpaque())
        XML_SetElementHandler(parser, { data, name, attributes in
            Unmanaged<XMLEventHandler>.fromOpaque(data!)._withUnsafeGuaranteedRef {
                $0.startElement(XMLName.local(name!), XMLAttributes(pairs: attributes))
            }
        }, { data, name in
            Unmanaged<XMLEventHandler>.fromOpaque(data!)._withUnsafeGuaranteedRef { $0.endElement(XMLName.local(name!)) }
        })
        XML_SetCharacterDataHandler(parser, { data, text, count in
            let bytes = UnsafeRawPointer(text!).assumingMemoryBound(to: UInt8.self)
            Unmanaged<XMLEventHandler>.fromOpaque(data!)._withUnsafeGuaranteedRef {
                $0.characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
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
}

/// XML that is not well-formed: expat's reason, and where.
struct XMLParseError: Error, Equatable {
    let reason: String
    let line: Int
    let column: Int

    var description: String { "\(reason) at line \(line), column \(column)" }
}
