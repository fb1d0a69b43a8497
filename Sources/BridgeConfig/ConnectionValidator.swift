import CreditCore

/// Checks the connection settings of the sites as read: the address scheme and the request limits.
///
/// What a single value shows by itself (a token written in the file, plain http to another host) is
/// reported while reading; this checks what the read values hold together.
struct ConnectionValidator {
    /// The problems of `connections`, one entry per site entry read (duplicates included).
    func validate(_ connections: [SiteConnection]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for connection in connections {
            let site = connection.site
            if !["http", "https"].contains(connection.baseURL.scheme?.lowercased() ?? "") {
                found.append(
                    .error(
                        "site '\(site)': url must start with https:// (or http://)", at: connection.location,
                        key: "url"))
            }
            if connection.maxConcurrentRequests < 1 {
                found.append(
                    .error(
                        "site '\(site)': concurrent_requests must be at least 1", at: connection.location,
                        key: "limits.concurrent_requests"))
            }
            if let perMinute = connection.requestsPerMinute, perMinute < 1 {
                found.append(
                    .error(
                        "site '\(site)': requests_per_minute must be at least 1", at: connection.location,
                        key: "limits.requests_per_minute"))
            }
        }
        return found
    }
}
