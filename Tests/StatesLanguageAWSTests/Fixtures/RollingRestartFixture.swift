// A copy of StateMachines/rolling-restart.json from the `cli` branch (not yet on main when this
// was written); the test prefers the file in StateMachines/ once it exists. Kept as Swift source
// because the test target declares no resources.

enum RollingRestartFixture {
    static let definition = #"""
{
  "Comment": "Rolling reboot of the web tier behind an Application Load Balancer: silence the alarms, restart the instances a few at a time (deregister, drain, reboot, wait until healthy, register), then re-enable the alarms whatever happened.",
  "StartAt": "ApplyDefaults",
  "States": {
    "ApplyDefaults": {
      "Type": "Pass",
      "Comment": "JSONPath has no default values: merge the input over the defaults.",
      "Parameters": {
        "Defaults": {
          "MaxConcurrency": 1,
          "DrainSeconds": 300,
          "BootSeconds": 60
        },
        "Input.$": "$"
      },
      "Next": "MergeDefaults"
    },
    "MergeDefaults": {
      "Type": "Pass",
      "Parameters": {
        "Config.$": "States.JsonMerge($.Defaults, $.Input, false)"
      },
      "OutputPath": "$.Config",
      "Next": "DisableAlarmActions"
    },
    "DisableAlarmActions": {
      "Type": "Task",
      "Comment": "Rebooting instances trips the 5xx and unhealthy-host alarms; nobody should be paged for a planned restart.",
      "Resource": "arn:aws:states:::aws-sdk:cloudwatch:disableAlarmActions",
      "Parameters": {
        "AlarmNames.$": "$.AlarmNames"
      },
      "ResultPath": null,
      "Next": "RestartInstances"
    },
    "RestartInstances": {
      "Type": "Map",
      "ItemsPath": "$.InstanceIds",
      "MaxConcurrencyPath": "$.MaxConcurrency",
      "ItemSelector": {
        "InstanceId.$": "$$.Map.Item.Value",
        "TargetGroupArn.$": "$.TargetGroupArn",
        "DrainSeconds.$": "$.DrainSeconds",
        "BootSeconds.$": "$.BootSeconds",
        "AlertTopicArn.$": "$.AlertTopicArn"
      },
      "ItemProcessor": {
        "ProcessorConfig": {
          "Mode": "INLINE"
        },
        "StartAt": "DeregisterTarget",
        "States": {
          "DeregisterTarget": {
            "Type": "Task",
            "Resource": "arn:aws:states:::aws-sdk:elasticloadbalancingv2:deregisterTargets",
            "Parameters": {
              "TargetGroupArn.$": "$.TargetGroupArn",
              "Targets": [
                {
                  "Id.$": "$.InstanceId"
                }
              ]
            },
            "ResultPath": null,
            "Catch": [
              {
                "ErrorEquals": ["States.ALL"],
                "ResultPath": "$.Error",
                "Next": "PublishAlert"
              }
            ],
            "Next": "WaitForDraining"
          },
          "WaitForDraining": {
            "Type": "Wait",
            "Comment": "Let in-flight requests finish: match the target group's deregistration delay.",
            "SecondsPath": "$.DrainSeconds",
            "Next": "RebootInstance"
          },
          "RebootInstance": {
            "Type": "Task",
            "Resource": "arn:aws:states:::aws-sdk:ec2:rebootInstances",
            "Parameters": {
              "InstanceIds.$": "States.Array($.InstanceId)"
            },
            "ResultPath": null,
            "Catch": [
              {
                "ErrorEquals": ["States.ALL"],
                "ResultPath": "$.Error",
                "Next": "PublishAlert"
              }
            ],
            "Next": "WaitForBoot"
          },
          "WaitForBoot": {
            "Type": "Wait",
            "SecondsPath": "$.BootSeconds",
            "Next": "CheckInstanceHealth"
          },
          "CheckInstanceHealth": {
            "Type": "Task",
            "Comment": "Fails with InstanceNotYetStartedException until the instance passes its status checks; the Retry polls every two minutes.",
            "Resource": "arn:aws:states:::aws-sdk:ec2:describeInstanceStatus",
            "Parameters": {
              "InstanceIds.$": "States.Array($.InstanceId)",
              "IncludeAllInstances": true
            },
            "ResultSelector": {
              "Status.$": "$.InstanceStatuses[0].InstanceStatus.Status"
            },
            "ResultPath": "$.Health",
            "Retry": [
              {
                "ErrorEquals": ["InstanceNotYetStartedException"],
                "IntervalSeconds": 120,
                "MaxAttempts": 3,
                "BackoffRate": 1.0
              }
            ],
            "Catch": [
              {
                "ErrorEquals": ["States.ALL"],
                "ResultPath": "$.Error",
                "Next": "PublishAlert"
              }
            ],
            "Next": "IsInstanceHealthy"
          },
          "IsInstanceHealthy": {
            "Type": "Choice",
            "Choices": [
              {
                "Variable": "$.Health.Status",
                "StringEquals": "ok",
                "Next": "RegisterTarget"
              }
            ],
            "Default": "MarkUnhealthy"
          },
          "MarkUnhealthy": {
            "Type": "Pass",
            "Parameters": {
              "Error": "InstanceUnhealthy",
              "Cause.$": "States.Format('Instance status is {} after the reboot', $.Health.Status)"
            },
            "ResultPath": "$.Error",
            "Next": "PublishAlert"
          },
          "RegisterTarget": {
            "Type": "Task",
            "Resource": "arn:aws:states:::aws-sdk:elasticloadbalancingv2:registerTargets",
            "Parameters": {
              "TargetGroupArn.$": "$.TargetGroupArn",
              "Targets": [
                {
                  "Id.$": "$.InstanceId"
                }
              ]
            },
            "ResultPath": null,
            "Catch": [
              {
                "ErrorEquals": ["States.ALL"],
                "ResultPath": "$.Error",
                "Next": "PublishAlert"
              }
            ],
            "OutputPath": "$.InstanceId",
            "End": true
          },
          "PublishAlert": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sns:publish",
            "Parameters": {
              "TopicArn.$": "$.AlertTopicArn",
              "Subject": "Rolling restart stopped",
              "Message.$": "States.Format('Instance {} failed during the rolling restart and is out of the target group: {}', $.InstanceId, States.JsonToString($.Error))"
            },
            "ResultPath": null,
            "Catch": [
              {
                "ErrorEquals": ["States.ALL"],
                "ResultPath": null,
                "Next": "InstanceFailed"
              }
            ],
            "Next": "InstanceFailed"
          },
          "InstanceFailed": {
            "Type": "Fail",
            "Error": "InstanceRestartFailed",
            "CausePath": "States.Format('Instance {} did not come back healthy', $.InstanceId)"
          }
        }
      },
      "ResultPath": "$.Restarted",
      "Catch": [
        {
          "ErrorEquals": ["States.ALL"],
          "ResultPath": "$.Failure",
          "Next": "ReenableAlarmActionsAfterFailure"
        }
      ],
      "Next": "EnableAlarmActions"
    },
    "EnableAlarmActions": {
      "Type": "Task",
      "Resource": "arn:aws:states:::aws-sdk:cloudwatch:enableAlarmActions",
      "Parameters": {
        "AlarmNames.$": "$.AlarmNames"
      },
      "ResultPath": null,
      "Retry": [
        {
          "ErrorEquals": ["States.TaskFailed"],
          "IntervalSeconds": 5,
          "MaxAttempts": 3
        }
      ],
      "Next": "Done"
    },
    "Done": {
      "Type": "Pass",
      "Parameters": {
        "Restarted.$": "$.Restarted",
        "AlarmActions": "enabled"
      },
      "End": true
    },
    "ReenableAlarmActionsAfterFailure": {
      "Type": "Task",
      "Resource": "arn:aws:states:::aws-sdk:cloudwatch:enableAlarmActions",
      "Parameters": {
        "AlarmNames.$": "$.AlarmNames"
      },
      "ResultPath": null,
      "Retry": [
        {
          "ErrorEquals": ["States.TaskFailed"],
          "IntervalSeconds": 5,
          "MaxAttempts": 3
        }
      ],
      "Next": "RollingRestartFailed"
    },
    "RollingRestartFailed": {
      "Type": "Fail",
      "Error": "RollingRestartFailed",
      "CausePath": "$.Failure.Cause"
    }
  }
}
"""#
}
