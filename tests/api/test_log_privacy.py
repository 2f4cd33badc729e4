"""Issue 10, item 7: logs carry no personal data or untrusted text."""

from __future__ import annotations

import pytest

from chalicelib.kernel.store import keys
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.notifications import usecases as notification_usecases
from chalicelib.modules.notifications.models import MailOutbox
from infra.local import streams
from tests.log_capture import captured_logs, json_lines


@pytest.mark.parametrize("given", ["x" * 8000, "abc\ndef", "<script>", "a b", ""])
def test_an_unsafe_correlation_id_is_replaced_not_echoed(api, given):
    with captured_logs() as stream:
        reply = api.get("/api/me", "sz_agent", headers={"X-Correlation-Id": given})
    echoed = reply.headers["X-Correlation-Id"]
    assert echoed != given and 1 <= len(echoed) <= 64
    assert all(line["correlation_id"] != given for line in json_lines(stream.getvalue()))
    assert given not in stream.getvalue() or given == ""


def test_a_plain_short_correlation_id_is_kept(api):
    reply = api.get("/api/me", "sz_agent", headers={"X-Correlation-Id": "trace-42.a_b:c"})
    assert reply.headers["X-Correlation-Id"] == "trace-42.a_b:c"


def test_a_sent_mail_is_logged_without_recipient_or_text(api):
    mail = MailOutbox(id=keys.new_id("ml"), to="wang.qiang@customer.example",
                      subject="SZ-20260101-0001 客户陈先生 即将超时",
                      text="客户 陈先生 13812345678 的工单即将超时", at=keys.iso(keys.utc_now()))
    notifications.index_mail(mail)
    mail.save()
    with captured_logs() as stream:
        assert streams.drain() >= 1  # a job's queued mail goes out from the table's stream
    text = stream.getvalue()
    sent = [line for line in json_lines(stream.getvalue()) if line["message"] == "email sent"]
    assert any(line["mail"] == mail.id for line in sent)
    for secret in ("wang.qiang", "陈先生", "13812345678", "即将超时"):
        assert secret not in text
    assert any(line["to"] == "w***@customer.example" for line in sent)


def test_a_refused_mail_is_logged_without_the_address_ses_quoted(api, monkeypatch):
    """SES's refusal quotes the address: the log names the error's type and the masked
    recipient only, and the mail waits in the outbox index for the sweep."""
    mail = MailOutbox(id=keys.new_id("ml"), to="li.na@customer.example",
                      subject="SZ-20260101-0002 客户李女士 已超时",
                      text="客户 李女士 13900001111 的工单已超时", at=keys.iso(keys.utc_now()))

    class Refusing:
        def send_email(self, **_message):
            raise RuntimeError("MessageRejected: Email address is not verified: li.na@customer.example")

    monkeypatch.setattr(notification_usecases, "_mailer", lambda: Refusing())
    notifications.index_mail(mail)
    mail.save()
    with captured_logs() as stream:
        assert streams.drain() >= 1
    text = stream.getvalue()
    failed = [line for line in json_lines(text) if line["message"] == "email failed"]
    assert [line["to"] for line in failed if line["mail"] == mail.id] == ["l***@customer.example"]
    assert failed[0]["error_type"] == "RuntimeError"
    for secret in ("li.na", "李女士", "13900001111", "已超时"):
        assert secret not in text
    waiting = MailOutbox.get(mail.pk, mail.sk, consistent_read=True)
    assert waiting.gsi4pk and waiting.attempts == 1


def test_request_logs_name_the_route_not_the_ids_in_the_path(api, new_order):
    order = new_order()
    with captured_logs() as stream:
        api.get(f"/api/work-orders/{order['id']}", "sz_agent")
    line = [x for x in json_lines(stream.getvalue()) if x.get("message") == "request"][-1]
    assert line["path"] == "/api/work-orders/{order_id}" and order["id"] not in stream.getvalue()


def test_a_failure_is_logged_with_its_type_and_place_not_its_text():
    from chalicelib.kernel.observability import log_failure

    try:
        raise ValueError("客户 陈先生 13812345678 地址 深圳市南山区")
    except ValueError as error:
        with captured_logs() as stream:
            log_failure("something failed", error, order="wo_1")
    line = json_lines(stream.getvalue())[-1]
    assert line["error_type"] == "ValueError" and line["order"] == "wo_1"
    assert "test_log_privacy.py" in line["trace"]
    for secret in ("陈先生", "13812345678", "南山区"):
        assert secret not in stream.getvalue()
