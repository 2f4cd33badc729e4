"""`make run`'s demo data: the whole seed (orders through every state, units with terms,
coverage, quotes, an import) runs through the real use cases on a stack of its own. A change
that breaks the demo fails here, not on a reviewer's first `make run`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = """
import json
from infra.local.stack import start_local_aws
moto, env = start_local_aws(seed_orders=50)
print("SUMMARY " + json.dumps(env["summary"]))
from chalicelib.kernel.store import keys
from chalicelib.modules.directory import public as directory
from chalicelib.modules.technicians import appraisal
now = appraisal.month_view("SZ", directory.local_month("SZ", keys.utc_now()))
from chalicelib.modules.figures.public import previous_month
last = appraisal.month_view("SZ", previous_month(now["month"]))
print("APPRAISAL " + json.dumps({"now": now["state"], "last": last["state"],
                                 "adjusted": [a["username"] for a in now["adjustments"]
                                              if a["month"] == last["month"]]}))
from chalicelib.modules.fees import budgets
from chalicelib.modules.notifications.models import Notification
from infra.local.seed import _actor
year = int(now["month"][:4])
sz = budgets.read("SZ", year).figures()
told = [n for n in Notification.query("INBOX#sz_manager") if n.notice == "cash_overdue"]
waiting = [r for r in budgets.requests(_actor("hq_admin"), "SZ", year)["items"]
           if r["state"] == "pending"]
print("FEES " + json.dumps({"training_spent": sz["training"].spent_fen,
                            "repair_spent": sz["repair"].spent_fen,
                            "requests": len(waiting), "cash_told": len(told)}))
from chalicelib.modules.fees import claims
def listed(username, view):
    return claims.listing(_actor(username), {"view": view})["items"]
print("CLAIMS " + json.dumps({
    "sz_tech1": sorted(c["state"] for c in listed("sz_tech1", "mine")),
    "sz_queue": [[c["claimant"], c["late"], c["flagged"], c["net_fen"] < c["total_fen"]]
                 for c in listed("sz_manager", "queue")],
    "hq_queue": [c["claimant"] for c in listed("hq_admin", "queue")]}))
from chalicelib.modules.contracts import usecases as contracts
def contract_list(username, **params):
    return contracts.list_contracts(_actor(username), {"limit": "100", **params})["items"]
sz_active = [contracts.get(_actor("sz_manager"), c["id"])
             for c in contract_list("sz_manager", state="active")]
print("CONTRACTS " + json.dumps({
    "sz": sorted([c["free_period"], c["callouts"]["included"], c["callouts"]["used"],
                  len(c["checklist"]), c["renewal_due"]] for c in sz_active),
    "cd": len(contract_list("cd_manager", state="active"))}))
today = directory.local_date("SZ", keys.utc_now()).isoformat()
print("INSPECTIONS " + json.dumps({c["number"]: {
    "today": today, "next_due_on": c["next_due_on"], "free_period": c["free_period"],
    "results": [[i["planned"], i["result"], i["order_state"]] for i in c["inspections"]]}
    for c in sz_active}))
moto.stop()
"""


def test_the_demo_seed_runs_whole_on_a_fresh_stack():
    # a process of its own: the seed's stack and settings must not meet the session's
    done = subprocess.run([sys.executable, "-c", SEED], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home()),
                                            "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-4000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("SUMMARY "))
    summary = json.loads(line.removeprefix("SUMMARY "))
    assert summary["outlets"] == 3 and summary["customers"] >= 30
    assert summary["orders"] >= 50  # the 50 asked for, plus the scenes (coverage, quotes)
    assert summary["certificates"] >= 8  # the technicians' (infra/local/seed_technicians.py)
    # the monthly appraisal: SZ's last month signed, this month open with an adjustment
    line = next(x for x in done.stdout.splitlines() if x.startswith("APPRAISAL "))
    appraisal = json.loads(line.removeprefix("APPRAISAL "))
    assert appraisal["now"] == "open" and appraisal["last"] == "signed"
    assert "sz_tech2" in appraisal["adjusted"]
    # fees: SZ's budget with the accepted orders' costs and a course booked, a 费用增加申请
    # waiting, and the manager told once of cash not handed in
    line = next(x for x in done.stdout.splitlines() if x.startswith("FEES "))
    fees = json.loads(line.removeprefix("FEES "))
    assert fees["training_spent"] == 820_000 and fees["repair_spent"] > 0
    assert fees["requests"] == 1 and fees["cash_told"] == 1
    # travel claims: 张伟's approved and his draft; 刘洋's late, flagged, with an advance, waiting
    # for 王强; 郑浩's waiting for head office
    line = next(x for x in done.stdout.splitlines() if x.startswith("CLAIMS "))
    claims = json.loads(line.removeprefix("CLAIMS "))
    assert claims["sz_tech1"] == ["approved", "draft"]
    assert claims["sz_queue"] == [["sz_tech2", True, True, True]]
    assert claims["hq_queue"] == ["cd_tech1"]
    # maintenance contracts: SZ's contract with 3 of its 4 call-outs used and the 001 §14
    # checklist, the free period ending 2026-12-31 told on 2026-09-30 (both to renew now), and
    # CD's one
    line = next(x for x in done.stdout.splitlines() if x.startswith("CONTRACTS "))
    seeded = json.loads(line.removeprefix("CONTRACTS "))
    assert seeded["sz"] == [[False, 4, 3, 4, True], [True, 2, 0, 4, True]]
    assert seeded["cd"] == 1
    # SZ's inspections: the generator run through the mornings since they were recorded (an
    # order per occurrence so far, the next one ahead), each ended period's done and accepted
    # but the monthly contract's last, overdue; the running period's open
    line = next(x for x in done.stdout.splitlines() if x.startswith("INSPECTIONS "))
    for seen in json.loads(line.removeprefix("INSPECTIONS ")).values():
        assert seen["next_due_on"] is None or seen["next_due_on"] > seen["today"], seen
        results = [result for _planned, result, _state in seen["results"]]  # newest first
        assert all(state == "accepted" for _p, r, state in seen["results"] if r == "done")
        running = len(results) - len([r for r in results if r != "open"])
        assert results[:running] == ["open"] * running, seen  # the running period's: newest
        ended = results[running:]
        if seen["free_period"]:  # quarterly since July: every ended period done
            assert set(ended) <= {"done"}, seen
        else:  # monthly on the 15th since July: the last month's overdue, the others done
            assert ended[:1] == ["overdue"] and set(ended[1:]) <= {"done"}, seen
            assert len(ended) >= 3 and seen["next_due_on"], seen
