import CreditCore
import Testing

@Suite("SNILS")
struct SNILSTests {
    @Test(
        "valid numbers are accepted and written canonically",
        arguments: [
            ("112-233-445 95", "112-233-445 95"),
            ("11223344595", "112-233-445 95"),
            ("087-654-303 00", "087-654-303 00"),
            ("001-001-997 00", "001-001-997 00"),
        ])
    func valid(text: String, formatted: String) throws {
        #expect(try SNILS(parsing: text).formatted == formatted)
    }

    @Test("a mistyped digit is caught by the checksum")
    func checksum() {
        #expect(throws: SNILS.Problem.checksumMismatch(expected: "95", found: "96")) {
            try SNILS(parsing: "112-233-445 96")
        }
    }

    @Test("wrong length and letters are refused")
    func malformed() {
        #expect(throws: SNILS.Problem.wrongLength(10)) { try SNILS(parsing: "112-233-445 9") }
        #expect(throws: SNILS.Problem.notDigits) { try SNILS(parsing: "112-233-44A 95") }
    }

    @Test("the checksum rule: sums of 100 and 101 give 00, larger sums are taken modulo 101")
    func checksumRule() {
        #expect(SNILS.checksum(ofFirstNine: "112233445") == "95")
        #expect(SNILS.checksum(ofFirstNine: "000000000") == "00")
    }
}
