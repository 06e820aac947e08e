import Foundation
import StatesLanguage

@testable import StatesLanguageAWS

/// An HTTP client for moto that fills one gap: moto 5.2 answers CloudWatch's
/// `DisableAlarmActions` and `EnableAlarmActions` with a 500 (`NotImplementedError`).
///
/// The request our client serialised is still read: the alarm names come from its form body,
/// and the change is made the way moto supports, by putting each alarm again with
/// `ActionsEnabled` switched. Every other request goes to moto unchanged.
struct MotoAlarmActionsShim: HTTPClient {
    let configuration: AWSConfiguration
    let transport = URLSessionHTTPClient()

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let form = String(decoding: request.body, as: UTF8.self)
        let fields = form.split(separator: "&").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).removingPercentEncoding ?? String($0)
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
        guard let action = fields.first(where: { $0.0 == "Action" })?.1,
            action == "DisableAlarmActions" || action == "EnableAlarmActions"
        else { return try await transport.send(request) }
        let names = fields.filter { $0.0.hasPrefix("AlarmNames.member.") }.map { JSONValue.string($0.1) }
        let client = AWSClient(configuration: configuration, httpClient: transport)
        let described = try await client.call(
            service: "cloudwatch", action: "describeAlarms", parameters: ["AlarmNames": .array(names)])
        let putFields = Set(ServiceModel.named("cloudwatch")?.shapes["PutMetricAlarmInput"]?.members.map(\.name) ?? [])
        for alarm in described["MetricAlarms"]?.arrayValue ?? [] {
            var input = JSONObject()
            for (key, value) in alarm.objectValue ?? JSONObject() where putFields.contains(key) { input[key] = value }
            input["ActionsEnabled"] = .bool(action == "EnableAlarmActions")
            _ = try await client.call(service: "cloudwatch", action: "putMetricAlarm", parameters: .object(input))
        }
        return HTTPResponse(statusCode: 200, body: Array("<\(action)Response/>".utf8))
    }
}
