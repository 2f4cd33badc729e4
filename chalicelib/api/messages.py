"""Error and field messages in zh-CN (default) and English."""

from __future__ import annotations

ERRORS = {
    "zh": {
        "validation_error": "输入有误，请检查标注的字段",
        "unknown_action": "不存在的操作",
        "unauthenticated": "未登录或登录已失效，请重新登录",
        "invalid_credentials": "用户名或密码错误",
        "forbidden": "您的角色无权执行此操作",
        "not_found": "未找到该对象",
        "stale_version": "该工单已被他人更新，请刷新后查看最新内容",
        "invalid_transition": "工单当前状态不允许此操作",
        "idempotency_conflict": "同一幂等键已用于不同的请求内容",
        "bad_json": "请求体不是有效的 JSON 对象",
        "internal_error": "服务器内部错误，请稍后重试",
    },
    "en": {
        "validation_error": "Invalid input; see the marked fields",
        "unknown_action": "No such action",
        "unauthenticated": "Not signed in or the session has expired; please sign in again",
        "invalid_credentials": "Wrong username or password",
        "forbidden": "Your role may not do this",
        "not_found": "Not found",
        "stale_version": "Someone else changed this order; reload to see the latest version",
        "invalid_transition": "This action is not allowed in the order's current state",
        "idempotency_conflict": "The Idempotency-Key was already used for a different request",
        "bad_json": "The request body is not a valid JSON object",
        "internal_error": "Internal error; please try again later",
    },
}

FIELDS = {
    "zh": {
        "required": "必填",
        "type": "类型错误，应为{expected}",
        "maxLength": "过长（最多 {limit} 个字符）",
        "minLength": "不能为空",
        "maximum": "不能大于 {limit}",
        "minimum": "不能小于 {limit}",
        "exclusiveMinimum": "必须大于 {limit}",
        "range": "应在 {min} 到 {max} 之间",
        "enum": "取值无效，可选：{choices}",
        "format": "格式错误",
        "format_date": "日期格式应为 YYYY-MM-DD",
        "pattern": "格式错误",
        "maxItems": "条目过多（最多 {limit} 条）",
        "additionalProperties": "不支持的字段",
        "not_found": "不存在或不属于本网点",
        "not_outlet_technician": "必须是本网点在岗的维修工程师",
        "future": "时间不能晚于当前时间",
        "clock_not_running": "该工单没有正在计时的此项时限",
        "after_start": "结束时间必须晚于开始时间",
        "invalid": "无效",
    },
    "en": {
        "required": "is required",
        "type": "must be of type {expected}",
        "maxLength": "is too long (at most {limit} characters)",
        "minLength": "must not be empty",
        "maximum": "must be at most {limit}",
        "minimum": "must be at least {limit}",
        "exclusiveMinimum": "must be greater than {limit}",
        "range": "must be between {min} and {max}",
        "enum": "must be one of: {choices}",
        "format": "has an invalid format",
        "format_date": "must be a date YYYY-MM-DD",
        "pattern": "has an invalid format",
        "maxItems": "has too many items (at most {limit})",
        "additionalProperties": "is not a supported field",
        "not_found": "does not exist in this outlet",
        "not_outlet_technician": "must be an active technician of this outlet",
        "future": "must not be in the future",
        "clock_not_running": "is not a running clock of this order",
        "after_start": "must be after the start",
        "invalid": "is invalid",
    },
}
TYPE_NAMES = {"zh": {"string": "文本", "integer": "整数", "number": "数字", "boolean": "是/否",
                     "array": "列表", "object": "对象"}}


def language(accept_language: str | None) -> str:
    """'en' when the client prefers English, else 'zh' (the default)."""
    first = (accept_language or "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "zh"


def error_message(code: str, lang: str) -> str:
    return ERRORS[lang].get(code) or ERRORS[lang]["internal_error"]


def field_message(problem, lang: str) -> str:
    if isinstance(problem, str):
        return problem
    code, params = problem
    params = dict(params)
    if "expected" in params:
        params["expected"] = TYPE_NAMES.get(lang, {}).get(params["expected"], params["expected"])
    template = FIELDS[lang].get(code, FIELDS[lang]["invalid"])
    try:
        return template.format(**params)
    except KeyError:
        return template
