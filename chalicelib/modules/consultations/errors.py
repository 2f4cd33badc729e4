"""The consultations area's refusals and their messages in both languages."""

from __future__ import annotations

from chalicelib.kernel.errors import InvalidTransition


class ConsultationClosed(InvalidTransition):
    """An order made from a consultation that is answered, closed or converted already."""

    code = "consultation_closed"


MESSAGES = {
    "consultation_closed": {
        "zh": "该咨询已答复、关闭或已转为工单/投诉，不能再转为工单",
        "en": "The consultation is answered, closed or converted already: it cannot become an "
              "order"},
}
