import CreditCore
import Foundation

/// Reads `sites:` — the Moodle sites (the domain part) and how to reach them (the connection part).
enum SitesSection {
    /// One entry of `sites:`, split into what the domain needs and how the site is reached.
    struct Entry {
        var site: SiteConfig
        var connection: SiteConnection
    }

    static func read(_ value: YAMLValue) -> [Entry] {
        (value.list ?? []).compactMap { item in
            guard let keys = item.mapping else { return nil }
            defer { keys.rejectUnknownKeys() }
            let id = keys.string("id")
            let name = keys.optionalString("name")
            let insecureHTTP = keys.optionalBool("insecure_http") ?? false
            let url = keys.required("url").flatMap { readURL($0, insecureHTTP: insecureHTTP) }
            let token = keys.required("token").flatMap(readToken)
            let format = keys.optional("format")?.oneOf(SiteConnection.ResponseFormat.self, what: "format")
            let timeZone = keys.optional("timezone").flatMap(readTimeZone)
            let identity = keys.required("identity").flatMap(readIdentity)
            let revocations = keys.optional("revocations")?
                .oneOf(SiteConfig.RevocationPolicy.self, what: "revocation policy")
            // `revocation_guard: { percent: 2, at_least: 5 }`
            let guardKeys = keys.optional("revocation_guard")?.mapping
            defer { guardKeys?.rejectUnknownKeys() }
            let siteID = SiteID(id ?? "?")
            let site = SiteConfig(
                id: siteID, name: name ?? id ?? "?", timeZone: timeZone ?? "Europe/Moscow",
                hoursField: keys.optionalString("hours_field"),
                programField: keys.optionalString("program_field"),
                identity: identity ?? [], revocations: revocations ?? .flag,
                fullSyncEveryDays: keys.optionalInt("full_sync_every_days") ?? 7,
                revocationGuardPercent: guardKeys?.optionalInt("percent").map(Double.init) ?? 2,
                revocationGuardMinimum: guardKeys?.optionalInt("at_least") ?? 5,
                location: item.location)
            let connection = SiteConnection(
                site: siteID, baseURL: url ?? URL(string: "https://invalid")!,
                token: token?.source ?? .environment("?"), format: format ?? .json,
                completionReportID: keys.optionalInt("completion_report"),
                maxConcurrentRequests: keys.optionalInt("concurrent_requests") ?? 4,
                requestsPerMinute: keys.optionalInt("requests_per_minute"),
                allowsInsecureHTTP: insecureHTTP, allowsSharedTokenFile: token?.shared ?? false,
                maxResponseMegabytes: keys.optional("max_response_mb").flatMap(readMegabytes),
                location: item.location)
            // A site with other problems is kept, so that modules naming it are not reported too.
            return id == nil ? nil : Entry(site: site, connection: connection)
        }
    }

    private static func readURL(_ value: YAMLValue, insecureHTTP: Bool) -> URL? {
        guard let text = value.string else { return nil }
        guard let url = URL(string: text), let host = url.host, ["http", "https"].contains(url.scheme?.lowercased())
        else {
            value.error("'\(text)' is not a web address such as https://moodle.example.ru")
            return nil
        }
        if url.scheme?.lowercased() == "http", !insecureHTTP, !Self.isLoopback(host) {
            value.error(
                "'\(text)' is plain http: the token would cross the network in clear text; use https, or say `insecure_http: true` for this site if the network is trusted"
            )
            return nil
        }
        return url
    }

    private static func readMegabytes(_ value: YAMLValue) -> Int? {
        guard let megabytes = value.int else { return nil }
        guard (1...4096).contains(megabytes) else {
            value.error("max_response_mb is \(megabytes); give 1…4096 (MiB)")
            return nil
        }
        return megabytes
    }

    /// Whether `host` names this machine.
    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return name == "localhost" || name.hasSuffix(".localhost") || name == "::1" || name.hasPrefix("127.")
    }

    /// Whether `text` looks like a token rather than a variable name or a path: a Moodle token is
    /// 32 hexadecimal characters; any run of 20 or more letters and digits mixing both is taken for one.
    static func looksLikeToken(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 20, trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return false
        }
        let isHex = trimmed.allSatisfy(\.isHexDigit)
        return isHex
            || (trimmed.contains(where: \.isNumber) && trimmed.contains(where: \.isLetter)
                && !trimmed.contains(where: \.isUppercase))
    }

    private static func readToken(_ value: YAMLValue) -> (source: SiteConnection.TokenSource, shared: Bool)? {
        guard value.node.mapping != nil else {
            value.error(
                "a token is never written in a mapping file: give its source, `token: { env: VARIABLE }` or `token: { file: /path/to/token }`"
            )
            return nil
        }
        guard let keys = value.mapping else { return nil }
        let env = keys.optionalString("env")
        let file = keys.optionalString("file")
        let shared = keys.optionalBool("readable_by_others") ?? false
        keys.rejectUnknownKeys()
        // The value itself is never repeated in a message: it may be the token.
        for (key, text) in [("env", env), ("file", file)] {
            guard let text, looksLikeToken(text) else { continue }
            (keys.optional(key) ?? value).error(
                "`\(key):` holds what looks like a token itself, not a \(key == "env" ? "variable name" : "file path"): a token is never written in a mapping file; put it in an environment variable or a file and name that here — and replace the token in Moodle, since it has been written down"
            )
            return nil
        }
        if let env, env.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) == nil {
            (keys.optional("env") ?? value).error(
                "`env:` must name an environment variable (letters, digits and _, e.g. MOODLE_TOKEN_RIPK)")
            return nil
        }
        switch (env, file) {
        case (let name?, nil): return (.environment(name), false)
        case (nil, let path?): return (.file(path), shared)
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
