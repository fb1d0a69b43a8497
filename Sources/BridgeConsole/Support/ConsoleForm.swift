import Foundation

/// The fields of a posted form: `application/x-www-form-urlencoded`, or `multipart/form-data` with
/// uploaded files.
struct ConsoleForm: Sendable {
    struct File: Sendable {
        var filename: String
        var contents: [UInt8]
    }

    var fields: [String: String] = [:]
    var files: [String: File] = [:]

    subscript(name: String) -> String? { fields[name] }

    init(fields: [String: String] = [:], files: [String: File] = [:]) {
        self.fields = fields
        self.files = files
    }

    /// Parses `body` as the content type says; an unknown type gives an empty form.
    init(contentType: String?, body: [UInt8]) {
        let type = contentType ?? ""
        if type.lowercased().hasPrefix("multipart/form-data"), let boundary = Self.boundary(in: type) {
            self = MultipartParser.parse(body, boundary: boundary)
        } else if type.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            self.init(fields: Self.urlEncoded(String(decoding: body, as: UTF8.self)))
        } else {
            self.init()
        }
    }

    static func urlEncoded(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String {
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decoded(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decoded(parts[1]) : "" }
        }
        return fields
    }

    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}

/// Splits a `multipart/form-data` body into its fields and files.
enum MultipartParser {
    static func parse(_ body: [UInt8], boundary: String) -> ConsoleForm {
        var form = ConsoleForm()
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n\r\n".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var starts = ranges(of: delimiter, in: body[...])
        guard !starts.isEmpty else { return form }
        starts.append(body.endIndex..<body.endIndex)
        for (current, next) in zip(starts, starts.dropFirst()) {
            var part = body[current.upperBound..<next.lowerBound]
            // The part begins with CRLF after the delimiter and ends with CRLF before the next one.
            if part.starts(with: [13, 10]) { part = part.dropFirst(2) }
            if part.count >= 2, part.suffix(2).elementsEqual([13, 10]) { part = part.dropLast(2) }
            parts.append(part)
        }
        for part in parts {
            guard let headerEnd = ranges(of: separator, in: part).first else { continue }
            let headers = String(decoding: part[part.startIndex..<headerEnd.lowerBound], as: UTF8.self)
            let content = Array(part[headerEnd.upperBound...])
            guard
                let disposition = headers.split(separator: "\r\n").first(where: {
                    $0.lowercased().hasPrefix("content-disposition:")
                })
            else { continue }
            let name = parameter("name", in: disposition)
            guard let name else { continue }
            if let filename = parameter("filename", in: disposition) {
                form.files[name] = .init(filename: filename, contents: content)
            } else {
                form.fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
        return form
    }

    private static func parameter(_ key: String, in header: Substring) -> String? {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == key {
                return String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    private static func ranges(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        guard !needle.isEmpty, haystack.count >= needle.count else { return found }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) {
                found.append(index..<index + needle.count)
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}
