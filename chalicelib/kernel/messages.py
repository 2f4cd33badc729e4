"""Error and field messages in zh-CN (default) and English."""

from __future__ import annotations

from chalicelib.kernel.validation import DATE_MAX, DATE_MIN, MAX_DEPTH

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
        "upload_rejected": "文件未通过校验，已删除",
        "upload_not_found": "文件尚未上传成功，请重新上传",
        "evidence_missing": "缺少必需的现场照片，请先上传",
        "too_many_changes": "此操作需要一次写入的记录超过 100 条，系统无法一次完成，未做任何更改",
        "payload_too_large": "请求体过大",
        "unsupported_media_type": "请求体必须是 JSON（Content-Type: application/json）",
        "method_not_allowed": "该地址不支持此请求方法",
        "route_not_found": "不存在的接口地址",
        "invalid_code": "验证码不正确，请输入验证器应用上当前显示的 6 位数字",
        "password_reset_required": "管理员已重置您的密码，请联系管理员获取新的临时密码",
        "mfa_required": "总部账号须先开启两步验证，才能使用系统",
        "too_many_requests": "请求过于频繁，请稍后再试",
        "service_unavailable": "登录服务暂时不可用，请稍后再试（您仍保持登录）",
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
        "upload_rejected": "The file failed the checks and was deleted",
        "upload_not_found": "The file has not arrived; please upload it again",
        "evidence_missing": "Required site photos are missing; please upload them first",
        "too_many_changes": "This action would write more than 100 records at once, which cannot "
                            "be done in one step; nothing was changed",
        "payload_too_large": "The request body is too large",
        "unsupported_media_type": "The request body must be JSON (Content-Type: application/json)",
        "method_not_allowed": "This address does not support the request method",
        "route_not_found": "No such API address",
        "invalid_code": "Wrong code; enter the 6 digits your authenticator app shows now",
        "password_reset_required": "An administrator reset your password; ask them for a new "
                                   "temporary password",
        "mfa_required": "Head-office accounts must turn on two-step verification first",
        "too_many_requests": "Too many requests; please try again in a moment",
        "service_unavailable": "The sign-in service is unavailable for now; please try again "
                               "later (you stay signed in)",
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
        "not_unit_site": "与所选设备的安装地点不一致",
        "enum": "取值无效，可选：{choices}",
        "format": "格式错误",
        "format_date": f"应为 {DATE_MIN}～{DATE_MAX} 之间的日期（YYYY-MM-DD）",
        "format_datetime": f"应为 {DATE_MIN}～{DATE_MAX} 之间带时区的时间（ISO 8601）",
        "text": "含有不允许的控制字符或换行",
        "number": "数值超出可保存的范围",
        "depth": f"嵌套层级过深（最多 {MAX_DEPTH} 层）",
        "too_long": "过长（最多 {limit} 个字符）",
        "pattern": "格式错误",
        "maxItems": "条目过多（最多 {limit} 条）",
        "additionalProperties": "不支持的字段",
        "not_found": "不存在或不属于本网点",
        "not_outlet_technician": "必须是本网点在岗的维修工程师",
        "same_technician": "已是该工单的主修工程师",
        "future": "时间不能晚于当前时间",
        "clock_not_running": "该工单没有正在计时的此项时限",
        "clock_not_breached": "此项时限尚未超时或已停止，无需确认",
        "duplicate": "不能重复",
        "before_due": "预警须早于到期时间：偏移分钟须为负数，或按时限比例须小于 100%",
        "not_before_due": "超时和升级不能早于到期时间：偏移分钟不能为负数，按时限比例只能为 100%",
        "after_start": "结束时间必须晚于开始时间",
        "invalid": "无效",
        "type_not_allowed": "文件内容不是允许的类型（JPEG、PNG、WebP、HEIC、PDF）",
        "type_mismatch": "文件内容（{found}）与声明的类型（{declared}）不符",
        "too_large": "文件过大（最大 {limit_mb} MB）",
        "empty": "文件为空",
        "expired": "上传链接已过期，请重新上传",
        "unreadable": "图片已损坏，无法读取",
        "min_photos": "「{category}」照片至少 {min} 张，现有 {have} 张",
        "signature_required": "请客户签字",
        "not_signature": "不是本工单已上传的客户签字",
        "format_month": f"月份格式应为 YYYY-MM（{DATE_MIN:%Y-%m}～{DATE_MAX:%Y-%m}）",
        "past_month": "只能生成已结束月份的报表",
        "invalid_code": "验证码不正确或已过期",
        "password_policy": "不符合密码要求：至少 10 个字符，含大写字母、小写字母和数字，"
                           "且不能是常见或已泄露的密码",
        "size_mismatch": "文件大小（{found} 字节）与声明的大小（{declared} 字节）不符",
        "not_accepted": "未被接受，请检查（例如首尾不能有空格）",
        "current_code_required": "两步验证已开启：请先输入当前验证器应用上显示的 6 位数字",
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
        "not_unit_site": "is not the site of the chosen unit",
        "enum": "must be one of: {choices}",
        "format": "has an invalid format",
        "format_date": f"must be a date YYYY-MM-DD between {DATE_MIN} and {DATE_MAX}",
        "format_datetime": f"must be an ISO 8601 time with offset between {DATE_MIN} and {DATE_MAX}",
        "text": "contains control characters or line breaks that are not allowed",
        "number": "is outside the range that can be stored",
        "depth": f"is nested too deeply (at most {MAX_DEPTH} levels)",
        "too_long": "is too long (at most {limit} characters)",
        "pattern": "has an invalid format",
        "maxItems": "has too many items (at most {limit})",
        "additionalProperties": "is not a supported field",
        "not_found": "does not exist in this outlet",
        "not_outlet_technician": "must be an active technician of this outlet",
        "same_technician": "is already the order's technician",
        "future": "must not be in the future",
        "clock_not_running": "is not a running clock of this order",
        "clock_not_breached": "is not a running clock past its due time: nothing to acknowledge",
        "duplicate": "must not repeat another entry",
        "before_due": "a warning must come before the due time: a negative offset in minutes, "
                      "or a ratio of the target below 100%",
        "not_before_due": "a breach or an escalation must not come before the due time: an "
                          "offset of 0 minutes or more, or a ratio of exactly 100%",
        "after_start": "must be after the start",
        "invalid": "is invalid",
        "type_not_allowed": "is not an allowed type (JPEG, PNG, WebP, HEIC, PDF)",
        "type_mismatch": "contains {found}, not the declared {declared}",
        "too_large": "is too large (at most {limit_mb} MB)",
        "empty": "is empty",
        "expired": "was uploaded after its upload link expired; please upload again",
        "unreadable": "is a damaged image that cannot be read",
        "min_photos": "needs at least {min} \"{category}\" photo(s); has {have}",
        "signature_required": "the customer must sign",
        "not_signature": "is not a customer signature uploaded to this order",
        "format_month": f"must be a month YYYY-MM between {DATE_MIN:%Y-%m} and {DATE_MAX:%Y-%m}",
        "past_month": "must be a month that has ended",
        "invalid_code": "is wrong or has expired",
        "password_policy": "does not meet the password rules: at least 10 characters with upper "
                           "and lower case letters and digits, not a common or leaked password",
        "size_mismatch": "is {found} bytes, not the declared {declared} bytes",
        "not_accepted": "was not accepted; check it (no leading or trailing spaces, say)",
        "current_code_required": "two-step verification is on: first enter the 6 digits your "
                                 "current authenticator app shows",
    },
}
TYPE_NAMES = {"zh": {"string": "文本", "integer": "整数", "number": "数字", "boolean": "是/否",
                     "array": "列表", "object": "对象"}}


def language(accept_language: str | None) -> str:
    """'en' when the client prefers English, else 'zh' (the default)."""
    first = (accept_language or "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "zh"


def _own(extra, code: str, lang: str) -> str | None:
    """An area's own text for a code ({code: {"zh": .., "en": ..}}, see Area.messages)."""
    texts = (extra or {}).get(code) or {}
    return texts.get(lang) or texts.get("zh")


def _in(lang: str, params: dict) -> dict:
    """Parameters given in both languages ({"zh": .., "en": ..}) in the reader's."""
    return {k: v.get(lang, v.get("zh")) if isinstance(v, dict) else v for k, v in params.items()}


def error_message(code: str, lang: str, extra=None, params: dict | None = None) -> str:
    """The message of an error code: the kernel's, else the areas' (`extra`: their table);
    `params` fill its template (a refusal that names what is missing)."""
    template = ERRORS[lang].get(code) or _own(extra, code, lang) or ERRORS[lang]["internal_error"]
    if not params:
        return template
    try:
        return template.format(**_in(lang, params))
    except (KeyError, IndexError, ValueError):
        return template


def field_message(problem, lang: str, extra=None) -> str:
    if isinstance(problem, str):
        return problem
    code, params = problem
    # a parameter given in both languages ({"zh": .., "en": ..}) is shown in the reader's
    params = _in(lang, params)
    if "expected" in params:
        params["expected"] = TYPE_NAMES.get(lang, {}).get(params["expected"], params["expected"])
    template = FIELDS[lang].get(code) or _own(extra, code, lang) or FIELDS[lang]["invalid"]
    try:
        return template.format(**params)
    except KeyError:
        return template
