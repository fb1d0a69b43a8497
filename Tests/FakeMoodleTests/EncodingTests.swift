import Foundation
import Testing

@testable import FakeMoodle

@Suite("Wire encodings")
struct EncodingTests {
    @Test("PHP bracket syntax decodes into a nested value")
    func formDecoding() {
        let value = FormValue.decode(fields: [
            ("courseid", "2"), ("options[0][name]", "limitfrom"), ("options[0][value]", "0"),
            ("options[1][name]", "limitnumber"), ("options[1][value]", "50"), ("ids[]", "3"), ("ids[]", "7"),
            ("courseid", "5"),
        ])
        #expect(value["courseid"]?.text == "5", "a later field wins, as POST over GET")
        #expect(value["options"]?.elements?.count == 2)
        #expect(value["options"]?["1"]?["value"]?.text == "50")
        #expect(value["ids"]?.elements?.compactMap(\.text) == ["3", "7"])
    }

    @Test("JSON escapes non-ASCII and slashes like PHP")
    func jsonEscaping() {
        let text = PHPJSONEncoder.encode(["a": "Ц/<p>\"", "b": true], shape: .object(["a": .string, "b": .bool]))
        #expect(text == #"{"a":"\u0426\/<p>\"","b":true}"#)
    }

    @Test("JSON casts to the declared type and omits absent keys")
    func jsonCasting() {
        let shape = WSShape.object(["visible": .int, "completed": .bool, "progress": .float, "lastaccess": .int])
        let text = PHPJSONEncoder.encode(["visible": true, "completed": 1, "progress": 100.0], shape: shape)
        #expect(text == #"{"visible":1,"completed":true,"progress":100}"#)
    }

    @Test("XML emits absent keys as null, booleans as 1/0 and empty lists on two lines")
    func xmlPlaceholders() {
        let shape = WSShape.object(["ok": .bool, "missing": .string, "list": .list(.int), "name": .string])
        let text = MoodleXMLEncoder.encode(["ok": true, "list": [], "name": "a&b"], shape: shape)
        #expect(
            text == """
                <?xml version="1.0" encoding="UTF-8" ?>
                <RESPONSE>
                <SINGLE>
                <KEY name="ok"><VALUE>1</VALUE>
                </KEY>
                <KEY name="missing"><VALUE null="null"/>
                </KEY>
                <KEY name="list"><MULTIPLE>
                </MULTIPLE>
                </KEY>
                <KEY name="name"><VALUE>a&amp;b</VALUE>
                </KEY>
                </SINGLE>
                </RESPONSE>

                """)
    }

    @Test("report dates use the site timezone with minute precision")
    func reportDates() {
        let format = MoodleDateFormat(timeZoneIdentifier: "Europe/Moscow")
        #expect(format.string(fromUnix: 1_740_836_499) == "Saturday, 1 March 2025, 4:41 PM")
        #expect(format.string(fromUnix: 1_738_098_000) == "Wednesday, 29 January 2025, 12:00 AM")
    }
}
