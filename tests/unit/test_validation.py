from chalicelib.kernel.messages import field_message, language
from chalicelib.kernel.validation import parse_datetime, validate
from chalicelib.modules.orders.domain.intake import INTAKE_SCHEMA
from chalicelib.modules.orders.domain.lifecycle import ACTIONS


def test_missing_fields_are_each_reported():
    problems = validate({}, ACTIONS["survey"].schema, prefix="data")
    assert set(problems) == {"data.findings", "data.cause", "data.impact"}
    assert all(code == "required" for code, _ in problems.values())


def test_wrong_types_and_ranges_name_the_field():
    data = {"channel": "fax", "scores": {"attitude": 6, "skill": "5", "punctuality": 0,
                                         "result": 3, "overall": 3}}
    problems = validate(data, ACTIONS["return_visit"].schema, prefix="data")
    assert problems["data.channel"][0] == "enum"
    assert problems["data.scores.attitude"] == ("maximum", {"limit": 5})
    assert problems["data.scores.skill"][0] == "type"
    assert problems["data.scores.punctuality"] == ("minimum", {"limit": 1})


def test_oversized_text_is_refused():
    problems = validate({"reason": "长" * 2001}, ACTIONS["object"].schema)
    assert problems == {"reason": ("maxLength", {"limit": 2000})}


def test_unknown_fields_are_refused():
    problems = validate({"reason": "x", "extra": 1}, ACTIONS["object"].schema)
    assert problems == {"extra": ("additionalProperties", {})}


def test_date_times_must_carry_a_time_zone():
    assert parse_datetime("2026-11-23T08:30:00Z") is not None
    assert parse_datetime("2026-11-23T08:30:00+08:00") is not None
    assert parse_datetime("2026-11-23T08:30:00") is None
    assert parse_datetime("yesterday") is None
    problems = validate({"contacted_at": "2026-11-23 08:30", "visit_at": "x"},
                        ACTIONS["contact"].schema)
    assert problems["contacted_at"][0] == "format_datetime" == problems["visit_at"][0]


def test_intake_requires_customer_type_priority_channel_description():
    problems = validate({"type": "repair"}, INTAKE_SCHEMA)
    assert set(problems) == {"customer_id", "priority", "channel", "description"}


def test_messages_in_chinese_by_default_and_in_english_on_request():
    assert language(None) == "zh" and language("zh-CN,zh;q=0.9") == "zh"
    assert language("en-US,en;q=0.8") == "en"
    assert field_message(("maxLength", {"limit": 2000}), "zh") == "过长（最多 2000 个字符）"
    assert field_message(("maxLength", {"limit": 2000}), "en") == "is too long (at most 2000 characters)"
    assert field_message(("type", {"expected": "integer"}), "zh") == "类型错误，应为整数"
