"""What the work-order area answers: orders, their steps and timeline, the lifecycle table
(OpenAPI components). Vocabularies come from the area's own tuples (domain/enums.py,
domain/lifecycle.py); other areas' components (clocks, evidence, roles) are named, not imported."""

from __future__ import annotations

from chalicelib.kernel.schemas import (
    BOOL,
    INT,
    KERNEL_COMPONENTS,
    NNUM,
    NSTR,
    STR,
    array,
    enum,
    free_form,
    items_of,
    nullable,
    obj,
    page_of,
    ref,
)
from chalicelib.modules.orders.domain import enums, lifecycle
from chalicelib.modules.orders.row import LIST_ROW

# The steps whose recorded data an order carries, in lifecycle order: each is the `data` of
# the action that took it (its schema: the lifecycle table) plus who (`by`) and when (`at`).
STEPS = tuple(dict.fromkeys(a.step for a in lifecycle.ACTIONS.values() if a.step))
# What the use case adds to a step's data besides `by` and `at`: the technician's name on a
# dispatch, whose helpers are always recorded (an empty list when none); an approval that hands
# the repair over names the new technician too.
STEP_EXTRAS = {"dispatch": ({"technician_name": STR}, ["technician_name", "helpers"]),
               "approval": ({"technician_name": STR}, [])}


def step_component(step: str) -> str:
    return "Step" + "".join(part.title() for part in step.split("_"))


def _step_record(step: str) -> dict:
    """The record of one step: the properties of every action that writes it (dispatch and
    reassign, submit_plan and revise_plan, approve_plan and reject_plan), required where every
    one of them requires it."""
    writers = [a for a in lifecycle.ACTIONS.values() if a.step == step]
    properties: dict = {}
    for action in writers:
        for name, schema in action.properties.items():
            properties.setdefault(name, schema)
    required = [name for name in properties if all(name in a.required for a in writers)]
    extras, always = STEP_EXTRAS.get(step, ({}, []))
    return obj({**properties, **extras, "by": STR, "at": STR},
               required=list(dict.fromkeys([*required, *always, "by", "at"])))


# An event's actor: a staff role, `system` (the server itself: an upload it rejected) or
# `unknown` (an uploader no longer in the staff directory).
ACTOR_ROLE = {"anyOf": [ref("Role"), enum(["system", "unknown"])]}

_ORDER_PROPERTIES = {
    "id": STR, "number": {"type": "string", "pattern": r"^[A-Z]+-\d{8}-\d{4,}$"},
    "outlet": STR, "state": ref("OrderState"), "version": INT,
    "type": ref("OrderType"), "priority": ref("Priority"),
    "channel": ref("Channel"), "coverage": ref("Coverage"),
    "customer_id": STR, "customer_name": STR, "customer_phone": NSTR, "site_id": NSTR,
    "site_name": NSTR, "site_address": NSTR, "equipment_id": NSTR, "equipment_label": NSTR,
    "description": STR, "fault_started_at": NSTR, "impact": NSTR, "technician": NSTR,
    "technician_name": NSTR, "helpers": array(STR),
    # the class of work (a code of head office's job-class table, technicians area): set at
    # intake or by the manager at dispatch; null: not classified (the gate checks nothing)
    "job_class": NSTR,
    "hold": nullable(ref("Hold")), "cancel_reason": NSTR, "created_at": STR, "created_by": STR,
    "updated_at": STR, "distance_km": NNUM,
    "distance_source": nullable(enum(["coordinates", "site", "agent"])),
    # the visit agreed with the customer (the contact step's, unless dispatched again since)
    "agreed_visit_at": NSTR,
    "clocks": array(ref("ClockSummary")),
    **{step: nullable(ref(step_component(step))) for step in STEPS},
}

SCHEMAS: dict[str, dict] = {
    "OrderState": enum(lifecycle.STATES),
    "OrderType": enum(enums.ORDER_TYPES),
    "Priority": enum(enums.PRIORITIES),
    "Channel": enum([*enums.CHANNELS, *enums.SYSTEM_CHANNELS]),
    "Coverage": enum(enums.COVERAGE),
    "ActionName": enum(lifecycle.ACTIONS),
    # an order on hold: why, since when, by whom, and the state `resume` returns to
    "Hold": obj({"reason": STR, "kind": enum(enums.HOLD_KINDS),
                 "previous_state": ref("OrderState"), "since": STR, "by": STR}),
    **{step_component(step): _step_record(step) for step in STEPS},
    "WorkOrder": obj(_ORDER_PROPERTIES),
    "WorkOrderDetail": obj({
        **_ORDER_PROPERTIES,
        "clocks": array(ref("Clock")),
        "events": array(ref("Event")),
        "allowed_actions": array(ref("ActionName")),
        # the state's expected next step(s) among allowed_actions: the first is the primary button
        "next_actions": array(ref("ActionName")),
        "attachments": array(ref("Attachment")),
        "reports": array(ref("ServiceReport")),
        "evidence": ref("EvidenceSummary"),
        # the warranty's decision, line by line (null: none, the coverage entered by hand)
        "coverage_decision": nullable(ref("CoverageDecision")),
        # the quote (null: none yet) and whether dispatch waits for the customer's confirmation
        # (a paid or partly paid order); its price list: GET .../price-list
        "quote": nullable(ref("Quote")),
        "quote_required": BOOL,
        # the spare parts: requisitions, what the order holds and used, priced by coverage
        "parts": ref("OrderParts"),
        # the maintenance contract the order is under, with its call-outs (null: none)
        "contract": nullable(ref("OrderContract")),
        # an inspection's checklist (null: none) and, for a repair opened from one of its
        # faults, where it came from (null: not from an inspection)
        "checklist": nullable(ref("OrderChecklist")),
        "from_inspection": nullable(ref("FromInspection")),
    }),
    "Event": obj({
        "id": STR, "at": STR,
        # "create" for the feedback record, a lifecycle action, or what the evidence area
        # writes on the order's timeline (an upload verified or rejected, a report issued)
        "action": {"anyOf": [enum(["create", *lifecycle.ACTIONS]), ref("EvidenceEvent"),
                             ref("SlaEvent"), ref("QuoteEvent"), ref("PartsEvent"),
                             ref("ComplaintOrderEvent"), ref("TechnicianOrderEvent"),
                             ref("FeesOrderEvent"), ref("ContractOrderEvent")]},
        "actor": obj({"username": STR, "name": STR, "role": ACTOR_ROLE}),
        "from_state": nullable(ref("OrderState")), "to_state": ref("OrderState"),
        "data": free_form("the action's data as recorded (its schema: the lifecycle table) with "
                          "what the server added (names, clocks changed, report summary...); "
                          "for evidence events the attachment or report"),
        "version": INT,
    }),
    "Lifecycle": obj({
        "states": array(ref("OrderState")),
        "terminal_states": array(ref("OrderState")),
        "actions": array(obj({
            "name": ref("ActionName"), "from": array(ref("OrderState")),
            # null: back to the state before the hold (resume), or the order stays (a correction)
            "to": nullable(ref("OrderState")),
            # `assignee`: the order's technician or one of its helpers
            "roles": array({"anyOf": [ref("Role"), enum([lifecycle.ASSIGNEE])]}),
            # how the order's page offers it: an everyday step, a decision (never primary),
            # under "more", or destructive (last, never primary)
            "group": enum(lifecycle.ACTION_GROUPS),
            "schema": free_form("a JSON Schema (draft 2020-12) of the action's data, the one "
                                "the API validates it with")})),
        # each state's expected next step(s) (empty for a closed order)
        "next_actions": obj({state: array(ref("ActionName")) for state in lifecycle.STATES}),
    }),
    # truncated (a name or phone search, answered in one page): more customers or orders
    # matched than were read or shown (narrow the search)
    "WorkOrderPage": obj({**page_of("WorkOrder")["properties"], "truncated": BOOL},
                         required=["items", "next_cursor"]),
    "WorkOrderItems": items_of("WorkOrder"),
    # an order as the lists show it (GET /api/work-orders): the columns of its list row, and
    # its running and paused clocks (a stopped clock's outcome is on the order's page)
    "WorkOrderRow": obj({name: _ORDER_PROPERTIES[name] for name in (*LIST_ROW, "clocks")}),
    "WorkOrderRowPage": obj({**page_of("WorkOrderRow")["properties"], "truncated": BOOL},
                            required=["items", "next_cursor"]),
    # a 409 `stale_version`: the order as it is now (null when it is not an order's conflict)
    "StaleVersionError": obj({**KERNEL_COMPONENTS["Error"]["properties"],
                              "current": nullable(ref("WorkOrder"))}),
    # counts per order type and per priority (the key figures); a key is absent at zero
    "OrderTypeCounts": obj({name: INT for name in enums.ORDER_TYPES}, required=[]),
    "PriorityCounts": obj({name: INT for name in enums.PRIORITIES}, required=[]),
}



# ---- workload (orders/workload.py, the rules in domain/dispatching.py)
def _workload_schemas() -> dict[str, dict]:
    from chalicelib.kernel.schemas import BOOL, NINT
    from chalicelib.modules.orders.domain import dispatching

    job = {"order_id": STR, "number": STR, "state": ref("OrderState"), "priority": ref("Priority"),
           "customer_name": STR, "site_name": NSTR, "site_address": NSTR,
           "visited": BOOL}  # checked in on site since the visit was agreed
    return {
        "SuitabilityReason": enum(dispatching.REASONS),
        "TechnicianPosition": enum(dispatching.POSITIONS),
        # an agreed visit (the `contact` step's visit_at since the latest dispatch) of an open job
        "AgreedVisit": obj({**job, "visit_at": STR}),
        "DispatchCandidate": obj({
            "username": STR, "name": STR, "star_level": NINT,
            "open_jobs": INT,  # jobs in the technician's hands (dispatched … rework, on hold)
            # great-circle km from where the technician is taken to be to the site; null: unknown
            "distance_km": NNUM,
            # check_in: their latest own check-in with coordinates today (at position_at); outlet
            "position": nullable(ref("TechnicianPosition")), "position_at": NSTR,
            "today_visits": array(ref("AgreedVisit")),  # on the outlet's local day
            "rank": INT, "recommended": BOOL,
            "current": BOOL,  # the order's technician now (a reassignment): ranked last
            "reasons": array(ref("SuitabilityReason")),  # the criteria on which they lead
            # qualified for the order's class of work (stars, certificates: the technicians
            # area's rule); the qualified ones are listed first; problems: what the others lack
            "qualified": BOOL, "problems": array(ref("QualificationProblem")),
        }),
        "DispatchCandidates": obj({
            "order_id": STR, "outlet": STR, "timezone": STR, "today": STR, "now": STR,
            "job_class": NSTR,  # the order's class of work (null: none, nothing checked)
            # the classes of the plan awaiting approval, checked too (else empty)
            "plan_job_classes": array(STR),
            "site_located": BOOL,  # the site has coordinates (else the order's distance is used)
            "items": array(ref("DispatchCandidate")),
        }),
        # a job in a technician's hands; next_due_at: the soonest due time of its running clocks
        "BoardJob": obj({**job, "visit_at": NSTR, "next_due_at": NSTR}),
        "DispatchBoard": obj({
            "outlet": STR, "timezone": STR, "now": STR, "today": STR, "tomorrow": STR,
            "technicians": array(obj({
                "username": STR, "name": STR, "star_level": NINT, "phone": NSTR,
                "open_jobs": INT, "jobs": array(ref("BoardJob")),  # most urgent first
                "today": array(ref("AgreedVisit")), "tomorrow": array(ref("AgreedVisit"))})),
            # orders waiting for dispatch, oldest first (at most 50; unassigned_more: there are more)
            "unassigned": array(obj({"order_id": STR, "number": STR, "priority": ref("Priority"),
                                     "customer_name": STR, "site_name": NSTR, "created_at": STR})),
            "unassigned_more": BOOL,
        }),
    }


SCHEMAS.update(_workload_schemas())
