import StatesLanguage

extension ResourceARN {
    /// The resource as a box can show it: `ec2:rebootInstances`, `sns:publish.waitForTaskToken`,
    /// `lambda:CheckHealth`, `activity:Approve`.
    public var shortName: String {
        let lastPart = rawValue.split(separator: ":").last.map(String.init) ?? rawValue
        switch kind {
        case .awsSDK: return Summary.shortened("\(service ?? ""):\(resourceName)")
        case .optimized: return Summary.shortened("\(service ?? ""):\(resourceName)")
        case .lambdaFunction:
            let parts = rawValue.split(separator: ":", omittingEmptySubsequences: false)
            let name = parts.count > 6 ? String(parts[6]) : lastPart
            return Summary.shortened("lambda:" + name)
        case .activity: return Summary.shortened("activity:" + lastPart)
        case .custom: return Summary.shortened(rawValue)
        }
    }
}
