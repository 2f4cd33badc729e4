"""The complaints area's refusals (409s of the process) and their messages in both languages."""

from __future__ import annotations

from chalicelib.kernel.errors import InvalidTransition, NotFound


class ComplaintIncomplete(InvalidTransition):
    """Closing before every step is recorded; `fields` names the missing steps."""

    code = "complaint_incomplete"


class SolutionMissing(InvalidTransition):
    code = "solution_missing"


class SolutionNotApproved(InvalidTransition):
    code = "solution_not_approved"


class ResponsibilityMissing(InvalidTransition):
    code = "responsibility_missing"


class PenaltyDecided(InvalidTransition):
    code = "penalty_decided"


class CustomerAnswered(InvalidTransition):
    """The customer has answered the current solution already."""

    code = "customer_answered"


class NotBuilt(NotFound):
    """A month's complaint rate the job has not built yet (rate.py)."""

    code = "not_built"


MESSAGES = {
    "complaint_incomplete": {
        "zh": "投诉尚不能结案：以下步骤还未记录", "en": "The complaint cannot be closed yet: "
                                                    "these steps are not recorded"},
    "step_missing": {"zh": "未记录", "en": "not recorded"},
    "solution_missing": {"zh": "请先提出解决办法", "en": "Propose a solution first"},
    "solution_not_approved": {"zh": "解决办法尚未批准，不能通知顾客",
                              "en": "The solution is not approved yet: the customer cannot be "
                                    "told"},
    "responsibility_missing": {"zh": "请先认定责任", "en": "Record the responsibility first"},
    "penalty_decided": {"zh": "处罚已决定，不能重复决定或更改责任认定",
                        "en": "The penalty is decided: it and the responsibility cannot change"},
    "penalty_amount_required": {"zh": "罚款或扣发奖金须填写金额（至少 1 分）",
                                "en": "a fine or a bonus deduction needs an amount (at least "
                                      "1 fen)"},
    "penalty_no_amount": {"zh": "警告、记过等处罚不记金额",
                          "en": "a warning or a demerit carries no amount"},
    "head_office_outlet": {"zh": "总部不是服务网点，请选择网点", "en": "head office is not a "
                                                             "service outlet: choose an outlet"},
    "not_before_received": {"zh": "不能早于投诉时间", "en": "cannot be before the complaint"},
    "not_responsible": {"zh": "处罚对象须为认定的责任人", "en": "must be the person held "
                                                         "responsible"},
    "no_one_responsible": {"zh": "已认定无责任，不能处罚", "en": "nobody is responsible: no penalty"},
    "other_outlet": {"zh": "与投诉的其他关联不属于同一网点",
                     "en": "belongs to another outlet than the complaint's other links"},
    "unknown_department": {"zh": "不是投诉设置中的部门", "en": "is not a department of the settings"},
    "outlet_department_required": {"zh": "必须保留由网点处理的“outlet”部门",
                                   "en": "the department “outlet”, handled by the outlet, is "
                                         "required"},
    "due_date_range": {"zh": "应晚于今天，且在一年之内", "en": "must be after today and within a year"},
    "customer_answered": {"zh": "顾客已答复当前解决办法：如需改变，请先提出新的解决办法",
                          "en": "The customer has answered the current solution: propose a new "
                                "one first"},
    "not_in_future": {"zh": "不能晚于当前时间", "en": "cannot be in the future"},
    "not_built": {"zh": "该月的投诉率尚未生成", "en": "The complaint rate of that month is not built yet"},
    "too_old": {"zh": "不能早于 {days} 天前", "en": "cannot be more than {days} days ago"},
}
