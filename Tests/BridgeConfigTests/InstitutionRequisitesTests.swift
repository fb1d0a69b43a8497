import BridgeConfig
import CreditCore
import Testing

/// `institution_requisites:` holds the lines printed under the institution's name.
@Suite("Institution requisites")
struct InstitutionRequisitesTests {
    func load(_ text: String) -> MappingLoader.Result {
        MappingLoader().load(files: [MappingLoader.File(name: "organisation.yaml", text: "version: 1\n" + text)])
    }

    @Test("a list of lines is read in order; none by default")
    func lines() {
        let result = load("institution_requisites:\n  - \"ул. Учительская, д. 1\"\n  - ИНН 0000000000\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.mapping.organisation.requisites == ["ул. Учительская, д. 1", "ИНН 0000000000"])
        #expect(load("").mapping.organisation.requisites.isEmpty)
    }

    @Test("a single value instead of a list is an error naming the line")
    func notAList() {
        let problems = load("institution_requisites: ИНН 0000000000\n").diagnostics.map(\.description)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("organisation.yaml:2") == true)
        #expect(problems.first?.contains("expected a list") == true)
    }
}
