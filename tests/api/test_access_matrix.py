"""Role × outlet denial matrix for every endpoint.

401 without a token; 403 for a role that may not act; 404 for an object of another outlet (its
existence is not revealed); head office reads everything but takes no outlet action.
"""

from __future__ import annotations

import pytest

from app import app
from chalicelib.kernel import registry
from chalicelib.kernel.http import ENDPOINTS
from chalicelib.kernel.openapi import document
from chalicelib.modules.complaints.domain.settings import DEFAULT_SETTINGS
from chalicelib.modules.sla.policies import DEFAULT_POLICY
from chalicelib.modules.technicians.domain.job_classes import DEFAULT_SETTINGS as JOB_CLASSES
from chalicelib.modules.warranty.domain.terms import default_template
from infra.local.demo_data import STAFF as DEMO_STAFF
from infra.local.queues import drain
from tests.conftest import HAPPY_PATH, STEP_DATA, actor_for, customer_of, evidence_for, slot, upload

USERS = ["sz_agent", "sz_manager", "sz_support", "sz_tech1", "sz_tech3", "sz_warehouse",
         "cd_agent", "cd_manager", "cd_tech1", "hq_admin"]


def _dispatched_order(api, customer) -> dict:
    order = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "type": "repair", "priority": "general",
        "channel": "phone", "description": "矩阵测试"}).body
    return api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"]).body


@pytest.fixture(scope="module")
def objects(api):
    """An SZ order dispatched to sz_tech1, and the SZ customer."""
    customer = customer_of(api, "SZ")
    order = _dispatched_order(api, customer)
    verified = upload(api, order, "sz_tech1", category="site")
    pending = slot(api, order, "sz_tech1", category="site").body["attachment"]
    export = api.post("/api/exports", "sz_manager", BODIES["/api/exports"]).body
    drain()  # the export is done: a retry of it is a 409 for those who may see it
    accepted = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "type": "repair", "priority": "general",
        "channel": "phone", "description": "矩阵测试：报告"}).body
    for action in HAPPY_PATH[:8]:
        data = evidence_for(api, accepted, action, actor_for(action), STEP_DATA[action])
        accepted = api.act(accepted, action, actor_for(action), data).body
    assert accepted["state"] == "accepted" and accepted["reports"]
    consultation = api.post("/api/consultations", "sz_tech1", {  # recorded by a technician
        "kind": "question", "channel": "phone", "customer_name": "矩阵客户",
        "phone": "13000000000", "content": "矩阵测试"}).body
    from chalicelib.kernel.store.keys import utc_now
    from chalicelib.modules.complaints import rate

    rate.store("2026-06", rate.build("2026-06"), utc_now())  # a month whose rate is built
    # travel claims: a technician's draft and a manager's own draft
    claims = {user: api.post("/api/claims", user, CLAIM).body for user in ("sz_tech1",
                                                                          "sz_manager")}
    # a maintenance contract of the SZ customer (a draft: it covers nothing yet)
    contract = api.post("/api/contracts", "sz_manager", {
        "customer_id": customer["id"], "starts_on": "2041-01-01", "ends_on": "2041-12-31",
        "free_period": False, "price_fen": 100, "sites": [customer["sites"][0]["id"]],
        "included_callouts": 0, "schedule": {"kind": "yearly", "day": 1, "per": "site"},
        "checklist": []}).body
    return {"order": order, "customer": customer, "verified": verified, "pending": pending,
            "accepted": accepted, "export": export, "consultation": consultation,
            "claim": claims["sz_tech1"], "manager_claim": claims["sz_manager"],
            "contract": contract}


def _expect(table: dict, user: str) -> int:
    for users, status in table.items():
        if user in users.split():
            return status
    raise KeyError(user)


# endpoint -> {space-separated users: expected status}
MATRIX = {
    ("GET", "/api/me"): {" ".join(USERS): 200},
    ("GET", "/api/outlets"): {" ".join(USERS): 200},
    ("GET", "/api/lifecycle"): {" ".join(USERS): 200},
    ("GET", "/api/staff?outlet=SZ"): {
        "sz_agent sz_manager sz_support sz_tech1 sz_tech3 sz_warehouse hq_admin": 200,
        "cd_agent cd_manager cd_tech1": 404},
    ("GET", "/api/customers?outlet=SZ&q=测试"): {
        "sz_agent sz_manager sz_support hq_admin": 200,
        "sz_tech1 sz_tech3 sz_warehouse cd_tech1": 403, "cd_agent cd_manager": 404},
    ("POST", "/api/customers"): {
        "sz_agent sz_manager cd_agent cd_manager": 201,
        "sz_support sz_tech1 sz_tech3 sz_warehouse cd_tech1 hq_admin": 403},
    ("GET", "/api/customers/{customer}"): {
        "sz_agent sz_manager sz_support hq_admin": 200, "sz_tech1 sz_tech3 sz_warehouse": 403,
        "cd_agent cd_manager cd_tech1": 404},
    ("POST", "/api/customers/{customer}/sites"): {
        "sz_agent sz_manager": 201, "sz_support sz_tech1 sz_tech3 sz_warehouse hq_admin": 403,
        "cd_agent cd_manager cd_tech1": 404},
    ("POST", "/api/customers/{customer}/equipment"): {
        "sz_agent sz_manager": 201, "sz_support sz_tech1 sz_tech3 sz_warehouse hq_admin": 403,
        "cd_agent cd_manager cd_tech1": 404},
    ("GET", "/api/work-orders?outlet=SZ"): {
        "sz_agent sz_manager sz_support sz_tech1 sz_tech3 sz_warehouse hq_admin": 200,
        "cd_agent cd_manager": 404, "cd_tech1": 200},  # a technician only ever lists own jobs
    ("POST", "/api/work-orders"): {
        "sz_agent sz_manager": 201,
        "sz_support sz_tech1 sz_tech3 sz_warehouse hq_admin cd_tech1": 403,
        "cd_agent cd_manager": 400},  # the SZ customer is not theirs: reported on the field
    ("GET", "/api/work-orders/{order}"): {
        "sz_agent sz_manager sz_support sz_tech1 sz_warehouse hq_admin": 200,
        "sz_tech3 cd_agent cd_manager cd_tech1": 404},
    # the intake's duplicate warning: who records orders, about a customer of their outlet
    ("GET", "/api/work-orders/open?customer={customer}"): {
        "sz_agent sz_manager": 200,
        "sz_support sz_tech1 sz_tech3 sz_warehouse hq_admin cd_tech1": 403,
        "cd_agent cd_manager": 404},
    ("GET", "/api/work-orders/by-number/{number}"): {
        "sz_agent sz_manager sz_support sz_tech1 sz_warehouse hq_admin": 200,
        "sz_tech3 cd_agent cd_manager cd_tech1": 404},
    ("POST", "/api/work-orders/{order}/actions/hold"): {
        "sz_manager sz_tech1": 200, "sz_agent sz_support sz_warehouse hq_admin": 403,
        "sz_tech3 cd_agent cd_manager cd_tech1": 404},
}

EVERYONE = " ".join(USERS)
NOT_MANAGERS = "sz_agent sz_support sz_tech1 sz_tech3 sz_warehouse cd_agent cd_tech1"
ALL_BUT_HQ = " ".join(u for u in USERS if u != "hq_admin")
MATRIX.update({
    ("GET", "/api/notifications"): {EVERYONE: 200},
    ("GET", "/api/notifications/unread-count"): {EVERYONE: 200},
    ("POST", "/api/notifications/{notification_id}/read"): {EVERYONE: 404},  # not in my inbox
    ("POST", "/api/notifications/read-all"): {EVERYONE: 200},
    ("GET", "/api/me/preferences"): {EVERYONE: 200},
    ("PATCH", "/api/me/preferences"): {EVERYONE: 409},  # 409: a stale version
    ("GET", "/api/sla/at-risk?outlet=SZ"): {"sz_manager hq_admin": 200, NOT_MANAGERS: 403,
                                            "cd_manager": 404},
    # managers and head office may acknowledge a breach (404: no such order's clock)
    ("POST", "/api/sla/acknowledgements"): {"sz_manager cd_manager hq_admin": 404,
                                            NOT_MANAGERS: 403},
    ("GET", "/api/sla/policy?outlet=SZ"): {"sz_manager hq_admin": 200, NOT_MANAGERS: 403,
                                           "cd_manager": 404},
    ("PUT", "/api/sla/policy"): {"hq_admin": 409, ALL_BUT_HQ: 403},  # 409: a stale version
    ("PUT", "/api/sla/policy/outlets/{code}"): {"hq_admin": 409, ALL_BUT_HQ: 403},
    ("GET", "/api/sla/calendar?year=2026"): {EVERYONE: 200},
    ("PUT", "/api/sla/calendar/days/{day}"): {"hq_admin": 200, ALL_BUT_HQ: 403},
    ("DELETE", "/api/sla/calendar/days/{day}"): {"hq_admin": 404, ALL_BUT_HQ: 403},
    ("PUT", "/api/sla/calendar/years/{year}"): {"hq_admin": 200, ALL_BUT_HQ: 403},
    ("PUT", "/api/outlets/{code}/working-hours"): {"hq_admin": 200, ALL_BUT_HQ: 403},
})
READERS = "sz_agent sz_manager sz_support sz_tech1 sz_warehouse hq_admin"
OUTSIDERS = "sz_tech3 cd_agent cd_manager cd_tech1"  # another outlet, or not on the job
MATRIX.update({
    # the outlet's staff and the order's technicians upload; head office only reads
    ("POST", "/api/work-orders/{order}/attachments"): {
        "sz_agent sz_manager sz_support sz_tech1 sz_warehouse": 201, "hq_admin": 403,
        OUTSIDERS: 404},
    # 409: nothing was uploaded for this pending attachment
    ("POST", "/api/work-orders/{order}/attachments/{pending}/confirm"): {
        "sz_agent sz_manager sz_support sz_tech1 sz_warehouse": 409, f"hq_admin {OUTSIDERS}": 404},
    ("GET", "/api/work-orders/{order}/attachments"): {READERS: 200, OUTSIDERS: 404},
    ("GET", "/api/work-orders/{order}/attachments/{verified}"): {READERS: 200, OUTSIDERS: 404},
    ("GET", "/api/work-orders/{accepted}/reports/1"): {READERS: 200, OUTSIDERS: 404},
})
STAFF = "sz_agent sz_support sz_tech1 sz_tech3 sz_warehouse cd_agent cd_tech1"
MATRIX.update({
    # figures, exports and monthly reports: managers for their outlet, head office for all
    ("GET", "/api/kpi/summary?scope=SZ"): {"sz_manager hq_admin": 200, STAFF: 403, "cd_manager": 404},
    ("GET", "/api/kpi/orders?scope=SZ&month=2026-07&metric=received"): {
        "sz_manager hq_admin": 200, STAFF: 403, "cd_manager": 404},
    ("POST", "/api/exports"): {"sz_manager hq_admin": 202, STAFF: 403, "cd_manager": 404},
    ("GET", "/api/exports"): {"sz_manager cd_manager hq_admin": 200, STAFF: 403},
    ("GET", "/api/exports/{export}"): {"sz_manager hq_admin": 200, STAFF: 403, "cd_manager": 404},
    ("POST", "/api/exports/{export}/retry"): {"sz_manager hq_admin": 409, STAFF: 403,
                                              "cd_manager": 404},
    ("GET", "/api/monthly-reports"): {"sz_manager cd_manager hq_admin": 200, STAFF: 403},
    ("POST", "/api/monthly-reports/{month}/run"): {"hq_admin": 200,
                                                   f"sz_manager cd_manager {STAFF}": 403},
    # the monthly complaint rate: a manager their outlet's, head office any (and rebuilds)
    ("GET", "/api/complaints/rate?month=2026-06&outlet=SZ"): {
        "sz_manager hq_admin": 200, STAFF: 403, "cd_manager": 404},
    ("POST", "/api/complaints/rate/runs"): {"hq_admin": 200,
                                            f"sz_manager cd_manager {STAFF}": 403},
})
MATRIX.update({
    # TOTP set-up: every role may (head office must). Besides the bearer token it needs the
    # refresh cookie, which the matrix does not send: 401 for all here; tests/api/test_mfa.py
    # sets it up with the cookie for every role.
    ("POST", "/api/auth/mfa/setup"): {EVERYONE: 401},
    ("POST", "/api/auth/mfa/verify"): {EVERYONE: 401},
})
MATRIX.update({
    # workload (orders/workload.py): managers of the order's outlet and head office weigh the
    # technicians; technicians read their own jobs
    ("GET", "/api/work-orders/{order}/dispatch-candidates"): {
        "sz_manager hq_admin": 200, "sz_agent sz_support sz_tech1 sz_warehouse": 403,
        "sz_tech3 cd_agent cd_manager cd_tech1": 404},
    ("GET", "/api/dispatch-board?outlet=SZ"): {"sz_manager hq_admin": 200, NOT_MANAGERS: 403,
                                               "cd_manager": 404},
    ("GET", "/api/my-jobs"): {"sz_tech1 sz_tech3 cd_tech1": 200,
                              "sz_agent sz_manager sz_support sz_warehouse cd_agent cd_manager "
                              "hq_admin": 403},
})

TEMPLATE = {k: v for k, v in default_template().items() if k != "model"}
MATRIX.update({
    # warranty terms (everyone reads them; head office writes them: 409 a stale version, 404 no
    # template of that model) and units (the outlet's office and head office read them; agents
    # and managers register them; managers and head office extend their terms: 409 stale)
    ("GET", "/api/warranty/templates"): {EVERYONE: 200},
    ("PUT", "/api/warranty/templates/default"): {"hq_admin": 409, ALL_BUT_HQ: 403},
    ("PUT", "/api/warranty/templates/models/{model}"): {"hq_admin": 409, ALL_BUT_HQ: 403},
    ("DELETE", "/api/warranty/templates/models/{model}?version=999"): {"hq_admin": 404,
                                                                      ALL_BUT_HQ: 403},
    ("GET", "/api/units?outlet=SZ"): {
        "sz_agent sz_manager sz_support hq_admin": 200,
        "sz_tech1 sz_tech3 sz_warehouse cd_tech1": 403, "cd_agent cd_manager": 404},
    ("GET", "/api/customers/{customer}/units/{unit}"): {
        "sz_agent sz_manager sz_support hq_admin": 200, "sz_tech1 sz_tech3 sz_warehouse": 403,
        "cd_agent cd_manager cd_tech1": 404},
    ("POST", "/api/customers/{customer}/units/{unit}/terms"): {
        "sz_manager hq_admin": 409, "sz_agent sz_support sz_tech1 sz_tech3 sz_warehouse": 403,
        "cd_agent cd_manager cd_tech1": 404},
})
MATRIX.update({
    # a unit's photos (warranty/unit_photos.py): the agents and managers of the unit's outlet
    # upload them (404: no such upload form); its office and head office read them
    ("POST", "/api/customers/{customer}/units/{unit}/photos"): {
        "sz_agent sz_manager": 201, "cd_agent cd_manager cd_tech1": 404,
        "sz_support sz_tech1 sz_tech3 sz_warehouse hq_admin": 403},
    ("POST", "/api/customers/{customer}/units/{unit}/photos/uph_missing/confirm"): {
        "sz_agent sz_manager cd_agent cd_manager cd_tech1": 404,
        "sz_support sz_tech1 sz_tech3 sz_warehouse hq_admin": 403},
    ("GET", "/api/customers/{customer}/units/{unit}/photos"): {
        "sz_agent sz_manager sz_support hq_admin": 200, "cd_agent cd_manager cd_tech1": 404,
        "sz_tech1 sz_tech3 sz_warehouse": 403},
})

MATRIX.update({
    # a quote link for the customer (warranty/quote_links.py): the agents and managers of the
    # order's outlet (409: the order has no quote); the customer's side needs no sign-in
    ("POST", "/api/work-orders/{order}/quote/link"): {
        "sz_agent sz_manager": 409, "sz_support sz_tech1 sz_warehouse hq_admin": 403,
        "sz_tech3 cd_agent cd_manager cd_tech1": 404},
})

MATRIX.update({
    # the price list the quote form starts from: whoever reads the order
    ("GET", "/api/work-orders/{order}/price-list"): {READERS: 200, OUTSIDERS: 404},
    # the intake's coverage preview: who records orders, about a customer of their outlet
    ("POST", "/api/warranty/coverage-preview"): {
        "sz_agent sz_manager": 200, "cd_agent cd_manager": 404,
        "sz_support sz_tech1 sz_tech3 sz_warehouse cd_tech1 hq_admin": 403},
})

IMPORTERS = "sz_agent sz_manager cd_agent cd_manager"
NOT_IMPORTERS = "sz_support sz_tech1 sz_tech3 sz_warehouse cd_tech1 hq_admin"
MATRIX.update({
    # unit imports (warranty/imports.py): the agents and managers of an outlet, each outlet's
    # own imports only (404: no such import here; another outlet's is 404 too, see
    # tests/api/test_unit_import.py)
    ("POST", "/api/unit-imports"): {IMPORTERS: 201, NOT_IMPORTERS: 403},
    ("GET", "/api/unit-imports"): {IMPORTERS: 200, NOT_IMPORTERS: 403},
    ("GET", "/api/unit-imports/sample"): {IMPORTERS: 200, NOT_IMPORTERS: 403},
    ("GET", "/api/unit-imports/imp_missing"): {IMPORTERS: 404, NOT_IMPORTERS: 403},
    ("POST", "/api/unit-imports/imp_missing/start"): {IMPORTERS: 404, NOT_IMPORTERS: 403},
})

# spare parts: transfers (调拨单) and counts (盘点) — parts/transfers.py, parts/counts.py; the
# counts of CD are started (SZ's would leave a count open on the shared stack)
TRANSFER_READERS, NOT_TRANSFER = ("sz_warehouse sz_manager cd_manager hq_admin",
                                  "sz_agent sz_support sz_tech1 sz_tech3 cd_agent cd_tech1")
SZ_OTHERS = "sz_agent sz_support sz_tech1 sz_tech3"
MATRIX.update({
    ("POST", "/api/parts/transfers"): {
        "sz_warehouse hq_admin": 400, f"{NOT_TRANSFER} sz_manager cd_manager": 403},
    ("GET", "/api/parts/warehouses"): {TRANSFER_READERS: 200, NOT_TRANSFER: 403},
    ("GET", "/api/parts/transfers?outlet=SZ"): {
        "sz_warehouse sz_manager hq_admin": 200, "cd_manager": 404, NOT_TRANSFER: 403},
    ("GET", "/api/parts/transfers/tr_missing"): {TRANSFER_READERS: 404, NOT_TRANSFER: 403},
    **{("POST", f"/api/parts/transfers/tr_missing/actions/{action}"): {
        "sz_warehouse hq_admin": 404, f"{NOT_TRANSFER} sz_manager cd_manager": 403}
       for action in ("send", "receive", "cancel")},
    ("POST", "/api/parts/warehouses/CD/counts"): {
        f"{SZ_OTHERS} sz_manager sz_warehouse": 404, "cd_agent cd_manager cd_tech1 hq_admin": 403},
    ("GET", "/api/parts/warehouses/SZ/counts"): {
        "sz_warehouse sz_manager hq_admin": 200, "cd_agent cd_manager cd_tech1": 404,
        SZ_OTHERS: 403},
    ("GET", "/api/parts/warehouses/SZ/counts/ct_missing"): {
        "sz_warehouse sz_manager hq_admin cd_agent cd_manager cd_tech1": 404, SZ_OTHERS: 403},
    ("PUT", "/api/parts/warehouses/SZ/counts/ct_missing/lines/MATRIX-PART"): {
        "sz_warehouse cd_agent cd_manager cd_tech1": 404, f"{SZ_OTHERS} sz_manager hq_admin": 403},
    ("POST", "/api/parts/warehouses/SZ/counts/ct_missing/actions/submit"): {
        "sz_warehouse cd_agent cd_manager cd_tech1": 404, f"{SZ_OTHERS} sz_manager hq_admin": 403},
    **{("POST", f"/api/parts/warehouses/SZ/counts/ct_missing/actions/{action}"): {
        "sz_manager cd_agent cd_manager cd_tech1": 404, f"{SZ_OTHERS} sz_warehouse hq_admin": 403}
       for action in ("approve", "reject")},
})

# complaints (complaints/usecases.py): anyone records one (an empty form: 400), an outlet's
# office and head office read the boards (another outlet's: 404), a complaint one may not see is
# 404 for every role, head office alone edits the settings (999: a stale version)
COMPLAINT_READERS = "sz_agent sz_manager sz_support hq_admin"
COMPLAINT_OTHERS = "sz_tech1 sz_tech3 sz_warehouse cd_tech1"
MATRIX.update({
    ("POST", "/api/complaints"): {EVERYONE: 400},
    ("GET", "/api/complaints?outlet=SZ"): {
        COMPLAINT_READERS: 200, "cd_agent cd_manager": 404, COMPLAINT_OTHERS: 403},
    ("GET", "/api/complaints/settings"): {
        f"{COMPLAINT_READERS} cd_agent cd_manager": 200, COMPLAINT_OTHERS: 403},
    ("PUT", "/api/complaints/settings"): {"hq_admin": 409, ALL_BUT_HQ: 403},
    ("GET", "/api/complaints/cmp_missing"): {EVERYONE: 404},
    **{("POST", f"/api/complaints/cmp_missing/actions/{action}"): {EVERYONE: 404}
       for action in ("judge", "close")},
})

# the conduct ledger (conduct/usecases.py): a person's record is read by themself, their
# outlet's managers and head office (anyone else: 404); managers of their outlet and head office
# enter a reward (another outlet's manager: 404), nobody else
MATRIX.update({
    ("GET", "/api/staff/sz_tech1/record"): {
        "sz_tech1 sz_manager hq_admin": 200,
        "sz_agent sz_support sz_tech3 sz_warehouse cd_agent cd_manager cd_tech1": 404},
    ("POST", "/api/staff/sz_tech1/ledger"): {
        "sz_manager hq_admin": 201, "cd_manager": 404,
        "sz_agent sz_support sz_tech1 sz_tech3 sz_warehouse cd_agent cd_tech1": 403},
})

# technicians (technicians/file.py, stars.py, certificates.py): an outlet's list and expiry list
# by its managers and head office (another outlet's manager: 404); a technician's file by
# themself, their outlet's managers and head office (anyone else who reads files: 404); stars and
# certificates by a manager of their outlet or head office (999: a stale version; crt_…: none)
TECH_WRITERS = {"cd_manager": 404,
                "sz_agent sz_support sz_tech1 sz_tech3 sz_warehouse cd_agent cd_tech1": 403}
MATRIX.update({
    ("GET", "/api/technicians?outlet=SZ"): {"sz_manager hq_admin": 200, **TECH_WRITERS},
    ("GET", "/api/technicians/certificates/expiring?outlet=SZ"): {
        "sz_manager hq_admin": 200, **TECH_WRITERS},
    ("GET", "/api/technicians/sz_tech1"): {
        "sz_tech1 sz_manager hq_admin": 200,
        "sz_support sz_tech3 cd_manager cd_tech1": 404, "sz_agent sz_warehouse cd_agent": 403},
    ("POST", "/api/technicians/sz_tech1/stars"): {"sz_manager hq_admin": 409, **TECH_WRITERS},
    ("POST", "/api/technicians/sz_tech1/certificates"): {
        "sz_manager hq_admin": 201, **TECH_WRITERS},
    ("PUT", "/api/technicians/sz_tech1/certificates/crt_00000000deadbeef"): {
        "sz_manager hq_admin": 404, **TECH_WRITERS},
    ("POST", "/api/technicians/sz_tech1/certificates/crt_00000000deadbeef/revoke"): {
        "sz_manager hq_admin": 404, **TECH_WRITERS},
    # a certificate's scan (technicians/scans.py): uploaded by those who edit it
    ("POST", "/api/technicians/sz_tech1/certificates/crt_00000000deadbeef/scan"): {
        "sz_manager hq_admin": 404, **TECH_WRITERS},
    ("POST", "/api/technicians/sz_tech1/certificates/crt_00000000deadbeef/scan/"
             "csc_00000000deadbeef/confirm"): {"sz_manager hq_admin": 404, **TECH_WRITERS},
})
# the job-class table (technicians/job_classes.py): everyone reads it and its versions, head
# office alone replaces it (999: a stale version)
MATRIX.update({
    ("GET", "/api/technicians/job-classes"): {EVERYONE: 200},
    ("GET", "/api/technicians/job-classes/versions"): {EVERYONE: 200},
    ("PUT", "/api/technicians/job-classes"): {"hq_admin": 409, ALL_BUT_HQ: 403},
})
# training (technicians/training.py): an outlet's plans, sessions and proposed fines by its
# managers and head office (another outlet's manager: 404), nobody else; tp_/ts_/pp_…: none
TRAINING = "/api/technicians/training"
MATRIX.update({
    ("GET", f"{TRAINING}/plans?year=2026&outlet=SZ"): {"sz_manager hq_admin": 200, **TECH_WRITERS},
    ("POST", f"{TRAINING}/plans"): {"sz_manager hq_admin": 201, **TECH_WRITERS},
    **{(method, f"{TRAINING}/plans/tp_00000000deadbeef{tail}"): {
        "sz_manager hq_admin cd_manager": 404, **TECH_WRITERS}
       for method, tail in (("GET", ""), ("PUT", ""), ("POST", "/approve"))},
    ("GET", f"{TRAINING}/sessions?outlet=SZ"): {"sz_manager hq_admin": 200, **TECH_WRITERS},
    ("POST", f"{TRAINING}/sessions"): {"sz_manager hq_admin": 201, **TECH_WRITERS},
    ("GET", f"{TRAINING}/sessions/ts_00000000deadbeef"): {
        "sz_manager hq_admin cd_manager": 404, **TECH_WRITERS},
    ("POST", f"{TRAINING}/sessions/ts_00000000deadbeef/results"): {
        "sz_manager hq_admin cd_manager": 404, **TECH_WRITERS},
    ("GET", f"{TRAINING}/proposals?outlet=SZ"): {"sz_manager hq_admin": 200, **TECH_WRITERS},
    ("POST", f"{TRAINING}/proposals/pp_00000000deadbeef/decide"): {
        "sz_manager hq_admin cd_manager": 404, **TECH_WRITERS},
})
# the monthly appraisal (technicians/appraisal.py): an outlet's month read and signed by its
# managers and head office (another outlet's manager: 404), nobody else (999: a stale version)
MATRIX.update({
    ("GET", "/api/technicians/appraisals?outlet=SZ&month=2026-06"): {
        "sz_manager hq_admin": 200, **TECH_WRITERS},
    ("POST", "/api/technicians/appraisals/sign"): {"sz_manager hq_admin": 409, **TECH_WRITERS},
})

# consultations (consultations/usecases.py): anyone records one (an empty form: 400); an
# outlet's office and head office read the board (another outlet's: 404); a consultation is read
# by its outlet's office, head office and whoever recorded it (sz_tech1), else 404; the desk's
# actions by their roles of its outlet (999: a stale version)
CONSULTATION_DESK = {"sz_agent sz_manager": 409, "sz_support sz_tech1 hq_admin": 403,
                     "sz_tech3 sz_warehouse cd_agent cd_manager cd_tech1": 404}
MATRIX.update({
    ("POST", "/api/consultations"): {EVERYONE: 400},
    ("GET", "/api/consultations?outlet=SZ"): {
        "sz_agent sz_manager sz_support hq_admin": 200, "cd_agent cd_manager": 404,
        "sz_tech1 sz_tech3 sz_warehouse cd_tech1": 403},
    ("GET", "/api/consultations/{consultation}"): {
        "sz_agent sz_manager sz_support hq_admin sz_tech1": 200,
        "sz_tech3 sz_warehouse cd_agent cd_manager cd_tech1": 404},
    **{("POST", f"/api/consultations/{{consultation}}/actions/{action}"): CONSULTATION_DESK
       for action in ("take_over", "close", "to_complaint")},
    ("POST", "/api/consultations/{consultation}/actions/answer"): {
        "sz_agent sz_manager sz_support": 409, "sz_tech1 hq_admin": 403,
        "sz_tech3 sz_warehouse cd_agent cd_manager cd_tech1": 404},
})

# spare parts: the catalogue (everyone reads it, head office writes it) and an outlet's
# warehouse (parts/catalogue.py, parts/warehouse.py): its office and head office read it, only
# its own keeper moves it; another outlet's people get 404. {part_code} is a part that is not there.
STOCK_READERS, STOCK_OTHERS = "sz_warehouse sz_manager sz_support hq_admin", "sz_agent sz_tech1 sz_tech3"
CD_PEOPLE = "cd_agent cd_manager cd_tech1"
KEEPER_ONLY = {f"sz_warehouse {CD_PEOPLE}": 404,
               "sz_agent sz_manager sz_support sz_tech1 sz_tech3 hq_admin": 403}
MATRIX.update({
    ("GET", "/api/parts"): {EVERYONE: 200},
    ("POST", "/api/parts"): {"hq_admin": 400, ALL_BUT_HQ: 403},  # 400: an empty form
    ("GET", "/api/parts/{part_code}"): {EVERYONE: 404},
    ("PUT", "/api/parts/{part_code}"): {"hq_admin": 404, ALL_BUT_HQ: 403},
    ("GET", "/api/parts/warehouses/SZ/stock"): {
        STOCK_READERS: 200, CD_PEOPLE: 404, STOCK_OTHERS: 403},
    ("GET", "/api/parts/warehouses/SZ/stock/{part_code}"): {
        f"{STOCK_READERS} {CD_PEOPLE}": 404, STOCK_OTHERS: 403},
    ("PUT", "/api/parts/warehouses/SZ/stock/{part_code}/settings"): KEEPER_ONLY,
    ("POST", "/api/parts/warehouses/SZ/stock/{part_code}/movements"): KEEPER_ONLY,
    ("GET", "/api/parts/warehouses/SZ/suggestions"): {
        STOCK_READERS: 200, CD_PEOPLE: 404, STOCK_OTHERS: 403},
    ("POST", "/api/parts/warehouses/SZ/suggestions/{part_code}/order"): KEEPER_ONLY,
    ("POST", "/api/parts/warehouses/SZ/suggestions/{part_code}/dismiss"): KEEPER_ONLY,
})

# spare parts: requisitions on a work order (parts/requisitions.py): created by the order's
# technicians, support and manager (an empty form: 400 naming order_id), the queues read by the
# office and head office (another outlet's: 404), an action on a requisition the order does not
# hold: 404 (another outlet's order: 404 too), an exception by the order's manager only
QUEUE_READERS = "sz_manager sz_support sz_warehouse hq_admin"
MATRIX.update({
    ("POST", "/api/parts/requisitions"): {
        "sz_manager sz_support sz_tech1 sz_tech3 cd_manager cd_tech1": 400,
        "sz_agent sz_warehouse cd_agent hq_admin": 403},
    ("GET", "/api/parts/requisitions?queue=to_issue&outlet=SZ"): {
        QUEUE_READERS: 200, "cd_manager": 404, "sz_agent sz_tech1 sz_tech3 cd_agent cd_tech1": 403},
    ("POST", "/api/work-orders/{order}/requisitions/rq_missing/actions/approve"): {EVERYONE: 404},
    ("POST", "/api/work-orders/{order}/parts-exceptions"): {
        # those who may not see the order (another outlet's, a technician not on it): 404; a
        # manager's empty form is refused before the order is read
        "sz_manager cd_manager": 400, "cd_agent cd_tech1 sz_tech3": 404,
        "sz_agent sz_support sz_tech1 sz_warehouse hq_admin": 403},
})

# budgets (fees/budgets.py): the outlet's manager reads theirs, books and files 费用增加申请;
# head office reads every outlet's, sets them, books and decides; another outlet's people: 404
# (a manager by the outlet check, others by the outlet locator). The year 2042 is the matrix's.
BUDGET = "/api/budgets/SZ/2042"
SZ_OTHERS = "sz_agent sz_support sz_tech1 sz_tech3 sz_warehouse"
MATRIX.update({
    ("GET", "/api/budgets?outlet=SZ&year=2042"): {
        "sz_manager hq_admin": 200, "cd_manager": 404, f"{SZ_OTHERS} cd_agent cd_tech1": 403},
    ("PUT", BUDGET): {"hq_admin": 409, f"sz_manager {SZ_OTHERS}": 403, CD_PEOPLE: 404},
    ("POST", f"{BUDGET}/spend"): {"sz_manager hq_admin": 200, SZ_OTHERS: 403, CD_PEOPLE: 404},
    ("GET", f"{BUDGET}/requests"): {"sz_manager hq_admin": 200, SZ_OTHERS: 403, CD_PEOPLE: 404},
    ("POST", f"{BUDGET}/requests"): {
        "sz_manager": 201, f"hq_admin {SZ_OTHERS}": 403, CD_PEOPLE: 404},
    ("POST", f"{BUDGET}/requests/brq_00000000deadbeef/decide"): {
        "hq_admin": 404, f"sz_manager {SZ_OTHERS}": 403, CD_PEOPLE: 404},
    ("GET", f"{BUDGET}/events"): {"sz_manager hq_admin": 200, SZ_OTHERS: 403, CD_PEOPLE: 404},
})

# an order's fee lines and payments (fees/charges.py, payments.py): read by whoever reads the
# order (a technician not on it, another outlet: 404); written by its technicians, the desk and
# the manager, approved by the manager, handed in by the manager or head office (an empty form
# is refused before the order is read: 400)
FEES = "/api/work-orders/{order}/fees"
PAYMENTS = "/api/work-orders/{order}/payments"
FEE_READERS = "sz_agent sz_manager sz_support sz_tech1 hq_admin"
FEE_WRITERS = "sz_agent sz_manager sz_tech1 sz_tech3 cd_agent cd_manager cd_tech1"
MATRIX.update({
    ("GET", FEES): {FEE_READERS: 200, "sz_warehouse": 403,
                    "sz_tech3 cd_agent cd_manager cd_tech1": 404},
    ("PUT", FEES): {FEE_WRITERS: 400, "sz_support sz_warehouse hq_admin": 403},
    ("POST", f"{FEES}/approve"): {
        "sz_manager cd_manager": 400, "sz_agent sz_support sz_tech1 sz_warehouse hq_admin": 403,
        "sz_tech3 cd_agent cd_tech1": 404},
    ("GET", PAYMENTS): {FEE_READERS: 200, "sz_warehouse": 403,
                        "sz_tech3 cd_agent cd_manager cd_tech1": 404},
    ("POST", PAYMENTS): {FEE_WRITERS: 400, "sz_support sz_warehouse hq_admin": 403},
    ("POST", f"{PAYMENTS}/pay_00000000deadbeef/hand-in"): {
        "sz_manager cd_manager hq_admin": 400, "sz_agent sz_support sz_tech1 sz_warehouse": 403,
        "sz_tech3 cd_agent cd_tech1": 404},
})

# travel claims (fees/claims.py): filed by technicians, managers and support for their own
# trips; read by the claimant, the outlet's managers and head office (anyone else who may read
# claims: 404); changed, given receipts and submitted by the claimant only (another who sees it:
# 403 — the manager's own draft here, so no other filer sees it: 404); decided by the outlet's
# manager, then head office ({claim} is a technician's draft: no step waits, 409).
CLAIM = {"reason": "矩阵测试", "departed_on": "2026-06-01", "returned_on": "2026-06-02",
         "budget_category": "repair",
         "lines": [{"date": "2026-06-02", "from": "深圳", "to": "东莞", "category": "allowance",
                    "amount_fen": 100}]}
CLAIMS = "/api/claims"
MCLAIM = "/api/claims/{mclaim}"
CLAIM_READERS = "sz_manager sz_support sz_tech1 sz_tech3 cd_manager cd_tech1 hq_admin"
NO_CLAIMS = "sz_agent sz_warehouse cd_agent"
CLAIM_OTHERS = "sz_support sz_tech1 sz_tech3 cd_manager cd_tech1"  # filers who do not see it
MATRIX.update({
    ("POST", CLAIMS): {"sz_manager sz_support sz_tech1 sz_tech3 cd_manager cd_tech1": 400,
                       f"{NO_CLAIMS} hq_admin": 403},
    ("GET", CLAIMS): {CLAIM_READERS: 200, NO_CLAIMS: 403},
    ("GET", "/api/claims/{claim}"): {"sz_tech1 sz_manager hq_admin": 200,
                                     "sz_support sz_tech3 cd_manager cd_tech1": 404,
                                     NO_CLAIMS: 403},
    ("PUT", MCLAIM): {"sz_manager": 409, CLAIM_OTHERS: 404, f"{NO_CLAIMS} hq_admin": 403},
    ("POST", f"{MCLAIM}/receipts"): {"sz_manager": 201, CLAIM_OTHERS: 404,
                                     f"{NO_CLAIMS} hq_admin": 403},
    ("POST", f"{MCLAIM}/receipts/rct_00000000deadbeef/confirm"): {
        f"sz_manager {CLAIM_OTHERS}": 404, f"{NO_CLAIMS} hq_admin": 403},
    ("POST", f"{MCLAIM}/submit"): {"sz_manager": 409, CLAIM_OTHERS: 404,
                                   f"{NO_CLAIMS} hq_admin": 403},
    ("POST", "/api/claims/{claim}/decide"): {
        "sz_manager hq_admin": 409, "cd_manager": 404,
        "sz_agent sz_support sz_tech1 sz_tech3 sz_warehouse cd_agent cd_tech1": 403},
})

# maintenance contracts (contracts/): read by the outlet's office and technicians and head
# office (another outlet's contract: 404), written by the outlet's manager and head office
CONTRACT = "/api/contracts/{contract}"
CONTRACT_WRITERS = "sz_manager hq_admin"
SZ_NOT_WRITERS = "sz_agent sz_support sz_tech1 sz_tech3 sz_warehouse"
MATRIX.update({
    ("POST", "/api/contracts"): {"sz_manager cd_manager hq_admin": 400,
                                 f"{SZ_NOT_WRITERS} cd_agent cd_tech1": 403},
    ("GET", "/api/contracts"): {"sz_agent sz_manager sz_support sz_tech1 sz_tech3 cd_agent "
                                "cd_manager cd_tech1 hq_admin": 200, "sz_warehouse": 403},
    ("GET", CONTRACT): {"sz_agent sz_manager sz_support sz_tech1 sz_tech3 hq_admin": 200,
                        "sz_warehouse": 403, "cd_agent cd_manager cd_tech1": 404},
    **{(method, path): {CONTRACT_WRITERS: 409, SZ_NOT_WRITERS: 403,
                        "cd_agent cd_manager cd_tech1": 404}
       for method, path in (("PUT", CONTRACT), ("POST", f"{CONTRACT}/activate"),
                            ("POST", f"{CONTRACT}/terminate"), ("POST", f"{CONTRACT}/renew"))},
    # the quarterly report: its readers (400 here: a quarter outside the contract's period)
    ("POST", f"{CONTRACT}/quarterly"): {
        "sz_agent sz_manager sz_support sz_tech1 sz_tech3 hq_admin": 400, "sz_warehouse": 403,
        "cd_agent cd_manager cd_tech1": 404},
})
# an inspection's checklist (contracts/checklists.py): the order's technicians and the outlet's
# manager and support answer it and open repairs from it (404 here: the matrix's order is a
# repair, it has none); the outlet's others 403, another outlet or not on the job 404
CHECKLIST = "/api/work-orders/{order}/checklist"
MATRIX.update({
    (method, path): {"sz_manager sz_support sz_tech1": 404,
                     "sz_agent sz_warehouse hq_admin": 403, OUTSIDERS: 404}
    for method, path in (("PUT", CHECKLIST), ("POST", f"{CHECKLIST}/repair"))
})

BODIES = {
    "/api/contracts": {}, CONTRACT: {"version": 999},
    CHECKLIST: {"version": 1, "area": 0, "item": 0, "answer": "ok"},
    f"{CHECKLIST}/repair": {"version": 1, "area": 0, "item": 0},
    f"{CONTRACT}/activate": {"version": 999},
    f"{CONTRACT}/terminate": {"version": 999, "reason": "矩阵测试"},
    f"{CONTRACT}/renew": {"version": 999, "ends_on": "2042-12-31", "price_fen": 100},
    f"{CONTRACT}/quarterly": {"quarter": "2040-Q4"},
    CLAIMS: {}, MCLAIM: {**CLAIM, "version": 999},
    f"{MCLAIM}/receipts": {"content_type": "application/pdf", "size": 1000},
    f"{MCLAIM}/submit": {"version": 999},
    "/api/claims/{claim}/decide": {"decision": "approve", "version": 999},
    "/api/complaints/rate/runs": {"month": "2026-06"},
    FEES: {}, f"{FEES}/approve": {}, PAYMENTS: {},
    f"{PAYMENTS}/pay_00000000deadbeef/hand-in": {},
    "/api/budgets/SZ/2042": {"version": 999, "stop": False, "categories": {}},
    "/api/budgets/SZ/2042/spend": {"category": "visits", "amount_fen": 1},
    "/api/budgets/SZ/2042/requests": {"category": "visits", "amount_fen": 1, "reason": "矩阵测试"},
    "/api/budgets/SZ/2042/requests/brq_00000000deadbeef/decide": {"decision": "reject",
                                                                  "version": 1},
    "/api/parts": {},
    "/api/parts/requisitions": {},
    "/api/work-orders/{order}/requisitions/rq_missing/actions/approve": {"version": 1},
    "/api/work-orders/{order}/parts-exceptions": {},
    "/api/parts/{part_code}": {"name": "矩阵", "unit": "个", "list_price_fen": 1, "cost_fen": 1,
                          "version": 1},
    "/api/parts/warehouses/SZ/stock/{part_code}/settings": {"version": 0, "reorder_point": 1,
                                                        "max_level": 2},
    "/api/parts/warehouses/SZ/stock/{part_code}/movements": {"movement": "receive", "quantity": 1},
    "/api/parts/warehouses/SZ/suggestions/{part_code}/order": {},
    "/api/parts/warehouses/SZ/suggestions/{part_code}/dismiss": {"reason": "矩阵测试"},
    "/api/unit-imports": {"filename": "矩阵.xlsx", "size": 1000},
    "/api/customers": {"name": "矩阵客户", "phone": "13000000000"},
    "/api/customers/{customer}/units/{unit}/photos": {
        "category": "nameplate", "content_type": "image/jpeg", "size": 1000},
    "/api/customers/{customer}/sites": {"name": "二号厂区"},
    "/api/customers/{customer}/equipment": {"model": "M1", "serial_no": "S1"},  # + the user
    "/api/warranty/templates/default": {**TEMPLATE, "version": 999},
    "/api/warranty/templates/models/{model}": {**TEMPLATE, "version": 999},
    "/api/customers/{customer}/units/{unit}/terms": {
        "version": 999, "groups": [{"code": "whole", "months": 24}], "reason": "矩阵测试"},
    "/api/work-orders/{order}/actions/hold": {"version": 2, "data": STEP_DATA["hold"]},
    "/api/sla/policy": {"version": 999, "policy": DEFAULT_POLICY},
    "/api/sla/acknowledgements": {"subject_id": "wo_missing", "clock": "contact", "version": 0,
                                  "note": "矩阵测试"},
    "/api/me/preferences": {"version": 999, "email": True},
    "/api/sla/policy/outlets/{code}": {"version": 999, "policy": None},
    "/api/sla/calendar/days/{day}": {"working": False, "reason": "矩阵测试"},
    "/api/sla/calendar/years/{year}": {"confirmed": False},
    "/api/outlets/{code}/working-hours": {"start": "08:30", "end": "17:30"},
    "/api/work-orders/{order}/attachments": {"kind": "photo", "category": "site",
                                             "content_type": "image/jpeg", "size": 1000},
    "/api/exports": {"kind": "orders", "format": "csv", "outlets": ["SZ"], "from": "2026-07-01",
                     "to": "2026-07-31"},
    "/api/auth/mfa/verify": {"code": "123456"},
    "/api/parts/transfers": {"from_outlet": "SZ", "to_outlet": "CD",
                             "lines": [{"code": "MATRIX-NOPART", "quantity": 1}]},
    **{f"/api/parts/transfers/tr_missing/actions/{action}": {"version": 1}
       for action in ("send", "receive", "cancel")},
    "/api/parts/warehouses/CD/counts": {},
    "/api/consultations": {},
    "/api/consultations/{consultation}/actions/take_over": {"version": 999},
    "/api/consultations/{consultation}/actions/answer": {"version": 999, "data": {"text": "矩阵"}},
    "/api/consultations/{consultation}/actions/close": {"version": 999, "data": {"note": "矩阵"}},
    "/api/consultations/{consultation}/actions/to_complaint": {
        "version": 999, "data": {"kind": "suggestion", "content": "矩阵测试"}},
    "/api/staff/sz_tech1/ledger": {"kind": "reward", "amount_fen": 100, "reason": "矩阵测试"},
    "/api/technicians/sz_tech1/stars": {"to": 3, "reference": {"kind": "exam", "ref": "矩阵"},
                                        "reason": "矩阵测试", "version": 999},
    # expired long ago: counts for no gate and shows in no expiry list
    "/api/technicians/sz_tech1/certificates": {
        "type": "height", "number": "MATRIX-1", "issuer": "矩阵", "valid_from": "2019-01-01",
        "valid_to": "2019-12-31"},
    "/api/technicians/sz_tech1/certificates/crt_00000000deadbeef": {
        "type": "height", "number": "MATRIX-1", "issuer": "矩阵", "valid_from": "2019-01-01",
        "valid_to": "2019-12-31", "version": 999},
    "/api/technicians/sz_tech1/certificates/crt_00000000deadbeef/revoke": {
        "reason": "矩阵测试", "version": 999},
    "/api/technicians/sz_tech1/certificates/crt_00000000deadbeef/scan": {
        "content_type": "application/pdf", "size": 1000, "version": 999},
    "/api/complaints/settings": {"settings": DEFAULT_SETTINGS, "version": 999},
    "/api/technicians/job-classes": {"settings": JOB_CLASSES, "version": 999},
    "/api/technicians/training/plans": {
        "year": 2026, "outlet": "SZ", "objective": "矩阵", "content": "矩阵", "audience": "矩阵",
        "time": "2026年", "place": "矩阵", "trainer": "矩阵"},
    "/api/technicians/training/plans/tp_00000000deadbeef": {
        "year": 2026, "objective": "矩阵", "content": "矩阵", "audience": "矩阵",
        "time": "2026年", "place": "矩阵", "trainer": "矩阵", "version": 999},
    "/api/technicians/training/plans/tp_00000000deadbeef/approve": {"version": 999},
    # held long ago (2019): in no list of this year's sessions
    "/api/technicians/training/sessions": {
        "outlet": "SZ", "title": "矩阵培训", "held_on": "2019-06-01", "place": "矩阵",
        "trainer": "矩阵", "kind": "internal", "exam_kind": "exam",
        "attendees": [{"username": "sz_tech1"}]},
    "/api/technicians/training/sessions/ts_00000000deadbeef/results": {
        "version": 999, "results": [{"username": "sz_tech1", "attended": False}]},
    "/api/technicians/training/proposals/pp_00000000deadbeef/decide": {
        "decision": "approve", "version": 999},
    "/api/technicians/appraisals/sign": {"outlet": "SZ", "month": "2026-06", "version": 999,
                                         "digest": "0" * 16},
    **{f"/api/complaints/cmp_missing/actions/{action}": {"version": 1}
       for action in ("judge", "close")},
    "/api/parts/warehouses/SZ/counts/ct_missing/lines/MATRIX-PART": {"counted": 1},
    **{f"/api/parts/warehouses/SZ/counts/ct_missing/actions/{action}": {"version": 1}
       for action in ("submit", "approve", "reject")},
}


def _concrete(path: str, method: str, order: dict, customer: dict, objects: dict) -> str:
    return path.format(order=order["id"], customer=customer["id"], number=order["number"],
                       notification_id="nt_missing", code="SZ", part_code="NO-SUCH-PART", year="2031",
                       day="2031-03-03" if method == "PUT" else "2031-03-04",
                       pending=objects["pending"]["id"], verified=objects["verified"]["id"],
                       accepted=objects["accepted"]["id"], export=objects["export"]["id"],
                       month="2026-06", unit=customer["equipment"][0]["id"], model="MATRIX-1",
                       consultation=objects["consultation"]["id"], claim=objects["claim"]["id"],
                       mclaim=objects["manager_claim"]["id"],
                       contract=objects["contract"]["id"])


def _cases():
    for (method, path), table in MATRIX.items():
        for user in USERS:
            yield method, path, user, _expect(table, user)


@pytest.mark.parametrize("method,path,user,expected", list(_cases()))
def test_denial_matrix(api, objects, method, path, user, expected):
    order = objects["order"]
    if path.startswith("/api/work-orders/{order}/actions/"):
        # an action changes the order: each case gets its own
        order = _dispatched_order(api, objects["customer"])
    concrete = _concrete(path, method, order, objects["customer"], objects)
    body = BODIES.get(path)
    if path == "/api/customers/{customer}/equipment":  # a serial number is registered once
        body = {**body, "serial_no": f"S1-{user}"}
    if path == "/api/warranty/coverage-preview":
        body = {"customer_id": objects["customer"]["id"],
                "equipment_id": objects["customer"]["equipment"][0]["id"],
                "components": [{"component": "启动机", "failure_date": "2026-04-01"}]}
    if path == "/api/work-orders":
        body = {"customer_id": objects["customer"]["id"], "type": "repair",
                "priority": "general", "channel": "phone", "description": "矩阵测试"}
    reply = api.call(method, concrete, user, body)
    assert reply.status == expected, (user, reply.body)
    if expected == 404:
        assert reply.error["code"] == "not_found"


@pytest.mark.parametrize("method,path", [(m, p) for (m, p) in MATRIX])
def test_every_protected_endpoint_refuses_a_missing_token(api, objects, method, path):
    concrete = _concrete(path, method, objects["order"], objects["customer"], objects)
    assert api.call(method, concrete, None, BODIES.get(path, {})).status == 401


def _route(method: str, path: str) -> tuple[str, str]:
    """The route (as registered) of a matrix entry."""
    return (method, path.split("?")[0].replace("{customer}", "{customer_id}")
            .replace("{order}", "{order_id}").replace("{accepted}", "{order_id}")
            .replace("{pending}", "{attachment_id}").replace("{verified}", "{attachment_id}")
            .replace("reports/1", "reports/{version}").replace("{export}", "{export_id}")
            .replace("actions/hold", "actions/{action}").replace("{unit}", "{unit_id}")
            .replace("uph_missing", "{photo_id}").replace("imp_missing", "{import_id}")
            .replace("tr_missing", "{transfer_id}").replace("ct_missing", "{count_id}")
            .replace("/warehouses/SZ", "/warehouses/{outlet}")
            .replace("/warehouses/CD", "/warehouses/{outlet}")
            .replace("lines/MATRIX-PART", "lines/{part_code}")
            .replace("/api/staff/sz_tech1/", "/api/staff/{username}/")
            .replace("/api/technicians/sz_tech1", "/api/technicians/{username}")
            .replace("crt_00000000deadbeef", "{certificate_id}")
            .replace("/api/budgets/SZ/2042", "/api/budgets/{outlet}/{year}")
            .replace("brq_00000000deadbeef", "{request_id}")
            .replace("pay_00000000deadbeef", "{payment_id}")
            .replace("{claim}", "{claim_id}").replace("{mclaim}", "{claim_id}")
            .replace("{contract}", "{contract_id}")
            .replace("rct_00000000deadbeef", "{receipt_id}")
            .replace("csc_00000000deadbeef", "{scan_id}")
            .replace("tp_00000000deadbeef", "{plan_id}")
            .replace("ts_00000000deadbeef", "{session_id}")
            .replace("pp_00000000deadbeef", "{proposal_id}")
            .replace("rq_missing/actions/approve", "{requisition_id}/actions/{requisition_action}")
            .replace("cmp_missing/actions/judge", "{complaint_id}/actions/{complaint_action}")
            .replace("cmp_missing/actions/close", "{complaint_id}/actions/{complaint_action}")
            .replace("cmp_missing", "{complaint_id}")
            .replace("{consultation}", "{consultation_id}")
            .replace("{consultation_id}/actions/take_over", "{consultation_id}/actions/{consultation_action}")
            .replace("{consultation_id}/actions/answer", "{consultation_id}/actions/{consultation_action}")
            .replace("{consultation_id}/actions/close", "{consultation_id}/actions/{consultation_action}")
            .replace("{consultation_id}/actions/to_complaint",
                     "{consultation_id}/actions/{consultation_action}"))


def test_matrix_covers_every_endpoint_of_the_app():
    covered = {_route(m, p) for m, p in MATRIX}
    public = {("GET", "/api/health"), ("GET", "/api/openapi.json"), ("POST", "/api/auth/login"),
              ("POST", "/api/auth/refresh"), ("POST", "/api/auth/logout"),
              ("POST", "/api/auth/challenge"), ("GET", "/api/public/quotes/{token}"),
              ("POST", "/api/public/quotes/{token}/decision")}
    documented = {(m.upper(), p) for p, ops in document()["paths"].items() for m in ops}
    routed = {(m, p) for p, entries in app.routes.items() for m in entries}
    assert documented == routed
    assert routed - public == covered


def test_head_office_lists_the_network_or_one_outlet(api):
    # the network's list without an outlet (tests/api/test_network_list.py), one outlet with one
    assert api.get("/api/work-orders", "hq_admin").status == 200
    assert api.get("/api/work-orders?outlet=CD", "hq_admin").status == 200


def test_technician_list_shows_only_their_own_jobs(api, objects):
    mine = api.get("/api/work-orders", "sz_tech1").body["items"]
    assert objects["order"]["id"] in {o["id"] for o in mine}
    assert all(o["technician"] == "sz_tech1" for o in mine)
    others = api.get("/api/work-orders?outlet=SZ", "sz_tech3").body["items"]
    assert all(o["technician"] == "sz_tech3" for o in others)


ROLE_OF = {person[0]: person[2] for person in DEMO_STAFF}


def test_the_matrix_follows_the_permission_table():
    """The 403s above are exactly the roles the permission table leaves out (a role without the
    permission gets 404 instead where the object is not theirs to see, and 401 where a second
    credential is missing first): the table the API enforces is the one the matrix expects."""
    routes = {(ep.method, ep.path): ep for ep in ENDPOINTS}
    for (method, path), table in MATRIX.items():
        ep = routes[_route(method, path)]
        key = ep.permission.format(action="hold", complaint_action=path.rsplit("/", 1)[-1],
                                   consultation_action=path.rsplit("/", 1)[-1])
        assert key in registry.permissions(), (method, path, key)
        for user in USERS:
            expected, allowed = _expect(table, user), registry.permitted(ROLE_OF[user], key)
            assert expected != 403 or not allowed, (method, path, user)
            assert allowed or expected in (401, 403, 404), (method, path, user, expected)
