import StatesLanguage

/// What the client knows about one AWS service: its wire protocol, names, operations and shapes.
///
/// Models are generated from botocore's service descriptions by `scripts/aws/generate-shapes.py`
/// (see Docs/aws.md), shipped as one gzip-compressed file per service in `Resources/ServiceModels`,
/// and read and parsed on first use (``ServiceModelCatalog``). Only what the wire protocols need,
/// and the output shapes, are kept.
package struct ServiceModel: Sendable {
    /// The wire protocols the client speaks.
    package enum WireProtocol: String, Sendable {
        case json, query, ec2
        case restJSON = "rest-json"
        case restXML = "rest-xml"
    }

    /// The name in `arn:aws:states:::aws-sdk:NAME:action` (`ec2`, `elasticloadbalancingv2`).
    package var name: String
    /// The prefix of error names Step Functions reports (`Ec2`, `DynamoDb`).
    package var errorPrefix: String
    /// The SDK service id (`EC2`, `Elastic Load Balancing v2`), which names `AWS_ENDPOINT_URL_<ID>`.
    package var serviceID: String
    package var wireProtocol: WireProtocol
    package var apiVersion: String
    package var endpointPrefix: String
    package var signingName: String
    package var targetPrefix: String?
    package var jsonVersion: String?
    package var globalEndpoint: String?
    /// Whether a JSON service also reports query-protocol error codes (`x-amzn-query-error`).
    package var isQueryCompatible: Bool
    package var operations: [String: Operation]
    /// Error codes as sent on the wire, and modelled shape names, to the shape name.
    package var errors: [String: String]
    package var shapes: [String: Shape]

    /// One API operation.
    package struct Operation: Sendable {
        package var name: String
        package var httpMethod: String
        package var requestURI: String
        package var input: String?
        package var output: String?
        /// The element wrapping the output of query-protocol responses (`DescribeTargetGroupsResult`).
        package var resultWrapper: String?
        /// Whether the request needs a `Content-MD5` header (S3 `DeleteObjects`).
        package var requiresContentMD5: Bool
        /// A prefix for AWS's own host, with `{Member}` labels filled from the input
        /// (`{AccountId}.` for S3 Control, `sync-` for `StartSyncExecution`).
        package var hostPrefix: String? = nil
    }

    /// A structure, list or map (scalars are inlined into the references).
    package struct Shape: Sendable {
        package enum Kind: Sendable { case structure, list, map }
        package var kind: Kind
        /// Structure members in model order.
        package var members: [(name: String, ref: ShapeRef)] = []
        /// The members the model marks required, by member name (`STRICT` field validation).
        package var requiredMembers: [String] = []
        /// The member sent as the whole body (rest protocols).
        package var payload: String?
        package var xmlNamespace: String?
        package var isFlattened = false
        /// List element, or map key and value.
        package var member: ShapeRef?
        package var key: ShapeRef?
        package var value: ShapeRef?

        package func member(named name: String) -> ShapeRef? { members.first { $0.name == name }?.ref }
    }

    /// Where a member goes in a REST request or comes from in a response.
    package enum Location: String, Sendable {
        case uri, querystring, header, headers, statusCode
    }

    /// Scalar types.
    package enum Scalar: String, Sendable {
        case string, integer, long, boolean, timestamp, blob, double, float, bigdecimal, biginteger
    }

    /// A reference to a shape from a member, list element or map entry.
    package struct ShapeRef: Sendable {
        /// The name of a structure, list or map shape; `nil` for scalars.
        package var shapeName: String?
        package var scalar: Scalar?
        package var timestampFormat: String?
        package var locationName: String?
        package var location: Location?
        package var queryName: String?
        package var isFlattened = false
        package var isIdempotencyToken = false
        package var isJSONValue = false
        package var isXMLAttribute = false
        package var xmlNamespace: String?
    }

    /// The shape a reference points to; `nil` for scalars or a reference to a missing shape.
    package func shape(_ ref: ShapeRef) -> Shape? { ref.shapeName.flatMap { shapes[$0] } }

    /// The operation named `name` in PascalCase (`DescribeInstances`).
    package func operation(named name: String) -> Operation? { operations[name] }

    /// The error name Step Functions reports for a wire error code: `Prefix.ShapeException` for
    /// modelled errors, `Prefix.PrefixException` for the others (as the Java SDK's base exception).
    package func errorName(forCode code: String) -> String {
        guard let shape = errors[code] else { return "\(errorPrefix).\(errorPrefix)Exception" }
        return shape.hasSuffix("Exception") ? "\(errorPrefix).\(shape)" : "\(errorPrefix).\(shape)Exception"
    }
}
