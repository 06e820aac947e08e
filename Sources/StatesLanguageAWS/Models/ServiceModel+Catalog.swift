extension ServiceModel {
    /// The services with models, by their Step Functions name (`ec2`, `elasticloadbalancingv2`, `sfn`).
    package static let serviceNames: [String] = [
        "autoscaling", "cloudfront", "cloudwatch", "dynamodb", "ec2", "ecs", "elasticloadbalancingv2",
        "eventbridge", "lambda", "rds", "s3", "sfn", "sns", "sqs", "ssm", "sts",
    ]

    /// The model for a Step Functions service name, parsing it on first use; `nil` when unknown.
    ///
    /// Optimized integrations name some services differently from the SDK integrations
    /// (`states`, `events`), so those names are accepted too.
    package static func named(_ name: String) -> ServiceModel? {
        switch name {
        case "autoscaling": return .autoScaling
        case "cloudfront": return .cloudFront
        case "cloudwatch": return .cloudWatch
        case "dynamodb": return .dynamoDB
        case "ec2": return .ec2
        case "ecs": return .ecs
        case "elasticloadbalancingv2": return .elasticLoadBalancingV2
        case "eventbridge", "events": return .eventBridge
        case "lambda": return .lambda
        case "rds": return .rds
        case "s3": return .s3
        case "sfn", "states": return .sfn
        case "sns": return .sns
        case "sqs": return .sqs
        case "ssm": return .ssm
        case "sts": return .sts
        default: return nil
        }
    }
}
