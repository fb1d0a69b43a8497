import CreditCore
import Foundation

/// Reads `sites:` — the Moodle sites and how to reach them.
enum SitesSection {
    static func read(_ value: YAMLValue) -> [SiteConfig] {
        (value.list ?? []).compactMap { item in
            guard let keys = item.mapping else { return nil }
            defer { keys.rejectUnknownKeys() }
            let id = keys.string("id")
            let name = keys.optionalString("name")
            let url = keys.required("url").flatMap(readURL)
            let token = keys.required("token").flatMap(readToken)
            let format = keys.optional("format")?.oneOf(SiteConfig.ResponseFormat.self, what: "format")
            let timeZone = keys.optional("timezone").flatMap(readTimeZone)
            let identity = keys.required("identity").flatMap(readIdentity)
            let revocations = keys.optional("revocations")?
                .oneOf(SiteConfig.RevocationPolicy.self, what: "revocation policy")
            let site = SiteConfig(
                id: SiteID(id ?? "?"), name: name ?? id ?? "?",
                baseURL: url ?? URL(string: "https://invalid")!, token: token ?? .environment("?"),
                format: format ?? .json, timeZone: timeZone ?? "Europe/Moscow",
                hoursField: keys.optionalString("hours_field"),
                programField: keys.optionalString("program_field"),
                identity: identity ?? [], completionReportID: keys.optionalInt("completion_report"),
                revocations: revocations ?? .flag,
                maxConcurrentRequests: keys.optionalInt("concurrent_requests") ?? 4,
                requestsPerMinute: keys.optionalInt("requests_per_minute"),
                fullSyncEveryDays: keys.optionalInt("full_sync_every_days") ?? 7,
                location: item.location)
            // A site with other problems is kept, so that modules naming it are not reported too.
            return id == nil ? nil : site
        }
    }

    private static func readURL(_ value: YAMLValue) -> URL? {
        guard let text = value.string else { return nil }
        guard let url = URL(string: text), url.host != nil else {
            value.error("'\(text)' is not a web address such as https://moodle.example.ru")
            return nil
        }
        return url
    }

    private static func readToken(_ value: YAMLValue) -> SiteConfig.TokenSource? {
        guard value.node.mapping != nil else {
            value.error(
                "a token is never written in a mapping file: give its source, `token: { env: VARIABLE }` or `token: { file: /path/to/token }`"
            )
            return nil
        }
        guard let keys = value.mapping else { return nil }
        let env = keys.optionalString("env")
        let file = keys.optionalString("file")
        keys.rejectUnknownKeys()
        switch (env, file) {
        case (let name?, nil): return .environment(name)
        case (nil, let path?): return .file(path)
        case (nil, nil):
            value.error("missing token source: give `env: VARIABLE` or `file: /path/to/token`")
        default:
            value.error("give one token source, `env` or `file`, not both")
        }
        return nil
    }

    private static func readTimeZone(_ value: YAMLValue) -> String? {
        guard let text = value.string else { return nil }
        guard TimeZone(identifier: text) != nil else {
            value.error("unknown time zone '\(text)' (use a name such as Europe/Moscow)")
            return nil
        }
        return text
    }

    private static func readIdentity(_ value: YAMLValue) -> [SiteConfig.IdentityKey]? {
        guard let items = value.list else { return nil }
        let keys = items.compactMap { item -> SiteConfig.IdentityKey? in
            guard let text = item.string else { return nil }
            switch text {
            case "idnumber": return .idnumber
            case "email": return .email
            case "username": return .username
            case _ where text.hasPrefix("profile.") && text.count > 8:
                return .profileField(String(text.dropFirst(8)))
            default:
                item.error("unknown identity key '\(text)'; expected idnumber, email, username or profile.FIELD")
                return nil
            }
        }
        return keys.count == items.count ? keys : nil
    }
}
