/// How every backend stores a person: `id` and one text column per ``PersonField``, named by the
/// field's raw value. Names are never NULL: a person known only by SNILS so far has them empty.
extension Person {
    public static let storedColumns = ["id"] + PersonField.allCases.map(\.rawValue)

    /// The values of ``storedColumns``, in order.
    public var storedValues: [String?] {
        [id.rawValue] + PersonField.allCases.map { field in
            self[field] ?? (field == .lastName || field == .firstName ? "" : nil)
        }
    }

    /// A person from its stored columns; a value a field cannot hold is left out.
    public init(id: PersonID, stored: (String) -> String?) {
        self.init(id: id, lastName: "", firstName: "")
        for field in PersonField.allCases {
            if let text = stored(field.rawValue) { set(field, to: text) }
        }
    }
}
