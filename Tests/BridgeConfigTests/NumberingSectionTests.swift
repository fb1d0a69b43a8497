import BridgeConfig
import CreditCore
import Testing

/// `numbering:` sets the prefixes of the document number series, and refuses prefixes that could
/// make two series write the same number.
@Suite("Numbering section")
struct NumberingSectionTests {
    func load(_ text: String) -> MappingLoader.Result {
        MappingLoader().load(files: [MappingLoader.File(name: "organisation.yaml", text: "version: 1\n" + text)])
    }

    @Test("prefixes are read; a series left out keeps its default")
    func prefixes() {
        let result = load("numbering: { certificates: \"УД/\", statements: \"СПР-\" }\n")
        #expect(result.diagnostics.isEmpty)
        let numbering = result.mapping.organisation.numbering
        #expect(numbering.prefix(for: .certificate) == "УД/" && numbering.prefix(for: .statement) == "СПР-")
        #expect(numbering.prefix(for: .cancellation) == "А-")
        #expect(load("").mapping.organisation.numbering == DocumentNumbering())
    }

    @Test("two series with one prefix, a prefix with spaces and an unknown key are errors naming the line")
    func refused() {
        let same = load("numbering: { certificates: \"С-\" }\n").diagnostics.map(\.description)
        #expect(same.count == 1)
        #expect(same.first?.contains("organisation.yaml:2") == true)
        #expect(same.first?.contains("the certificates and statements series both have the prefix 'С-'") == true)
        let spaced = load("numbering: { statements: \"С 1\" }\n").diagnostics.map(\.description)
        #expect(spaced.contains { $0.contains("prefix 'С 1' may hold at most 12 letters") })
        let typo = load("numbering: { certificate: \"X-\" }\n").diagnostics.map(\.description)
        #expect(typo.count == 1 && typo.first?.contains("certificate") == true)
    }
}
