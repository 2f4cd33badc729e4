"""E-mail goes out from the table's stream (issue 19): the stack wires the stream to the mail
sender with the filter, batch and retries infra/resources.py gives (MAIL_SENDER), hands the
records it gives up on to a failure queue, and alarms on that queue."""

from __future__ import annotations

import json

from infra import resources
from infra.cdk.stack import FUNCTIONS

from .test_stack import of_type, props


def _sender():
    (fn,) = [f for f in FUNCTIONS if f.stream is not None]
    return fn


def test_the_table_streams_new_images(template):
    (table,) = of_type(template, "AWS::DynamoDB::Table").values()
    assert props(table)["StreamSpecification"] == {"StreamViewType": resources.MAIN_TABLE.stream}
    assert resources.MAIN_TABLE.stream == "NEW_IMAGE"


def test_the_mail_sender_takes_new_messages_and_mails_from_the_stream_with_retries(template):
    fn, spec = _sender(), resources.MAIL_SENDER
    (mapping,) = of_type(template, "AWS::Lambda::EventSourceMapping").values()
    p = props(mapping)
    assert p["FunctionName"]["Fn::GetAtt"][0] == fn.cfn_name
    assert p["EventSourceArn"]["Fn::GetAtt"][1] == "StreamArn"
    assert p["StartingPosition"] == "TRIM_HORIZON"  # the stream is new with it
    assert p["BatchSize"] == spec.batch_size
    assert p["BisectBatchOnFunctionError"] is True
    assert p["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert p["MaximumRetryAttempts"] == spec.max_retries
    assert p["MaximumRecordAgeInSeconds"] == spec.max_age
    (only,) = p["FilterCriteria"]["Filters"]
    assert json.loads(only["Pattern"]) == {
        "eventName": ["INSERT"],
        "dynamodb": {"NewImage": {"kind": {"S": ["notification", "mail_outbox"]}}}}
    queue_ref = p["DestinationConfig"]["OnFailure"]["Destination"]["Fn::GetAtt"][0]
    queue = template["Resources"][queue_ref]
    assert queue["Type"] == "AWS::SQS::Queue"
    assert props(queue)["QueueName"].endswith(spec.failure_queue)
    names = (props(queue)["QueueName"], {"Fn::GetAtt": [queue_ref, "QueueName"]})
    alarms = [a for a in of_type(template, "AWS::CloudWatch::Alarm").values()
              if any(d["Value"] in names for d in props(a).get("Dimensions", []))]
    assert len(alarms) == 1 and props(alarms[0])["Threshold"] == 1
    assert props(alarms[0])["AlarmActions"]


def test_the_mail_sender_reads_the_stream_and_may_put_a_refused_mail_for_the_sweep(template):
    fn = _sender()
    function = of_type(template, "AWS::Serverless::Function")[fn.cfn_name]
    role = template["Resources"][props(function)["Role"]["Fn::GetAtt"][0]]
    (policy,) = props(role)["Policies"]
    actions = {a for st in policy["PolicyDocument"]["Statement"]
               for a in (st["Action"] if isinstance(st["Action"], list) else [st["Action"]])}
    assert {"dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream",
            "ses:SendEmail", "sqs:SendMessage", "dynamodb:GetItem"} <= actions
    assert "dynamodb:PutItem" in actions  # a mail SES refused, into the outbox index


def test_only_the_mail_sender_and_the_sweep_may_send_mail():
    assert {fn.chalice_name for fn in FUNCTIONS if fn.ses_send} == {"mail_sender", "sla-sweep"}


def test_a_record_passes_the_filter_as_aws_would_take_it():
    spec = resources.MAIL_SENDER

    def record(event: str, kind: str | None) -> dict:
        image = {"pk": {"S": "x"}, **({"kind": {"S": kind}} if kind else {})}
        return {"eventName": event, "dynamodb": {"NewImage": image}}

    assert spec.matches(record("INSERT", "notification"))
    assert spec.matches(record("INSERT", "mail_outbox"))
    assert not spec.matches(record("MODIFY", "notification"))  # marked read
    assert not spec.matches(record("INSERT", "work_order"))
    assert not spec.matches(record("INSERT", None))
    assert not spec.matches({"eventName": "REMOVE", "dynamodb": {"Keys": {}}})
