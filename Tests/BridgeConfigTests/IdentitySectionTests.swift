import BridgeConfig
import CreditCore
import Testing

/// `identity: { merge: … }` says what a sync does when a valid SNILS turns up on two persons.
@Suite("Identity section")
struct IdentitySectionTests {
    func load(_ text: String) -> MappingLoader.Result {
        MappingLoader().load(files: [MappingLoader.File(name: "organisation.yaml", text: "version: 1\n" + text)])
    }

    @Test("merge: auto is read; left out, the policy is review")
    func policies() {
        let auto = load("identity: { merge: auto }\n")
        #expect(auto.diagnostics.isEmpty)
        #expect(auto.mapping.organisation.identityMerge == .auto)
        #expect(load("identity: { merge: review }\n").mapping.organisation.identityMerge == .review)
        #expect(load("").mapping.organisation.identityMerge == .review)
    }

    @Test("an unknown policy and an unknown key are errors naming the line")
    func refused() {
        let wrong = load("identity: { merge: always }\n").diagnostics.map(\.description)
        #expect(wrong.count == 1)
        #expect(wrong.first?.contains("organisation.yaml:2") == true)
        #expect(wrong.first?.contains("merge 'always' is not a policy; expected review or auto") == true)
        let typo = load("identity: { merges: auto }\n").diagnostics.map(\.description)
        #expect(typo.count == 1 && typo.first?.contains("merges") == true)
    }
}
