import CreditCore

/// Reads `identity:` — what a sync does when a valid SNILS turns up on two persons:
///
/// ```yaml
/// identity: { merge: auto }   # or review (the default): report a possible-duplicate finding
/// ```
enum IdentitySection {
    static func read(_ value: YAMLValue, into organisation: inout Organisation) {
        guard let keys = value.mapping else { return }
        defer { keys.rejectUnknownKeys() }
        guard let field = keys.optional("merge"), let text = field.string else { return }
        guard let policy = IdentityMergePolicy(rawValue: text) else {
            field.error("merge '\(text)' is not a policy; expected review or auto")
            return
        }
        organisation.identityMerge = policy
    }
}
