import StatesLanguage

extension TaskObjectStorage {
    /// Distributed Map objects in S3 (or at the configuration's endpoint, such as moto), through the
    /// AWS integrations: what an ``Executor`` without an `objectStorage` does when its registry has
    /// the AWS integrations, usable on its own (or as a `FolderObjectStorage` fallback).
    ///
    /// ```swift
    /// executor.objectStorage = TaskObjectStorage.s3(configuration: try AWSConfiguration.load())
    /// ```
    public static func s3(configuration: AWSConfiguration, stateName: String = "") -> TaskObjectStorage {
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(configuration)
        return TaskObjectStorage(registry: registry, stateName: stateName)
    }
}
