import Foundation
import Testing

@testable import BridgeConsole

@Suite("Console forms")
struct ConsoleFormTests {
    @Test("multipart bodies give their fields and files, bytes intact")
    func multipart() {
        let body = Array(
            ("--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"sheet\"; filename=\"май.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nA;B\r\n1;2\r\n\r\n--XyZ--\r\n").utf8)
        let form = ConsoleForm(contentType: "multipart/form-data; boundary=XyZ", body: body)
        #expect(form.fields == ["csrf": "abc"])
        #expect(form.files["sheet"]?.filename == "май.csv")
        #expect(form.files["sheet"]?.contents == Array("A;B\r\n1;2\r\n".utf8))
    }

    @Test("url-encoded bodies decode + and percent escapes; the first of a repeated field counts")
    func urlEncoded() {
        let form = ConsoleForm(
            contentType: "application/x-www-form-urlencoded",
            body: Array("login=%D0%B8+x&csrf=a%2Bb&csrf=second&empty=".utf8))
        #expect(form.fields == ["login": "и x", "csrf": "a+b", "empty": ""])
    }

    @Test("an uploaded file's name loses any folder a browser sends")
    func fileName() {
        #expect(SheetRoutes.fileName("C:\\Users\\reg\\май.csv") == "май.csv")
        #expect(SheetRoutes.fileName("../../etc/passwd") == "passwd")
        #expect(SheetRoutes.fileName("") == "sheet.csv")
    }

    @Test("tokens are 64 hex digits, each new; comparison needs the whole token")
    func tokens() {
        let a = RandomToken.make()
        let b = RandomToken.make()
        #expect(a.count == 64 && a != b && a.allSatisfy(\.isHexDigit))
        #expect(RandomToken.equal(a, a) && !RandomToken.equal(a, b) && !RandomToken.equal(a, String(a.dropLast())))
        #expect(!RandomToken.equal("", ""))
    }
}
