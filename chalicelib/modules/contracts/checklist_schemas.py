"""The inspection checklist on the phone (contracts/checklists.py): the request bodies, what the
API answers (OpenAPI components, the order detail's `checklist` and `from_inspection`) and the
messages of its refusals in both languages."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NSTR, STR, array, enum, nullable, obj, ref
from chalicelib.kernel.validation import ID, MAX_TEXT, MULTILINE, text
from chalicelib.modules.contracts.schemas import CALLOUT_OVERRIDE

ANSWERS = ("ok", "fault", "na")  # vocabulary checklist_answer
MAX_NOTE = 1000
VERSION = {"type": "integer", "minimum": 1}
INDEX = {"type": "integer", "minimum": 0, "maximum": 999}

ANSWER_BODY = {
    "type": "object",
    "properties": {
        "version": VERSION,
        "area": {**INDEX, "description": "the area's place in the checklist (0: the first)"},
        "item": {**INDEX, "description": "the item's place in its area (0: the first)"},
        "answer": {"enum": list(ANSWERS), "description": "ok 正常 / fault 故障 / na 不适用"},
        # a fault needs a note and a photo; ok / na keep them only when given
        "note": {"type": "string", "maxLength": MAX_NOTE, MULTILINE: True,
                 "description": "what was found (a fault: required; empty: none)"},
        "photo_id": {**ID, "description": "a photo of this order (pending or verified; a fault: "
                                          "required)"},
    },
    "required": ["version", "area", "item", "answer"],
    "additionalProperties": False,
}
REPAIR_BODY = {
    "type": "object",
    "properties": {
        "version": VERSION, "area": INDEX, "item": INDEX,
        "description": {**text(MAX_TEXT), "description": "the repair's description (default: "
                                                         "巡检发现故障：<area> — <item>：<note>)"},
        # a manager keeps a call-out beyond the contract's included ones under the contract
        "callout_override": CALLOUT_OVERRIDE,
    },
    "required": ["version", "area", "item"],
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    "ChecklistAnswer": enum(ANSWERS),
    "ChecklistItem": obj({
        "text": STR, "answer": nullable(ref("ChecklistAnswer")), "note": NSTR,
        # the photo's thumbnail (else the file) by a short-lived URL; url null while pending or
        # rejected after the answer
        "photo": nullable(obj({"id": STR, "url": NSTR})),
        # the repair order opened from this fault
        "repair": nullable(obj({"order_id": STR, "number": STR})),
        "answered_by": NSTR, "answered_by_name": NSTR, "answered_at": NSTR}),
    "OrderChecklist": obj({
        "version": INT, "contract_id": STR, "contract_number": STR,
        "occurrence": obj({"planned": STR, "due": STR, "moved": NSTR, "period_end": NSTR}),
        "areas": array(obj({"area": STR, "items": array(ref("ChecklistItem"))})),
        "counts": obj({"total": INT, "answered": INT, "ok": INT, "fault": INT, "na": INT}),
        "complete": BOOL,  # every item answered
        "editable": BOOL,  # the reader may answer now (who and the order's state)
    }),
    "ChecklistReply": obj({"checklist": ref("OrderChecklist")}),
    "ChecklistRepairReply": obj({"order": obj({"id": STR, "number": STR}),
                                 "checklist": ref("OrderChecklist")}),
    # a repair opened from an inspection's fault: where it came from (its detail)
    "FromInspection": obj({"order_id": STR, "number": STR, "area": INT, "item": INT,
                           "text": STR}),
    # the contracts area's events on an order's timeline
    "ContractOrderEvent": enum(["checklist_answered", "repair_opened"]),
}

MESSAGES = {
    "checklist_closed": {"zh": "巡检项目只能在到场后、完工前填写",
                         "en": "The checklist is answered on site, before the order is "
                               "completed"},
    "checklist_incomplete": {"zh": "还有 {unanswered} 个巡检项目未填写（{area}：{text}）",
                             "en": "{unanswered} checklist item(s) not answered yet ({area}: "
                                   "{text})"},
    "checklist_photo_missing": {"zh": "巡检故障项目缺少已上传的照片（{area}：{text}）",
                                "en": "A fault's photo has not arrived ({area}: {text})"},
    "repair_exists": {"zh": "该故障已开维修单", "en": "A repair order was opened for this "
                                                   "fault already"},
    "not_fault": {"zh": "只有判定为故障的项目可以开维修单",
                  "en": "Only an item answered as a fault opens a repair order"},
    "no_such_area": {"zh": "巡检表中没有该区域", "en": "no such area in the checklist"},
    "no_such_item": {"zh": "该区域没有此项目", "en": "no such item in the area"},
    "not_photo": {"zh": "须为本工单的现场照片（未被拒收）",
                  "en": "must be a photo of this order that was not rejected"},
}
