"""The stack's dashboard and alarms are built from the business-event registry and read every
metric the app publishes, and no other; old evidence moves by the bucket's lifecycle rules of
`infra/resources.py` (issue 19 item 5)."""

from __future__ import annotations

import re

from chalicelib.kernel.observability import DIMENSIONS, EVENTS, NAMESPACE, PUBLISHED_METRICS
from infra import resources

from .conftest import STAGE
from .test_stack import attachments, of_type, props


def _alarms(template) -> dict[str, dict]:
    """The alarms on the app's own metrics (those on AWS's, such as the mail sender's failure
    queue depth: tests/infra/test_mail_stream.py)."""
    return {props(a)["MetricName"]: props(a)
            for a in of_type(template, "AWS::CloudWatch::Alarm").values()
            if props(a).get("Namespace") == NAMESPACE}


def _dashboard_text(template) -> str:
    (dashboard,) = of_type(template, "AWS::CloudWatch::Dashboard").values()
    body = props(dashboard)["DashboardBody"]
    if isinstance(body, dict):  # Fn::Join of text and tokens (the region)
        body = "".join(part if isinstance(part, str) else "<token>"
                       for part in body["Fn::Join"][1])
    return body


def test_every_published_metric_has_its_alarm_or_widget_and_nothing_else_is_read(template):
    alarms = _alarms(template)
    dashboard = _dashboard_text(template)
    graphed = set(re.findall(rf'"{NAMESPACE}","(\w+)"', dashboard))
    assert graphed | set(alarms) == set(PUBLISHED_METRICS)
    for name in PUBLISHED_METRICS:
        use = EVENTS[name]
        assert (name in alarms) == (use.alarm is not None), name
        assert (name in graphed) == (use.widget is not None), name
        if use.widget is not None:
            assert use.widget.title in dashboard, name


def test_the_alarms_read_the_metric_as_powertools_writes_it_and_notify_the_topic(template):
    (topic_id,) = of_type(template, "AWS::SNS::Topic")
    assert props(template["Resources"][topic_id])["TopicName"] == f"fuwu-{STAGE}-alarms"
    assert template["Outputs"]["OutAlarmTopicArn"]["Value"] == {"Ref": topic_id}
    alarms = _alarms(template)
    assert alarms  # the registry has alarms
    for name, alarm in alarms.items():
        spec = EVENTS[name].alarm
        assert alarm["AlarmName"] == f"fuwu-{STAGE}-{name}"
        assert alarm["Namespace"] == NAMESPACE
        assert alarm["Dimensions"] == [{"Name": k, "Value": v} for k, v in DIMENSIONS.items()]
        assert alarm["Statistic"] == "Sum" and alarm["Period"] == spec.period_minutes * 60
        assert alarm["Threshold"] == spec.threshold
        assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
        assert alarm["TreatMissingData"] == "notBreaching"  # no event in a period is fine
        assert alarm["AlarmActions"] == [{"Ref": topic_id}]


def test_the_attachments_bucket_moves_old_evidence_to_the_class_of_the_one_definition(template):
    lifecycle = attachments(template)["LifecycleConfiguration"]
    assert lifecycle["TransitionDefaultMinimumObjectSize"] == resources.TRANSITION_MIN_SIZE
    rules = {r["Id"]: r for r in lifecycle["Rules"]}
    assert list(rules) == [r.id for r in resources.ATTACHMENTS_BUCKET.lifecycle]
    moving = [r for r in lifecycle["Rules"] if "Transitions" in r]
    assert [r["Prefix"] for r in moving] == list(resources.COLD_PREFIXES)
    for rule in moving:
        assert rule["Transitions"] == [{"StorageClass": resources.TRANSITION_CLASS,
                                        "TransitionInDays": resources.TRANSITION_AFTER_DAYS}]
        assert rule["NoncurrentVersionTransitions"] == [{
            "StorageClass": resources.TRANSITION_CLASS,
            "TransitionInDays": resources.TRANSITION_AFTER_DAYS}]
        assert "ExpirationInDays" not in rule
