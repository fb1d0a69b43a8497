import CreditCore

/// The identity keys of a Moodle user that cannot serve as keys: a SNILS that fails its check
/// digits, an e-mail address that is not one. Such a key is left out of matching; each becomes a
/// finding naming the site, the user, the field and the value, so that someone corrects the profile.
enum IdentityKeyCheck {
    static func findings(for user: MoodleIdentity, site: SiteConfig) -> [SyncFinding] {
        var findings: [SyncFinding] = []
        let who = user.username ?? user.siteKey
        for key in site.identity {
            switch key {
            case .profileField(let field) where field.lowercased() == "snils":
                guard let raw = user.profile.first(where: { $0.key.lowercased() == "snils" })?.value,
                    !raw.trimmingCharacters(in: .whitespaces).isEmpty
                else { continue }
                do { _ = try SNILS(parsing: raw) } catch {
                    let problem = error
                    let value = raw.prefix(32)
                    findings.append(
                        SyncFinding(
                            kind: .invalidKey, site: site.id, user: who, field: field,
                            detail: LocalizedText(
                                ru:
                                    "поле профиля \(field) содержит «\(value)»: \(problem.text.ru); по нему слушатель не сопоставляется — исправьте профиль пользователя в Moodle",
                                en:
                                    "profile field \(field) holds '\(value)': \(problem); the bridge does not match by it — correct it in the user's Moodle profile"
                            )))
                }
            case .email:
                guard let email = user.email?.trimmingCharacters(in: .whitespaces), !email.isEmpty,
                    !isAddress(email)
                else { continue }
                findings.append(
                    SyncFinding(
                        kind: .invalidKey, site: site.id, user: who, field: "email",
                        detail: LocalizedText(
                            ru:
                                "поле email содержит «\(email.prefix(64))», это не адрес электронной почты; по нему слушатель не сопоставляется — исправьте профиль пользователя в Moodle",
                            en:
                                "email holds '\(email.prefix(64))', which is not an e-mail address; the bridge does not match by it — correct it in the user's Moodle profile"
                        )))
            default: continue
            }
        }
        for (field, name) in [("firstname", user.firstName), ("lastname", user.lastName)] {
            guard let name, let unsafe = TextSafety.firstUnsafeScalar(in: name) else { continue }
            let shown = TextSafety.removingUnsafe(name).prefix(64)
            let what = TextSafety.text(of: unsafe)
            findings.append(
                SyncFinding(
                    kind: .unsafeName, site: site.id, user: who, field: field,
                    detail: LocalizedText(
                        ru:
                            "поле \(field) («\(shown)») содержит \(what.ru); в реестр записано без него — исправьте профиль пользователя в Moodle",
                        en:
                            "\(field) ('\(shown)') holds \(what.en); the ledger stores the name without it — correct it in the user's Moodle profile"
                    )))
        }
        return findings
    }

    /// A second user of one site with an idnumber another user has: an idnumber names one person.
    static func sharedIdnumber(_ idnumber: String, user: String, owner: String, site: SiteConfig) -> SyncFinding {
        let value = idnumber.prefix(64)
        return SyncFinding(
            kind: .invalidKey, site: site.id, user: user, field: "idnumber",
            detail: LocalizedText(
                ru:
                    "idnumber «\(value)» есть и у пользователя \(owner) этого сайта: idnumber должен принадлежать одному человеку — исправьте его у одного из двух в Moodle",
                en:
                    "idnumber '\(value)' is also the idnumber of user \(owner) of this site: an idnumber belongs to one person — correct it for one of the two in Moodle"
            ))
    }

    /// One `@` between a non-empty local part and a domain with a dot, no spaces.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }
}
