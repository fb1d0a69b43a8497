import Testing

@testable import MoodleClient

@Suite("JSON and XML parsers")
struct ParserTests {
    @Test("JSON keeps number literals and decodes escapes")
    func jsonBasics() throws {
        let value = try JSONValueParser.parse(
            Array(#"{"a":66.666666666667,"b":"\u0426\/x\n","c":[true,null,-1e3],"d":{}}"#.utf8))
        #expect(value["a"] == .number("66.666666666667"))
        #expect(value["b"] == .string("Ц/x\n"))
        #expect(value["c"] == .list([.bool(true), .null, .number("-1e3")]))
        #expect(value["d"] == .object([:]))
        #expect(try JSONValueParser.parse(Array("true".utf8)) == .bool(true))
        #expect(try JSONValueParser.parse(Array(#""\ud83d\ude00""#.utf8)) == .string("😀"))
    }

    @Test(
        "truncated or corrupted JSON is rejected",
        arguments: [
            #"{"courses":[{"id":2,"fullname":"Ци"#, #"[1,2"#, #"{"a":}"#, #"{"a":1}x"#, "", #"{"a":tru}"#,
        ])
    func jsonRejects(text: String) {
        #expect(throws: JSONValueParser.Failure.self) { try JSONValueParser.parse(Array(text.utf8)) }
    }

    @Test("XML: SINGLE, MULTIPLE, KEY, VALUE, null, empty, entities and raw UTF-8")
    func xmlBasics() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <RESPONSE>
            <SINGLE>
            <KEY name="id"><VALUE>12</VALUE>
            </KEY>
            <KEY name="name"><VALUE>ПК-72 &amp; &lt;b&gt;ИКТ&lt;/b&gt;</VALUE>
            </KEY>
            <KEY name="empty"><VALUE></VALUE>
            </KEY>
            <KEY name="nothing"><VALUE null="null"/>
            </KEY>
            <KEY name="list"><MULTIPLE>
            </MULTIPLE>
            </KEY>
            <KEY name="items"><MULTIPLE><VALUE>1</VALUE><VALUE> 2 </VALUE></MULTIPLE></KEY>
            </SINGLE>
            </RESPONSE>
            """
        let value = try XMLValueParser.parse(Array(xml.utf8))
        #expect(
            value
                == .object([
                    "id": .string("12"), "name": .string("ПК-72 & <b>ИКТ</b>"), "empty": .string(""), "nothing": .null,
                    "list": .list([]), "items": .list([.string("1"), .string(" 2 ")]),
                ]))
    }

    @Test("XML top-level scalar, empty RESPONSE and EXCEPTION")
    func xmlShapes() throws {
        #expect(try XMLValueParser.parse(Array("<RESPONSE><VALUE>1</VALUE></RESPONSE>".utf8)) == .string("1"))
        #expect(try XMLValueParser.parse(Array("<RESPONSE>\n</RESPONSE>".utf8)) == .null)
        let exception = try XMLValueParser.parse(
            Array(
                """
                <?xml version="1.0" encoding="UTF-8" ?>
                <EXCEPTION class="core\\exception\\moodle_exception">
                <ERRORCODE>invalidtoken</ERRORCODE>
                <MESSAGE>Invalid token - token not found</MESSAGE>
                </EXCEPTION>
                """.utf8))
        #expect(
            exception.exceptionPayload
                == MoodleExceptionPayload(
                    exceptionClass: "core\\exception\\moodle_exception", errorCode: "invalidtoken",
                    message: "Invalid token - token not found", debugInfo: nil))
    }

    @Test(
        "truncated or foreign XML is rejected",
        arguments: [
            "<?xml version=\"1.0\" ?><RESPONSE><MULTIPLE><SINGLE><KEY name=\"id\"><VALUE>1",
            "<RESPONSE><SINGLE><KEY><VALUE>1</VALUE></KEY></SINGLE></RESPONSE>",
            "<html><body>Bad gateway</body></html>",
            "<RESPONSE><VALUE>1</VALUE></RESPONSE><RESPONSE/>",
        ])
    func xmlRejects(text: String) {
        #expect(throws: XMLValueParser.Failure.self) { try XMLValueParser.parse(Array(text.utf8)) }
    }

    /// Foundation's `XMLParser(data:)` refuses documents over 10,000,000 bytes; ours must not.
    @Test("responses over 10 MB parse in both formats and decode identically")
    func largeResponses() throws {
        let count = 24_000
        var json = "["
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<RESPONSE>\n<MULTIPLE>\n"
        let padding = String(repeating: "Ж", count: 180)
        for id in 1...count {
            if id > 1 { json += "," }
            json +=
                #"{"id":\#(id),"username":"user\#(id)","fullname":"Пользователь \#(padding)","idnumber":"PED-\#(id)","#
                + #""customfields":[{"type":"text","value":"\#(id)","name":"СНИЛС","shortname":"snils"}],"roles":[]}"#
            xml +=
                "<SINGLE>\n<KEY name=\"id\"><VALUE>\(id)</VALUE>\n</KEY>\n<KEY name=\"username\"><VALUE>user\(id)</VALUE>\n</KEY>\n"
                + "<KEY name=\"fullname\"><VALUE>Пользователь \(padding)</VALUE>\n</KEY>\n"
                + "<KEY name=\"idnumber\"><VALUE>PED-\(id)</VALUE>\n</KEY>\n"
                + "<KEY name=\"customfields\"><MULTIPLE>\n<SINGLE>\n<KEY name=\"type\"><VALUE>text</VALUE>\n</KEY>\n"
                + "<KEY name=\"value\"><VALUE>\(id)</VALUE>\n</KEY>\n<KEY name=\"name\"><VALUE>СНИЛС</VALUE>\n</KEY>\n"
                + "<KEY name=\"shortname\"><VALUE>snils</VALUE>\n</KEY>\n</SINGLE>\n</MULTIPLE>\n</KEY>\n"
                + "<KEY name=\"roles\"><MULTIPLE>\n</MULTIPLE>\n</KEY>\n</SINGLE>\n"
        }
        json += "]"
        xml += "</MULTIPLE>\n</RESPONSE>\n"
        let jsonBytes = Array(json.utf8), xmlBytes = Array(xml.utf8)
        #expect(jsonBytes.count > 10_000_000)
        #expect(xmlBytes.count > 10_000_000)
        let decoder = MoodleValueDecoder()
        let fromJSON = try decoder.decode([MoodleEnrolledUser].self, from: try JSONValueParser.parse(jsonBytes))
        let fromXML = try decoder.decode([MoodleEnrolledUser].self, from: try XMLValueParser.parse(xmlBytes))
        #expect(fromJSON.count == count)
        #expect(fromJSON == fromXML)
        #expect(fromXML.last?.customFields.first?.value == String(count))
    }
}

@Suite("Tolerant decoding")
struct DecoderTests {
    struct Sample: Decodable, Equatable {
        var id: Int
        var flag: Bool
        var ratio: Double?
        var name: String?
        var items: [Int]
        var nested: Nested?
    }

    struct Nested: Decodable, Equatable {
        var a: String?
    }

    @Test("numbers as strings, 0/1 booleans, missing lists, null structures, extra keys")
    func tolerance() throws {
        let decoder = MoodleValueDecoder()
        let fromXML = try decoder.decode(
            Sample.self,
            from: .object([
                "id": .string("7"), "flag": .string("1"), "ratio": .string("66.5"), "name": .null,
                "nested": .object(["a": .null]), "extra": .string("x"),
            ]))
        #expect(fromXML == Sample(id: 7, flag: true, ratio: 66.5, name: nil, items: [], nested: nil))
        let fromJSON = try decoder.decode(
            Sample.self,
            from: .object([
                "id": .number("7"), "flag": .bool(true), "ratio": .number("66.5"), "items": .list([]),
            ]))
        #expect(fromJSON == fromXML)
        #expect(try decoder.decode(Bool.self, from: .number("0")) == false)
        #expect(try decoder.decode(Int.self, from: .number("12.0")) == 12)
        #expect(try decoder.decode(String.self, from: .number("36")) == "36")
        #expect(throws: DecodingError.self) { try decoder.decode(Sample.self, from: .object(["flag": .bool(true)])) }
        #expect(throws: DecodingError.self) { try decoder.decode(Int.self, from: .string("abc")) }
    }
}

@Suite("Public parsing helpers")
struct PublicParsingTests {
    @Test("a fixture decodes through the public API in both formats")
    func publicHelpers() throws {
        let json = try MoodleValue.parse(json: Fixtures.bytes("core_cohort_get_cohorts/all.json"))
        let xml = try MoodleValue.parse(xml: Fixtures.bytes("core_cohort_get_cohorts/all.xml"))
        #expect(try json.decode(as: [MoodleCohort].self) == xml.decode(as: [MoodleCohort].self))
        #expect(throws: MoodleError.self) { try MoodleValue.parse(json: Array("{".utf8)) }
    }
}
