/// An issued, not cancelled certificate or statement that certifies a credit since reversed: the
/// document stays as issued, and a registrar decides whether to cancel it and issue another.
///
/// ```swift
/// DocumentReliance.find(in: documents, reversed: [credit.id])
/// // [certificate 2026-00007 relies on reversed credit E375]
/// ```
public struct DocumentReliance: Hashable, Sendable, CustomStringConvertible {
    public var kind: DocumentRequest.Kind
    public var registrationNumber: String
    public var route: RouteID
    public var person: PersonID
    public var module: ModuleID
    public var credit: EntryID

    public init(
        kind: DocumentRequest.Kind, registrationNumber: String, route: RouteID, person: PersonID, module: ModuleID,
        credit: EntryID
    ) {
        self.kind = kind
        self.registrationNumber = registrationNumber
        self.route = route
        self.person = person
        self.module = module
        self.credit = credit
    }

    /// `certificate 2026-00007 relies on reversed credit E375`.
    public var description: String { text.en }

    /// The same in both languages.
    public var text: LocalizedText {
        let russian = kind == .statement ? "справка" : "удостоверение"
        return LocalizedText(
            ru: "\(russian) \(registrationNumber) опирается на сторнированный зачёт \(credit)",
            en: "\(kind.rawValue) \(registrationNumber) relies on reversed credit \(credit)")
    }

    /// The documents of `documents` that are not cancelled and certify one of the `reversed`
    /// credits, in issue order, one line per document and credit. Documents issued before their
    /// modules were stored certify nothing that can be checked.
    public static func find(in documents: [IssuedDocument], reversed: Set<EntryID>) -> [DocumentReliance] {
        guard !reversed.isEmpty else { return [] }
        let cancelled = Set(documents.compactMap { $0.request.kind == .cancellation ? $0.request.cancels : nil })
        return documents.flatMap { document -> [DocumentReliance] in
            guard document.request.kind != .cancellation, !cancelled.contains(document.registrationNumber) else {
                return []
            }
            return (document.request.content?.modules ?? []).filter { reversed.contains($0.entry) }.map {
                DocumentReliance(
                    kind: document.request.kind, registrationNumber: document.registrationNumber,
                    route: document.request.route, person: document.request.person, module: $0.module,
                    credit: $0.entry)
            }
        }
    }
}
