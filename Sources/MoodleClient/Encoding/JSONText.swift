/// Minimal JSON writer for batch arguments (`requests[i][arguments]` is a JSON string).
enum JSONText {
    static func encode(_ parameter: MoodleParameter) -> String {
        var output = ""
        write(parameter, to: &output)
        return output
    }

    private static func write(_ parameter: MoodleParameter, to output: inout String) {
        switch parameter {
        case .string(let text): writeString(text, to: &output)
        case .int(let number): output += String(number)
        // 1/0 rather than true/false, matching what the form encoding sends.
        case .bool(let flag): output += flag ? "1" : "0"
        case .list(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                write(item, to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                writeString(member.name, to: &output)
                output += ":"
                write(member.value, to: &output)
            }
            output += "}"
        }
    }

    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
