import JSONCore

/// A function registered through ``JSONataEnvironment/register(function:signature:_:)``.
struct NativeFunction: Sendable {
    let signature: Signature?
    let body: @Sendable ([JSONValue?]) throws(JSONataError) -> JSONValue?
}
