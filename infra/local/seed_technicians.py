"""The demo's technicians (issue 16): certificates and a star history, through the use cases.

- 刘洋 (sz_tech2): his 电工证 expired on 2026-10-31 (an electrical job is refused for him);
- 张伟 (sz_tech1, 4★): a valid 电工证 with its scan attached (a photo, through the upload path)
  and a 焊工证 expiring within 30 days of today (the expiry list; the morning job tells him
  once); his star history: 3★ → 4★ on the 2026 skills exam;
- 黄海 (sz_tech3): a valid 高处作业证; at CD 郑浩 a valid 电工证 and a 制冷证 about to expire, 孙磊
  a 焊工证, and his star change 3★ → 4★ on an appraisal two weeks ago.
- the monthly appraisal: SZ's last month signed, this month open with an adjustment (a complaint
  about 刘洋 of last month judged valid after the sign-off).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from . import uploads
from .moments import at as _at

ISSUER = {"electrician": "深圳市应急管理局", "welder": "深圳市应急管理局",
          "height": "深圳市应急管理局", "refrigeration": "四川省应急管理厅"}


def _day(now: datetime, days: int) -> str:
    from chalicelib.modules.directory import public as directory

    return (now.astimezone(directory.zone("SZ")).date() + timedelta(days=days)).isoformat()


def _certificate(seed, manager: str, username: str, kind: str, number: str, valid_from: str,
                 valid_to: str, when: datetime) -> dict:
    from chalicelib.modules.technicians import certificates

    with _at(when):
        return certificates.add(seed._actor(manager), username, {
            "type": kind, "number": number, "issuer": ISSUER[kind],
            "valid_from": valid_from, "valid_to": valid_to})


def _scan(seed, manager: str, username: str, certificate: dict, when: datetime) -> None:
    """Attach a scan as the browser does: the form, a real HTTP POST to S3, the confirmation
    (technicians/scans.py)."""
    from chalicelib.modules.technicians import scans

    actor, body = seed._actor(manager), uploads.paper_photo()
    with _at(when):
        granted = scans.request_upload(actor, username, certificate["id"], {
            "content_type": "image/jpeg", "size": len(body), "filename": "电工证.jpg",
            "version": certificate["version"]})
        uploads.post(granted["upload"], body)
        scans.confirm(actor, username, certificate["id"], granted["scan_id"])


def _stars(seed, manager: str, username: str, before: int, to: int, kind: str, ref: str,
           reason: str, when: datetime) -> None:
    """`username` was at `before` until `when`, when the manager raised them to `to`."""
    from chalicelib.modules.directory import public as directory
    from chalicelib.modules.directory import store
    from chalicelib.modules.technicians import stars

    person = store.get_staff(username)
    person.star_level = before
    store.save_staff(person)
    directory.forget(username)
    with _at(when):
        stars.change(seed._actor(manager), username, {
            "to": to, "reference": {"kind": kind, "ref": ref}, "reason": reason,
            "version": int(store.get_staff(username).version)})


def seed_technicians(seed, now: datetime) -> int:
    """Eight certificates and two star changes; returns how many certificates."""
    earlier = now - timedelta(days=120)
    made = [
        ("sz_manager", "sz_tech2", "electrician", "T440301198805120011", "2023-11-01",
         "2026-10-31"),
        ("sz_manager", "sz_tech1", "electrician", "T440301198603150017", "2025-03-01",
         _day(now, 400)),
        ("sz_manager", "sz_tech1", "welder", "H440301198603150017", "2023-01-10",
         _day(now, 18)),
        ("sz_manager", "sz_tech3", "height", "G440301199207080035", "2025-06-01",
         _day(now, 700)),
        ("sz_manager", "sz_tech2", "refrigeration", "Z440301198805120011", "2024-05-01",
         _day(now, 260)),
        ("cd_manager", "cd_tech1", "electrician", "T510107198411230019", "2024-02-01",
         _day(now, 500)),
        ("cd_manager", "cd_tech1", "refrigeration", "Z510107198411230019", "2023-09-01",
         _day(now, 9)),
        ("cd_manager", "cd_tech2", "welder", "H510107199001010033", "2025-08-01",
         _day(now, 600)),
    ]
    for manager, username, kind, number, start, end in made:
        added = _certificate(seed, manager, username, kind, number, start, end, earlier)
        if (username, kind) == ("sz_tech1", "electrician"):
            _scan(seed, manager, username, added, earlier + timedelta(minutes=5))
    _stars(seed, "sz_manager", "sz_tech1", 3, 4, "exam", "2026 年度技能等级考试（发动机/变速箱）",
           "技能考试合格，可独立承担发动机、变速箱、控制阀维修", now - timedelta(days=60))
    _stars(seed, "cd_manager", "cd_tech2", 3, 4, "appraisal", "月度考核",
           "连续三个月考核优秀，一次修复率 98%", now - timedelta(days=14))
    seed_training(seed, now)
    seed_appraisal(seed, now)
    return len(made)


def seed_appraisal(seed, now: datetime) -> None:
    """The monthly appraisal (docs/technicians.md "Monthly appraisal"): SZ's last month signed
    by the manager early this month (the demo's orders, complaints and ledger of that month as
    they were then), this month open; a complaint about 刘洋 received last month and judged
    valid only after the sign-off shows in this month's appraisal as an adjustment."""
    from chalicelib.modules.directory import public as directory
    from chalicelib.modules.figures import public as figures
    from chalicelib.modules.technicians import appraisal

    from .seed_complaints import _act, _record

    start = now.astimezone(directory.zone("SZ")).replace(day=1, hour=0, minute=0, second=0,
                                                         microsecond=0)
    last = figures.previous_month(start.strftime("%Y-%m"))
    with _at((start - timedelta(days=4)).replace(hour=10)):
        late = _record(seed, "sz_agent", kind="service_attitude", about={"staff": "sz_tech2"},
                       complainant={"name": "宋先生", "phone": "13922220009"},
                       content="技术员维修时接打私人电话，态度敷衍", demand="批评教育")
    passed = now - start  # the sign-off and the late judgement fall between the 1st and now
    with _at(start + min(timedelta(days=1, hours=10), passed / 3)):
        shown = appraisal.month_view("SZ", last)
        appraisal.sign(seed._actor("sz_manager"), {"outlet": "SZ", "month": last, "version": 0,
                                                   "digest": shown["digest"]})
    with _at(start + min(timedelta(days=2, hours=15), passed * 2 / 3)):
        _act(seed, late, "judge", "sz_manager", stands=True)


def seed_training(seed, now: datetime) -> None:
    """Training (docs/technicians.md "Training"): head office's network plan and SZ's plan for
    the year, both approved; an SZ session held ten days ago whose results show one of each:
    张伟 passed (a 高处作业证 issued), 刘洋 below the pass mark (补考 pending), 黄海 absent (a
    proposed 50元 fine waiting for the manager)."""
    from chalicelib.modules.technicians import training

    year = int(_day(now, 0)[:4])
    plans = [
        ("hq_admin", {"year": year, "outlet": "NETWORK",
                      "objective": "厂家新机型技术培训，全员掌握新机型结构与保养要点",
                      "content": "新机型结构、电控系统、保养规范；理论考试与实际操作",
                      "audience": "各网点维修技术员", "time": f"{year}年3月、9月",
                      "place": "总部培训中心", "trainer": "厂家技术培训师"}),
        ("sz_manager", {"year": year, "outlet": "SZ",
                        "objective": "特殊工种持证上岗，安全作业零事故",
                        "content": "高处作业安全规程、安全带使用、现场急救；考试",
                        "audience": "深圳网点全体技术员", "time": f"{year}年每季度",
                        "place": "深圳网点培训室", "trainer": "安全主管 陈刚"}),
    ]
    made = []
    with _at(now - timedelta(days=60)):
        for user, body in plans:
            plan = training.create_plan(seed._actor(user), body)
            made.append(training.approve_plan(seed._actor(user), plan["id"],
                                              {"version": plan["version"]}))
    with _at(now - timedelta(days=12)):
        session = training.create_session(seed._actor("sz_manager"), {
            "outlet": "SZ", "plan_id": made[1]["id"], "title": "高处作业安全培训",
            "held_on": _day(now, -10), "place": "深圳网点培训室", "trainer": "安全主管 陈刚",
            "kind": "internal", "exam_kind": "exam", "certificate_type": "height",
            "validity_months": 36,
            "attendees": [{"username": u} for u in ("sz_tech1", "sz_tech2", "sz_tech3")]})
    with _at(now - timedelta(days=9)):
        training.record_results(seed._actor("sz_manager"), session["id"], {
            "version": session["version"], "results": [
                {"username": "sz_tech1", "attended": True, "score": 88},
                {"username": "sz_tech2", "attended": True, "score": 52},
                {"username": "sz_tech3", "attended": False}]})
