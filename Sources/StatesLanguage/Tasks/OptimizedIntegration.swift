/// The optimized service integrations Step Functions offers (`arn:aws:states:::SERVICE:ACTION`),
/// by service and action, as the AWS documentation lists them.
///
/// Compiling a definition checks a Task state's optimized resource against this list, as AWS
/// does when a state machine is created: `arn:aws:states:::dynamodb:query` is refused with
/// "The resource provided … is not recognized" (recorded by LocalStack's AWS-validated snapshot
/// `test_create_invalid_integration`). Every other service is reached through
/// `arn:aws:states:::aws-sdk:SERVICE:ACTION`.
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html>.
enum OptimizedIntegration {
    /// Service → actions.
    static let actions: [String: Set<String>] = [
        "apigateway": ["invoke"],
        "athena": ["startQueryExecution", "stopQueryExecution", "getQueryExecution", "getQueryResults"],
        "batch": ["submitJob"],
        "bedrock": ["invokeModel", "createModelCustomizationJob"],
        "codebuild": [
            "startBuild", "stopBuild", "batchDeleteBuilds", "batchGetReports", "startBuildBatch", "stopBuildBatch",
            "retryBuildBatch", "deleteBuildBatch",
        ],
        "databrew": ["startJobRun"],
        "dynamodb": ["getItem", "putItem", "updateItem", "deleteItem"],
        "ecs": ["runTask"],
        "eks": [
            "createCluster", "deleteCluster", "createFargateProfile", "deleteFargateProfile", "createNodegroup",
            "deleteNodegroup", "runJob", "call",
        ],
        "elasticmapreduce": [
            "createCluster", "terminateCluster", "addStep", "cancelStep", "setClusterTerminationProtection",
            "modifyInstanceFleetByName", "modifyInstanceGroupByName",
        ],
        "emr-containers": ["createVirtualCluster", "deleteVirtualCluster", "startJobRun"],
        "emr-serverless": [
            "createApplication", "startApplication", "stopApplication", "deleteApplication", "startJobRun",
            "cancelJobRun",
        ],
        "events": ["putEvents"],
        "glue": ["startJobRun"],
        "http": ["invoke"],
        "lambda": ["invoke"],
        "mediaconvert": ["createJob"],
        "sagemaker": [
            "createEndpoint", "createEndpointConfig", "createHyperParameterTuningJob", "createLabelingJob",
            "createModel", "createProcessingJob", "createTrainingJob", "createTransformJob", "updateEndpoint",
        ],
        "sns": ["publish"],
        "sqs": ["sendMessage"],
        "states": ["startExecution"],
    ]

    /// Whether Step Functions offers `service:action` as an optimized integration.
    static func exists(service: String, action: String) -> Bool {
        actions[service]?.contains(action) ?? false
    }
}
