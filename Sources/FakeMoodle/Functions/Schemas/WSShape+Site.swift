// Return shapes in Moodle 5.1 key order (derived from the captured XML, which lists every
// declared key, and the JSON, which gives the types).

extension WSShape {
    /// `core_webservice_get_site_info`.
    static let siteInfo: WSShape = .object([
        "sitename": .string,
        "username": .string,
        "firstname": .string,
        "lastname": .string,
        "fullname": .string,
        "lang": .string,
        "userid": .int,
        "siteurl": .string,
        "userpictureurl": .string,
        "functions": .list(
            .object([
                "name": .string,
                "version": .string,
            ])),
        "downloadfiles": .int,
        "uploadfiles": .int,
        "release": .string,
        "version": .string,
        "mobilecssurl": .string,
        "advancedfeatures": .list(
            .object([
                "name": .string,
                "value": .int,
            ])),
        "usercanmanageownfiles": .bool,
        "userquota": .int,
        "usermaxuploadfilesize": .int,
        "userhomepage": .int,
        "userhomepageurl": .string,
        "userprivateaccesskey": .string,
        "siteid": .int,
        "sitecalendartype": .string,
        "usercalendartype": .string,
        "userissiteadmin": .bool,
        "theme": .string,
        "limitconcurrentlogins": .int,
        "usersessionscount": .string,
        "policyagreed": .int,
    ])
}
