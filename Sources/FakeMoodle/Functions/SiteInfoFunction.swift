/// `core_webservice_get_site_info`: the token user, the site and the service's functions.
enum SiteInfoFunction {
    static let function = WSFunction(
        name: "core_webservice_get_site_info", parameters: ["serviceshortnames"], returns: .siteInfo
    ) { _, caller, state in
        let scenario = state.scenario
        let site = scenario.site
        let user = scenario.user(id: caller.userID)
        let isAdmin = site.adminUserIDs.contains(caller.userID)
        let features: [(String, Int)] = [
            ("usecomments", 1), ("usetags", 1), ("enablenotes", 1), ("messaging", 1), ("enableblogs", 1),
            ("enablecompletion", 1), ("enablebadges", 1), ("messagingallusers", 0), ("enablecustomreports", 1),
            ("enableglobalsearch", 0), ("mnet_dispatcher_mode", 0), ("enablecompetencies", 1),
        ]
        return [
            "sitename": .string(site.name),
            "username": .string(user?.username ?? ""),
            "firstname": .string(user?.firstname ?? ""),
            "lastname": .string(user?.lastname ?? ""),
            "fullname": .string(user?.fullname ?? ""),
            "lang": .string(site.lang),
            "userid": .int(caller.userID),
            "siteurl": .string(site.url),
            "userpictureurl": .string(site.url + "/theme/image.php/boost/core/1/u/f1"),
            "functions": .list(
                caller.service.functions.map { ["name": .string($0), "version": .string(site.version)] }),
            "downloadfiles": 0,
            "uploadfiles": 0,
            "release": .string(site.release),
            "version": .string(site.version),
            "mobilecssurl": "",
            "advancedfeatures": .list(features.map { ["name": .string($0.0), "value": .int($0.1)] }),
            "usercanmanageownfiles": true,
            "userquota": isAdmin ? 0 : 104_857_600,
            "usermaxuploadfilesize": isAdmin ? -1 : 67_108_864,
            "userhomepage": 1,
            "userprivateaccesskey": .string(String(repeating: "0", count: 32)),
            "siteid": 1,
            "sitecalendartype": "gregorian",
            "usercalendartype": "gregorian",
            "userissiteadmin": .bool(isAdmin),
            "theme": "boost",
            "limitconcurrentlogins": 0,
            "policyagreed": 0,
        ]
    }
}
