import BridgeApplication
import CreditCore
import Hummingbird

/// Persons who look like one teacher, and merging them: `/duplicates` lists the possible duplicates
/// (``FindPossibleDuplicates``, every role); `POST /persons/merge` merges one person into another
/// (``MergePersons``) and `POST /persons/unmerge` undoes it (``UnmergePersons``), administrators only,
/// the staff login recorded as who did it. Each answers with the card of the person kept.
struct MergeRoutes {
    let console: Console

    func add(to router: Router<ConsoleRequestContext>) {
        let learners = LearnerRoutes(console: console)
        router.get("/duplicates") { request, context in
            try await console.page(.read, request, context) { signedIn in
                let pairs = try await FindPossibleDuplicates(ledger: console.ledger).run()
                let language = signedIn.language
                var values = console.values(signedIn, title: "duplicates", section: "duplicates")
                values["canMerge"] = signedIn.member.role.may(.mergePersons)
                values["pairs"] = pairs.map { pair in
                    [
                        "first": Self.side(pair.first), "second": Self.side(pair.second),
                        "detail": language == .ru ? pair.detail.ru : pair.detail.en,
                    ] as [String: Any]
                }
                return console.pages.render("duplicates", values)
            }
        }
        router.post("/persons/merge") { request, context in
            try await console.form(.mergePersons, request, context) { signedIn, form in
                let keep = form["keep"] ?? ""
                let result = try await MergePersons(mapping: console.mapping, ledger: console.ledger, now: console.now)
                    .run(
                        .init(
                            keep: keep, other: form["other"] ?? "", reason: form["reason"] ?? "",
                            operator: signedIn.member.login))
                let texts = signedIn.language.texts
                var notice =
                    "\(texts["mergedNow"] ?? ""): \(result.merge.merge.other) → \(result.merge.merge.keep) (\(result.after.hours.value))"
                if !result.documents.isEmpty {
                    notice += "; " + result.documents.map { signedIn.language == .ru ? $0.text.ru : $0.text.en }
                        .joined(separator: "; ")
                }
                return try await learners.card(signedIn, person: keep, notice: notice)
            }
        }
        router.post("/persons/unmerge") { request, context in
            try await console.form(.mergePersons, request, context) { signedIn, form in
                let result = try await UnmergePersons(
                    mapping: console.mapping, ledger: console.ledger, now: console.now
                )
                .run(.init(other: form["other"] ?? "", reason: form["reason"] ?? "", operator: signedIn.member.login))
                let notice =
                    "\(signedIn.language.texts["unmergedNow"] ?? ""): \(result.merge.merge.other) ← \(result.merge.merge.keep)"
                return try await learners.card(signedIn, person: result.merge.merge.keep.rawValue, notice: notice)
            }
        }
    }

    static func side(_ side: FindPossibleDuplicates.Side) -> [String: Any] {
        [
            "person": side.person, "name": side.name, "modules": side.modules, "hours": side.hours,
            "sites": side.sites.joined(separator: ", "),
        ]
    }
}
