extension ServiceModel {
    /// Every service with a model, by its Step Functions name (`acmpca`, `ec2`,
    /// `elasticloadbalancingv2`, `sfn`): one per botocore service.
    package static var serviceNames: [String] { ServiceModelCatalog.bundled.names }

    /// The model for a Step Functions service name, read and parsed on first use; `nil` when the
    /// name is unknown or its model cannot be read (``ServiceModelCatalog/model(named:)`` says why).
    ///
    /// Optimized integrations name some services differently from the SDK integrations
    /// (`states`, `events`), so those names are accepted too.
    package static func named(_ name: String) -> ServiceModel? {
        try? ServiceModelCatalog.bundled.model(named: name)
    }
}
