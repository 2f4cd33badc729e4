"""The demo's technicians (issue 16): certificates and a star history, through the use cases.

- 刘洋 (sz_tech2): his 电工证 expired on 2026-10-31 (an electrical job is refused for him);
- 张伟 (sz_tech1, 4★): a valid 电工证 and a 焊工证 expiring within 30 days of today (the expiry
  list; the morning job tells him once); his star history: 3★ → 4★ on the 2026 skills exam;
- 黄海 (sz_tech3): a valid 高处作业证; at CD 郑浩 a valid 电工证 and a 制冷证 about to expire, 孙磊
  a 焊工证, and his star change 3★ → 4★ on an appraisal two weeks ago.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .moments import at as _at

ISSUER = {"electrician": "深圳市应急管理局", "welder": "深圳市应急管理局",
          "height": "深圳市应急管理局", "refrigeration": "四川省应急管理厅"}


def _day(now: datetime, days: int) -> str:
    from chalicelib.modules.directory import public as directory

    return (now.astimezone(directory.zone("SZ")).date() + timedelta(days=days)).isoformat()


def _certificate(seed, manager: str, username: str, kind: str, number: str, valid_from: str,
                 valid_to: str, when: datetime) -> None:
    from chalicelib.modules.technicians import certificates

    with _at(when):
        certificates.add(seed._actor(manager), username, {
            "type": kind, "number": number, "issuer": ISSUER[kind],
            "valid_from": valid_from, "valid_to": valid_to})


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
        _certificate(seed, manager, username, kind, number, start, end, earlier)
    _stars(seed, "sz_manager", "sz_tech1", 3, 4, "exam", "2026 年度技能等级考试（发动机/变速箱）",
           "技能考试合格，可独立承担发动机、变速箱、控制阀维修", now - timedelta(days=60))
    _stars(seed, "cd_manager", "cd_tech2", 3, 4, "appraisal", "月度考核",
           "连续三个月考核优秀，一次修复率 98%", now - timedelta(days=14))
    return len(made)
