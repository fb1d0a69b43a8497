internal import CLibXML2

/// Parses Moodle's REST XML (`RESPONSE`/`SINGLE`/`MULTIPLE`/`KEY`/`VALUE`, or `EXCEPTION`) into a
/// ``MoodleValue`` tree with libxml2's streaming `xmlTextReader`.
///
/// Streaming keeps memory proportional to the tree, and `XML_PARSE_HUGE` lifts libxml2's built-in
/// limits, so there is no size cliff like Foundation's 10,000,000-byte `XMLParser(data:)` limit.
/// An `EXCEPTION` document becomes the same object shape as Moodle's JSON error
/// (`exception`, `errorcode`, `message`, `debuginfo`).
struct XMLValueParser {
    struct Failure: Error, Sendable, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "invalid Moodle XML at line \(line): \(reason)" }
    }

    /// One open element while reading.
    private struct Frame {
        var name: String
        var attribute: String?
        var children: [MoodleValue] = []
        var fields: [String: MoodleValue] = [:]
        var text = ""
        var isNull = false
    }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> MoodleValue {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOCDATA.rawValue)
        let maybeReader = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    xmlReaderForMemory(chars, Int32(buffer.count), nil, "UTF-8", options)
                }
            }
        }
        guard let optionalReader = maybeReader, let reader = optionalReader else {
            throw Failure(line: 0, reason: "empty document")
        }
        defer { xmlFreeTextReader(reader) }
        // Silence libxml2's default printing to stderr; failures surface as thrown errors.
        xmlTextReaderSetErrorHandler(reader, { _, _, _, _ in }, nil)
        // `xmlReaderForMemory` does not copy, so the bytes must stay alive while reading.
        return try withExtendedLifetime(bytes) { () throws(Failure) -> MoodleValue in
            try read(reader)
        }
    }

    private static func read(_ reader: xmlTextReaderPtr) throws(Failure) -> MoodleValue {
        var stack: [Frame] = []
        var result: MoodleValue?
        func fail(_ reason: String) -> Failure {
            Failure(line: Int(xmlTextReaderGetParserLineNumber(reader)), reason: reason)
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 { throw fail("not well-formed (truncated or corrupted)") }
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
                var frame = Frame(name: name)
                switch name {
                case "KEY": frame.attribute = attribute("name", of: reader)
                case "EXCEPTION": frame.attribute = attribute("class", of: reader)
                case "VALUE": frame.isNull = attribute("null", of: reader) != nil
                default: break
                }
                if stack.isEmpty, result != nil { throw fail("more than one root element") }
                stack.append(frame)
                if xmlTextReaderIsEmptyElement(reader) == 1 {
                    try close(&stack, into: &result, fail: fail)
                }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                try close(&stack, into: &result, fail: fail)
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                guard !stack.isEmpty, let text = xmlTextReaderConstValue(reader) else { continue }
                stack[stack.count - 1].text += String(cString: text)
            default:
                continue
            }
        }
        guard stack.isEmpty, let result else { throw fail("document ended early") }
        return result
    }

    private static func attribute(_ name: String, of reader: xmlTextReaderPtr) -> String? {
        // Moving to the attribute and reading its const value avoids `xmlFree`, a C global that
        // Swift 6 treats as shared mutable state.
        guard xmlTextReaderMoveToAttribute(reader, name) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
    }

    private static func close(
        _ stack: inout [Frame], into result: inout MoodleValue?, fail: (String) -> Failure
    ) throws(Failure) {
        guard let frame = stack.popLast() else { throw fail("unbalanced end tag") }
        let value: MoodleValue
        var fieldName: String?
        switch frame.name {
        case "VALUE": value = frame.isNull ? .null : .string(frame.text)
        case "SINGLE": value = .object(frame.fields)
        case "MULTIPLE": value = .list(frame.children)
        case "KEY":
            guard let name = frame.attribute else { throw fail("KEY without a name") }
            guard frame.children.count <= 1 else { throw fail("KEY \(name) holds more than one value") }
            value = frame.children.first ?? .null
            fieldName = name
        case "RESPONSE":
            guard frame.children.count <= 1 else { throw fail("RESPONSE holds more than one value") }
            value = frame.children.first ?? .null
        case "EXCEPTION":
            var fields = frame.fields
            fields["exception"] = .string(frame.attribute ?? "")
            value = .object(fields)
        case "ERRORCODE", "MESSAGE", "DEBUGINFO":
            value = .string(frame.text)
            fieldName = frame.name.lowercased()
        default:
            throw fail("unexpected element <\(frame.name)>")
        }
        guard !stack.isEmpty else {
            guard frame.name == "RESPONSE" || frame.name == "EXCEPTION" else {
                throw fail("unexpected root element <\(frame.name)>")
            }
            result = value
            return
        }
        if let fieldName {
            stack[stack.count - 1].fields[fieldName] = value
        } else {
            stack[stack.count - 1].children.append(value)
        }
    }
}
