#if PostgreSQL
    import PostgresNIO

    /// Rows in the text format of `COPY … FROM STDIN`: tab between columns, a newline after each row,
    /// `\N` for NULL, and backslash, tab, newline and carriage return escaped inside values.
    struct PostgresCopyText {
        private(set) var buffer: ByteBuffer
        private var columnsInRow = 0

        init(capacity: Int) {
            buffer = ByteBufferAllocator().buffer(capacity: capacity)
        }

        mutating func append(_ value: String?) {
            if columnsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            columnsInRow += 1
            guard let value else {
                buffer.writeStaticString("\\N")
                return
            }
            let utf8 = value.utf8
            // Most values need no escaping: write them in one go.
            if !utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == 10 || $0 == 13 }) {
                buffer.writeString(value)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case 10: buffer.writeStaticString("\\n")
                case 13: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }

        mutating func append(_ value: Int) {
            append(String(value))
        }

        mutating func endRow() {
            buffer.writeInteger(UInt8(ascii: "\n"))
            columnsInRow = 0
        }

        /// Hands over what was written so far and starts an empty buffer.
        mutating func take() -> ByteBuffer {
            let full = buffer
            buffer = ByteBufferAllocator().buffer(capacity: full.capacity)
            return full
        }
    }
#endif
