/// Serialises a ``WSValue`` as Moodle's REST XML (`webservice/rest/locallib.php`).
///
/// Booleans become `1`/`0`, null becomes `<VALUE null="null"/>`, and, as on Moodle 5.1, a key
/// absent from the value is still emitted: a scalar as null, a list as an empty `MULTIPLE`, a
/// structure as a `SINGLE` whose scalars are null.
enum MoodleXMLEncoder {
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"

    static func encode(_ value: WSValue, shape: WSShape) -> String {
        var out = header + "<RESPONSE>\n"
        write(value, shape: shape, into: &out)
        out += "</RESPONSE>\n"
        return out
    }

    /// An error body: `<EXCEPTION class="…"><ERRORCODE>…</ERRORCODE><MESSAGE>…</MESSAGE></EXCEPTION>`.
    static func encodeException(className: String, errorCode: String?, message: String) -> String {
        var out = header + "<EXCEPTION class=\"\(escape(className))\">\n"
        if let errorCode { out += "<ERRORCODE>\(escape(errorCode))</ERRORCODE>\n" }
        out += "<MESSAGE>\(escape(message))</MESSAGE>\n</EXCEPTION>\n"
        return out
    }

    private static func write(_ value: WSValue?, shape: WSShape, into out: inout String) {
        switch shape {
        case .list(let element):
            out += "<MULTIPLE>\n"
            if case .list(let items)? = value {
                for item in items { write(item, shape: element, into: &out) }
            }
            out += "</MULTIPLE>\n"
        case .single(let fields):
            let dict: [String: WSValue]? = if case .object(let d)? = value { d } else { nil }
            out += "<SINGLE>\n"
            for field in fields {
                out += "<KEY name=\"\(field.name)\">"
                write(dict?[field.name], shape: field.shape, into: &out)
                out += "</KEY>\n"
            }
            out += "</SINGLE>\n"
        case .int, .float, .bool, .string, .raw:
            guard let value, value != .null else {
                out += "<VALUE null=\"null\"/>\n"
                return
            }
            out += "<VALUE>\(escape(text(of: value, shape: shape)))</VALUE>\n"
        }
    }

    private static func text(of value: WSValue, shape: WSShape) -> String {
        switch (shape, value) {
        case (.bool, .string(let s)): (s == "1" || s == "true") ? "1" : "0"
        case (.int, .double(let d)): String(Int(d))
        case (.int, .string(let s)): String(Int(s) ?? 0)
        default: value.scalarText ?? ""
        }
    }

    /// PHP `htmlspecialchars` with `ENT_QUOTES`.
    static func escape(_ s: String) -> String {
        guard s.contains(where: { "<>&\"'".contains($0) }) else { return s }
        var out = ""
        out.reserveCapacity(s.count + 16)
        for ch in s {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#039;"
            default: out.append(ch)
            }
        }
        return out
    }
}
