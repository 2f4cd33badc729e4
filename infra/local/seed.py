"""Load the demo data into a freshly bootstrapped stack (through the real use cases)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import boto3

import chalicelib.areas  # noqa: F401  (installs the areas: their hooks are part of each action)
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.config import settings
from chalicelib.kernel.store import keys
from chalicelib.modules.customers import usecases as customers
from chalicelib.modules.directory import store as directory_store
from chalicelib.modules.directory.models import Outlet, Staff
from chalicelib.modules.evidence import usecases as evidence
from chalicelib.modules.orders import usecases as work_orders
from chalicelib.modules.warranty import quotes

from .demo_data import COMPANIES, DEMO_PASSWORD, EQUIPMENT_MODELS, OUTLET_CONTACTS, OUTLETS, STAFF

HAPPY_PATH = ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan",
              "complete", "accept", "return_visit", "archive"]
# (final state, actions after creation) — every state of the lifecycle appears.
SCENARIOS = [
    ("received", []),
    ("dispatched", HAPPY_PATH[:1]),
    ("contacted", HAPPY_PATH[:2]),
    ("on_site", HAPPY_PATH[:3]),
    ("surveyed", HAPPY_PATH[:4]),
    ("plan_submitted", HAPPY_PATH[:5]),
    ("in_repair", HAPPY_PATH[:6]),
    ("repaired", HAPPY_PATH[:7]),
    ("accepted", HAPPY_PATH[:8]),
    ("visited", HAPPY_PATH[:9]),
    ("archived", HAPPY_PATH),
    ("archived", HAPPY_PATH[:5] + ["reject_plan", "submit_plan"] + HAPPY_PATH[5:]),
    ("rework", HAPPY_PATH[:7] + ["object"]),
    ("accepted", HAPPY_PATH[:7] + ["object", "complete", "accept"]),
    ("on_hold", HAPPY_PATH[:4] + ["hold"]),
    ("surveyed", HAPPY_PATH[:4] + ["hold", "resume"]),
    ("cancelled", ["cancel"]),
    ("cancelled", HAPPY_PATH[:1] + ["cancel"]),
]

FAULTS = [
    ("设备启动后频繁跳闸，无法正常运行", "压缩机过载保护动作", "更换压缩机接触器并重新校准过载继电器"),
    ("制冷效果明显下降，出风温度偏高", "冷媒泄漏，蒸发器铜管焊点开裂", "补焊漏点、抽真空后按标准加注冷媒"),
    ("监控画面间歇性黑屏，录像丢失", "硬盘坏道且电源适配器老化", "更换硬盘与电源适配器，恢复录像计划"),
    ("发动机冒黑烟，动力不足", "喷油嘴雾化不良，空滤堵塞", "清洗喷油嘴、更换空气滤清器"),
    ("门禁刷卡无反应", "读卡器通信线接触不良", "重新压接通信线并加装防水接头"),
    ("机组运行噪音异常，振动大", "减震垫老化，风机轴承磨损", "更换减震垫和风机轴承，做动平衡"),
]


def _actor(username: str) -> Actor:
    for name, _, role, outlet, _, _ in STAFF:
        if name == username:
            return Actor(username=name, role=role, outlet=outlet)
    raise KeyError(username)


def create_users(pool_id: str) -> None:
    idp = boto3.client("cognito-idp", **settings().aws_kwargs)
    for username, name, role, outlet, star, phone in STAFF:
        idp.admin_create_user(
            UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "custom:outlet", "Value": outlet},
                            {"Name": "name", "Value": name},
                            {"Name": "email", "Value": f"{username}@fuwu.example"}],
        )
        idp.admin_set_user_password(UserPoolId=pool_id, Username=username,
                                    Password=DEMO_PASSWORD, Permanent=True)
        idp.admin_add_user_to_group(UserPoolId=pool_id, Username=username, GroupName=role)
        directory_store.save_staff(Staff(
            username=username, name=name, role=role, outlet=outlet, phone=phone,
            email=f"{username}@fuwu.example", star_level=star, active=True))


def create_outlets() -> None:
    for code, name, name_en, city, lat, lng, prefix, head in OUTLETS:
        phone, address = OUTLET_CONTACTS.get(code, (None, None))
        directory_store.save_outlet(Outlet(code=code, name=name, name_en=name_en, city=city,
                                           lat=lat, lng=lng, number_prefix=prefix,
                                           is_head_office=head, timezone="Asia/Shanghai",
                                           phone=phone, address=address))


def create_templates() -> int:
    """Head office's warranty terms (三包条款与收费标准): the network's default as seed 003 gives
    it, and the demo's product models' own (units registered after this get a copy)."""
    from chalicelib.modules.warranty import templates
    from chalicelib.modules.warranty.domain.terms import default_template

    hq = _actor("hq_admin")
    base = {k: v for k, v in default_template().items() if k != "model"}
    chiller = {**base, "start_basis": "installation", "groups": [
        {"code": "whole", "name": "整机", "months": 12, "components": []},
        {"code": "compressor", "name": "压缩机", "months": 36, "components": ["压缩机"]},
        {"code": "controls", "name": "电气控制", "months": 6,
         "components": ["控制板", "接触器", "传感器"]}],
        "prices": {**base["prices"], "labour_hour": 12000, "call_out": 15000}}
    for model, template in ((None, base), ("联合收割机 4LZ-6", base),
                            ("拖拉机 LX-904", {**base, "start_basis": "invoice"}),
                            ("螺杆冷水机组 LSBLG-500", chiller)):
        templates.save(hq, model, {**template, "version": None})
    return 4


# The demo's harvester at SZ (customer 6) with default terms: the coverage example of issue 13
HARVESTER = {"serial_no": "4LZ6-2512-0001", "invoice_no": "FP-44030-2511280001",
             "invoice_date": "2025-11-28", "delivered_on": "2025-12-01",
             "installed_on": "2025-12-03", "source": "own"}


def _unit(i: int, model: str, category: str, installed_on: str) -> dict:
    """Customer i's first unit with its registration dates and source (no random draws of its
    own: the demo's other data stays as it was)."""
    unit = {"model": model, "serial_no": f"SN{2026000 + i * 37}", "category": category,
            "installed_on": installed_on}
    if i == 6:
        return {**unit, **HARVESTER}
    delivered = date.fromisoformat(installed_on) - timedelta(days=7 + i % 5)
    return {**unit, "delivered_on": delivered.isoformat(),
            "invoice_date": (delivered - timedelta(days=3)).isoformat(),
            "invoice_no": f"FP-{2024 + i % 2}{i:04d}", "source": "agent" if i % 4 == 1 else "own",
            **({"dealer": "温江农机经销部"} if i % 4 == 1 else {})}


def create_customers(rng: random.Random) -> dict[str, list[dict]]:
    from chalicelib.modules.warranty import units

    by_outlet: dict[str, list[dict]] = {"SZ": [], "CD": []}
    for i, company in enumerate(COMPANIES):
        outlet = "SZ" if i < 15 else "CD"
        agent = _actor(f"{outlet.lower()}_agent")
        base = [o for o in OUTLETS if o[0] == outlet][0]
        lat, lng = base[4] + rng.uniform(-0.3, 0.3), base[5] + rng.uniform(-0.3, 0.3)
        model, category = EQUIPMENT_MODELS[i % len(EQUIPMENT_MODELS)]
        created, _ = customers.create(agent, {
            "name": company,
            "phone": f"{'0755' if outlet == 'SZ' else '028'}{rng.randint(10000000, 99999999)}",
            "contact_name": rng.choice(["陈先生", "林女士", "王经理", "刘工", "张主任", "赵总"]),
            "address": f"{base[3]}市{company}",
            "region": base[3],
            "site": {"name": f"{company}主厂区", "address": f"{base[3]}市{company}一号楼",
                     "lat": round(lat, 5), "lng": round(lng, 5),
                     "distance_km": round(rng.uniform(3, 420), 1)},
            "equipment": _unit(i, model, category,
                               f"202{rng.randint(2, 6)}-0{rng.randint(1, 9)}-15"),
        }, None)
        if i % 3 == 0:  # some customers have a second unit at the same site
            extra = units.register(agent, created["id"], {
                "model": EQUIPMENT_MODELS[(i + 3) % len(EQUIPMENT_MODELS)][0],
                "serial_no": f"SN{3026000 + i * 41}", "site_id": created["sites"][0]["id"]})
            created["equipment"].append(extra)
        by_outlet[outlet].append(created)
    return by_outlet


def _step_data(action: str, outlet: str, at: datetime, rng: random.Random, fault: tuple) -> dict:
    stamp = keys.iso(at)
    techs = [s[0] for s in STAFF if s[3] == outlet and s[2] == "technician"]
    return {
        "dispatch": {"technician": techs[0] if rng.random() < 0.6 else techs[1],
                     "helpers": [techs[-1]] if rng.random() < 0.3 and len(techs) > 2 else []},
        "contact": {"contacted_at": stamp, "visit_at": keys.iso(at + timedelta(hours=3)),
                    "note": "已与客户电话确认上门时间"},
        "check_in": {"arrived_at": stamp, "geo": {"lat": 22.54, "lng": 114.05}},
        "survey": {"findings": fault[0] + "，现场复现故障", "cause": fault[1],
                   "impact": "影响生产线正常运行"},
        "submit_plan": {"measures": fault[2], "parts_tools": "接触器、万用表、压力表",
                        "estimated_hours": rng.choice([2, 3.5, 4, 6]), "staff": ["主修 1 人", "辅助 1 人"]},
        "reject_plan": {"comment": "请补充备件型号与安全措施"},
        "approve_plan": {"comment": "同意按方案实施"},
        "complete": {"fault_cause": fault[1], "solution": fault[2],
                     "parts_replaced": [{"name": "交流接触器 CJX2-25", "quantity": 1}]},
        "accept": {"customer_name": "陈先生", "opinion": "维修及时，设备运行正常", "satisfied": True},
        "object": {"reason": "试运行时仍有异响，要求整改"},
        "return_visit": {"channel": "phone", "scores": {
            # now and then a late arrival scores low: the managers get a low-score notice
            "attitude": 5, "skill": rng.choice([4, 5]), "punctuality": rng.choice([2, 3, 4, 5, 5]),
            "result": 5, "overall": rng.choice([4, 5])}, "comments": "服务态度好，响应迅速"},
        "archive": {"summary": "资料齐全，归档"},
        "hold": {"reason": "等待厂家配件到货", "kind": "parts"},
        "resume": {"reason": "配件已到，恢复处理"},
        "cancel": {"reason": "客户自行解决，取消报修"},
    }[action]


def _demo_photo(category: str, at: datetime, n: int) -> bytes:
    """A small site photo as a phone takes it: JPEG with EXIF time (Beijing time) and GPS."""
    import io

    from PIL import Image, ImageDraw

    tint = {"before": (120, 130, 150), "fault": (170, 90, 70),
            "after": (80, 150, 110)}.get(category, (100, 110, 125))
    image = Image.new("RGB", (960, 720), tint)
    draw = ImageDraw.Draw(image)
    for i in range(12):
        x = (n * 37 + i * 83) % 900
        draw.rectangle([x, 200 + i * 9, x + 120, 420 + i * 11], outline=(240, 240, 240), width=4)
    draw.text((30, 30), f"{category.upper()}  #{n}", fill=(255, 255, 255))
    exif = Image.Exif()
    local = at.astimezone(ZoneInfo("Asia/Shanghai"))
    exif.get_ifd(0x8769)[0x9003] = local.strftime("%Y:%m:%d %H:%M:%S")
    exif.get_ifd(0x8769)[0x9011] = "+08:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (22.0, 32.0, 10.0 + n % 40), "E", (114.0, 3.0, 5.0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70, exif=exif)
    return out.getvalue()


def create_unit_photos(by_outlet: dict[str, list[dict]], now: datetime) -> int:
    """The photos an agent takes after installing (seed 001 第二章第11条): the nameplate and the
    installation of the demo harvester (SZ customer 6), uploaded and checked the way the unit
    page does it."""
    import requests

    from chalicelib.modules.warranty import unit_photos

    agent = _actor("sz_agent")
    customer = by_outlet["SZ"][6]
    unit = customer["equipment"][0]
    for n, category in enumerate(("nameplate", "installation")):
        body = _demo_photo(category, now - timedelta(days=30, minutes=10 - n), n)
        granted = unit_photos.request_upload(agent, customer["id"], unit["id"], {
            "category": category, "content_type": "image/jpeg", "size": len(body),
            "filename": f"{category}.jpg"})
        upload = granted["upload"]
        requests.post(upload["url"], data=upload["fields"],
                      files={"file": ("upload", body, "image/jpeg")}, timeout=30).raise_for_status()
        unit_photos.confirm(agent, customer["id"], unit["id"], granted["photo"]["id"])
    return 2


def create_unit_import() -> int:
    """An agent's Excel import of units (产品档案批量导入) at SZ, run by the worker as on AWS: 11
    units of three new customers, one row with a date that does not exist and one serial the
    sheet repeats (the import page shows both reasons)."""
    import io

    import requests
    from openpyxl import Workbook

    from chalicelib.modules.warranty import import_job, imports

    book = Workbook(write_only=True)
    sheet = book.create_sheet("产品档案")
    sheet.append(["客户名称", "客户电话", "现场名称", "型号", "出厂编号", "发票号", "开票日期",
                  "交付日期", "安装日期", "来源", "代理商"])
    farms = [("惠州丰收农机合作社", "13711220001", "一号机库"),
             ("博罗县绿野种植专业合作社", "13711220002", "场部"),
             ("东莞市麻涌农业服务队", "13711220003", "二号机库")]
    for i in range(12):
        name, phone, site = farms[i % 3]
        sheet.append([name, phone, site, "4LZ-6" if i % 2 else "4LZ-8", f"DEMO-IMP-{i:03d}",
                      f"44012{i:05d}", datetime(2025, 11, 18), "2025-11-25" if i != 7 else
                      "2025-11-31", None, "代理" if i % 4 == 0 else "自营",
                      "惠州农机经销部" if i % 4 == 0 else None])
    sheet.append(["博罗县绿野种植专业合作社", "13711220002", "场部", "4LZ-8", "DEMO-IMP-004",
                  None, None, "2025-12-02", None, "自营", None])
    out = io.BytesIO()
    book.save(out)
    body = out.getvalue()
    agent = _actor("sz_agent")
    created = imports.create(agent, {"filename": "网点产品档案.xlsx", "size": len(body)})
    upload = created["upload"]
    requests.post(upload["url"], data=upload["fields"], files={"file": (
        "upload", body, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")},
        timeout=30).raise_for_status()
    imports.start(agent, created["id"])
    import_job.run(created["id"])  # its queue message finds it done and does nothing
    return 1


def _demo_signature() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 240), "white")
    ImageDraw.Draw(image).line([(50, 170), (110, 70), (170, 160), (230, 80), (300, 150),
                                (380, 90), (470, 140), (550, 100)], fill=(20, 20, 60), width=5)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _attach(actor: Actor, detail: dict, kind: str, category: str, body: bytes,
            content_type: str, at: datetime) -> str:
    """Upload as the phone does: a presigned form, a real HTTP POST to S3, the confirmation
    (recorded at the simulated time `at` of the demo history)."""
    import requests

    keys.set_clock(lambda: at)
    granted = evidence.request_upload(actor, detail["id"], {
        "kind": kind, "category": category, "content_type": content_type, "size": len(body)})
    upload = granted["upload"]
    sent = requests.post(upload["url"], data=upload["fields"],
                         files={"file": ("upload", body, content_type)}, timeout=30)
    sent.raise_for_status()
    return evidence.confirm(actor, detail["id"], granted["attachment"]["id"])["id"]


def _evidence(action: str, actor: Actor, detail: dict, data: dict, at: datetime, n: int) -> dict:
    """The photos a completion needs and the signature of an on-site acceptance."""
    if action == "complete":
        for i, category in enumerate(("before", "after") if n % 2 else ("fault", "after")):
            _attach(actor, detail, "photo", category, _demo_photo(category, at, n + i),
                    "image/jpeg", at - timedelta(minutes=5 * (1 - i)))
    elif action == "accept" and actor.role == "technician":
        data = {**data, "satisfaction": 5 if n % 3 else 4,
                "signature_id": _attach(actor, detail, "signature", "signature",
                                        _demo_signature(), "image/png", at)}
    return data


def _who(action: str, outlet: str, detail: dict) -> Actor:
    o = outlet.lower()
    if action in ("dispatch", "reassign", "approve_plan", "reject_plan", "archive", "cancel"):
        return _actor(f"{o}_manager")
    if action == "return_visit":
        return _actor(f"{o}_agent")
    return _actor(detail["technician"])


CHARGED: list[dict] = []  # accepted paid orders of the history, oldest first
HISTORY: list[dict] = []  # every order of the history as it ended (seed_fees: travel claims)


def create_orders(by_outlet: dict[str, list[dict]], rng: random.Random, now: datetime,
                  count: int = 50) -> int:
    created = 0
    CHARGED.clear()
    HISTORY.clear()
    # Older orders are further along; create them oldest first so that numbers follow time.
    starts = sorted(
        (now - timedelta(days=rng.uniform(0.2, 150) * (len(SCENARIOS[n % len(SCENARIOS)][1]) + 2)
                        / 12), n)
        for n in range(count))
    for moment, n in starts:
        outlet = "SZ" if n % 3 != 2 else "CD"
        final_state, actions = SCENARIOS[n % len(SCENARIOS)]
        customer = rng.choice(by_outlet[outlet])
        fault = rng.choice(FAULTS)
        created_at = moment
        keys.set_clock(lambda created_at=created_at: created_at)
        try:
            detail, _ = work_orders.create_order(_actor(f"{outlet.lower()}_agent"), {
                "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
                "equipment_id": customer["equipment"][0]["id"],
                "type": rng.choice(["repair"] * 4 + ["maintenance", "installation", "inspection"]),
                "priority": "urgent" if rng.random() < 0.3 else "general",
                "channel": rng.choice(["phone", "phone", "web", "email", "walk_in", "partner"]),
                "coverage": rng.choice(["warranty", "warranty", "paid", "contract"]),
                "description": fault[0], "impact": "影响正常生产",
                "fault_started_at": keys.iso(moment - timedelta(hours=2)),
            }, None)
            for action in actions:
                # most technicians call within the 20 minutes; some are late
                gap = rng.randint(5, 35) if action == "contact" else rng.randint(10, 600)
                moment = min(moment + timedelta(minutes=gap), now)
                step = moment
                keys.set_clock(lambda step=step: step)
                data = _step_data(action, outlet, step, rng, fault)
                who = _who(action, outlet, detail)
                data = _evidence(action, who, detail, data, step, n)
                if action == "dispatch" and detail.get("quote_required"):
                    detail = _quote_confirmed(detail, outlet)  # a paid order: fee agreed first
                if action == "archive":
                    _collect(detail, outlet, n)  # an unpaid charge is not archived (fees)
                detail = work_orders.apply_action(who, detail["id"], action,
                                                  {"version": detail["version"], "data": data})
        finally:
            keys.set_clock(None)
        assert detail["state"] == final_state, (detail["state"], final_state)
        HISTORY.append(detail)
        if final_state in ("accepted", "visited") and detail.get("quote_required"):
            CHARGED.append(detail)  # a charge the customer may still owe (seed_fees)
        created += 1
    return created


def _collect(detail: dict, outlet: str, n: int) -> None:
    """What the customer still owes on an order, paid by transfer at the desk (the fees area
    refuses the archive of an unpaid order without the manager's reason)."""
    from chalicelib.modules.fees import charges, payments

    desk = _actor(f"{outlet.lower()}_agent")
    owed = charges.read(desk, detail["id"])["outstanding_fen"]
    if owed:
        payments.record(desk, detail["id"], {"amount_fen": owed, "method": "transfer",
                                             "reference": f"DEMO-{n:04d}"})


def create_live_orders(by_outlet: dict[str, list[dict]], now: datetime) -> int:
    """A few orders whose deadlines are close right now, so the at-risk view and the inbox
    have something to show: a contact clock at risk, one breached, an urgent arrival due soon,
    and a breach the manager has acknowledged (the board's "acknowledged" tab)."""
    scenes = [(timedelta(minutes=16), "general", ["dispatch"]),
              (timedelta(minutes=35), "general", ["dispatch"]),
              (timedelta(hours=3, minutes=20), "urgent", ["dispatch", "contact"]),
              (timedelta(hours=50), "general", ["dispatch", "contact", "check_in"]),
              (timedelta(hours=27), "general", ["dispatch", "contact"])]
    for i, (ago, priority, actions) in enumerate(scenes):
        customer = by_outlet["SZ"][i]
        moment = now - ago
        keys.set_clock(lambda moment=moment: moment)
        try:
            detail, _ = work_orders.create_order(_actor("sz_agent"), {
                "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
                "type": "repair", "priority": priority, "channel": "phone",
                "description": FAULTS[i][0], "impact": "影响正常生产"}, None)
            for action in actions:
                data = _step_data(action, "SZ", moment, random.Random(i), FAULTS[i])
                if action == "dispatch":
                    data = {"technician": "sz_tech1", "helpers": []}
                detail = work_orders.apply_action(_who(action, "SZ", detail), detail["id"], action,
                                                  {"version": detail["version"], "data": data})
                moment += timedelta(minutes=2)
        finally:
            keys.set_clock(None)
    # the last scene's arrival (24 h within 300 km) is 3 h late: its manager acknowledged it
    _acknowledge(detail, "arrival", "客户厂区封闭检修，约定今天下午到场")
    return len(scenes)


def _acknowledge(detail: dict, clock: str, note: str) -> None:
    """The outlet's manager acknowledges a breach on the at-risk board, as the board does."""
    from chalicelib.modules.sla import admin as sla_admin
    from chalicelib.modules.sla import store as sla_store

    watch = sla_store.get_watch(keys.order_pk(detail["id"]), clock)
    sla_admin.acknowledge(_actor("sz_manager"), {
        "subject_id": detail["id"], "clock": clock, "version": int(watch.watch_version or 0),
        "note": note})


def create_board_orders(by_outlet: dict[str, list[dict]], now: datetime) -> int:
    """Work for the dispatch board and the dispatch form (派工看板): visits agreed for today and
    tomorrow (the outlet's local days), a technician checked in on site today (their position
    for the distances), an order waiting for dispatch."""
    tz = ZoneInfo("Asia/Shanghai")
    today = now.astimezone(tz).date()

    def local(day_offset: int, hour: int, minute: int = 0) -> str:
        day = today + timedelta(days=day_offset)
        return keys.iso(datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz))

    # (outlet, customer index, technician, visit (day, hour, minute) or None, checked in, priority)
    scenes = [("SZ", 5, "sz_tech2", (0, 9, 30), True, "urgent"),
              ("SZ", 6, "sz_tech2", (0, 14, 0), False, "general"),
              ("SZ", 7, "sz_tech2", (1, 10, 0), False, "general"),
              ("SZ", 8, "sz_tech3", (0, 16, 30), False, "general"),
              ("SZ", 9, "sz_tech3", (1, 9, 0), False, "general"),
              ("SZ", 10, "sz_tech1", (1, 15, 0), False, "general"),
              ("SZ", 11, "sz_tech3", None, False, "general"),
              ("SZ", 12, None, None, False, "urgent"),
              ("CD", 2, "cd_tech2", (0, 10, 30), True, "general"),
              ("CD", 3, "cd_tech1", (1, 14, 0), False, "urgent")]
    # the class of work of some (head office's job-class table): the order waiting for
    # dispatch is an engine job (4★: the dispatch form puts the 2★ and 3★ technicians last and
    # a dispatch to them is refused); sz_tech3 (2★) took a 3★ diagnosis on the manager's
    # override (its skill_override event on the timeline)
    classes = {("SZ", 12): "major_assembly", ("SZ", 11): "complex_fault"}
    overrides = {("SZ", 11): "四星、三星师傅均在外地，黄海先行上门诊断，王强电话指导"}
    for i, (outlet, index, tech, visit, checked_in, priority) in enumerate(scenes):
        customer = by_outlet[outlet][index]
        site = customer["sites"][0]
        moment = now - timedelta(hours=2, minutes=10 * i)
        keys.set_clock(lambda moment=moment: moment)
        try:
            detail, _ = work_orders.create_order(_actor(f"{outlet.lower()}_agent"), {
                "customer_id": customer["id"], "site_id": site["id"], "type": "repair",
                "priority": priority, "channel": "phone", "description": FAULTS[i % len(FAULTS)][0],
                "impact": "影响正常生产",
                **({"job_class": classes[outlet, index]} if (outlet, index) in classes else {})},
                None)
            # (action, when, data): dispatched, then the customer called, then on site
            override = ({"skill_override": {"reason": overrides[outlet, index]}}
                        if (outlet, index) in overrides else {})
            steps = [("dispatch", moment + timedelta(minutes=5),
                      {"technician": tech, "helpers": [], **override})] if tech else []
            if visit:
                called = moment + timedelta(minutes=12)
                steps.append(("contact", called, {"contacted_at": keys.iso(called),
                                                  "visit_at": local(*visit),
                                                  "note": "已电话约定上门时间"}))
            if checked_in:
                arrived = now - timedelta(minutes=20)
                steps.append(("check_in", arrived, {"arrived_at": keys.iso(arrived),
                                                    "geo": {"lat": site["lat"], "lng": site["lng"]}}))
            for action, step, data in steps:
                keys.set_clock(lambda step=step: step)
                detail = work_orders.apply_action(_who(action, outlet, detail), detail["id"], action,
                                                  {"version": detail["version"], "data": data})
        finally:
            keys.set_clock(None)
    return len(scenes)


def create_coverage_orders(by_outlet: dict[str, list[dict]], now: datetime) -> int:
    """Orders on a harvester with warranty terms (a unit of SZ delivered on 2025-12-01), the
    failed components named at intake so the order page shows the coverage decided per line:
    one with the starter (out of its 3 months) beside the gearbox housing (2 years), one with
    the header (in no list: the whole machine) under an exclusion recorded with a photo."""
    unit = next(((c, e) for c in by_outlet["SZ"] for e in c.get("equipment", [])
                 if e.get("delivered_on") == "2025-12-01"), None)
    if unit is None:
        return 0
    customer, equipment = unit
    day = (now - timedelta(days=2)).astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat()
    scenes = [("收割机无法启动，变速箱壳体渗油", ["启动机", "变速箱壳体"], None),
              ("割台异响，客户自行拆修过", ["割台"], "unauthorised_repair")]
    agent = _actor("sz_agent")
    for description, components, exclusion in scenes:
        detail, _ = work_orders.create_order(agent, {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "equipment_id": equipment["id"], "type": "repair", "priority": "general",
            "channel": "phone", "description": description,
            "components": [{"component": c, "failure_date": day} for c in components]}, None)
        if exclusion:
            photo = _attach(agent, detail, "photo", "fault", _demo_photo("fault", now, 7),
                            "image/jpeg", now)
            keys.set_clock(None)
            work_orders.apply_action(agent, detail["id"], "record_exclusion", {
                "version": detail["version"],
                "data": {"exclusion": exclusion, "note": "客户自行拆开割台传动箱",
                         "attachment_id": photo}})
    return len(scenes)


def _quote_lines(detail: dict, labour_factor: int = 1) -> list[dict]:
    """A quote as an agent makes one from the order's price list (its unit's model's)."""
    reader = _actor(f"{detail['outlet'].lower()}_manager")
    prices = quotes.order_price_list(reader, detail["id"])["prices"]
    return [{"kind": "labour", "description": "故障排查与维修", "quantity": 2.5,
             "unit_price_fen": prices["labour_hour"] * labour_factor},
            {"kind": "call_out", "quantity": 1, "unit_price_fen": prices["call_out"]},
            {"kind": "travel", "quantity": 36.5, "unit_price_fen": prices["travel_km"]},
            {"kind": "part", "description": "启动机 QD1315", "component": "启动机",
             "quantity": 1, "unit_price_fen": 45000, "list_price_fen": 45000}]


def _quote_confirmed(detail: dict, outlet: str) -> dict:
    """The agent quotes at list prices and records the customer's consent by phone."""
    agent = _actor(f"{outlet.lower()}_agent")
    detail = work_orders.apply_action(agent, detail["id"], "quote", {
        "version": detail["version"], "data": {"lines": _quote_lines(detail)}})
    return work_orders.apply_action(agent, detail["id"], "confirm_quote", {
        "version": detail["version"], "data": {
            "method": "phone", "customer_name": "客户本人", "confirmed_at": keys.iso(keys.utc_now()),
            "note": "电话告知收费标准，客户同意"}})


def create_quote_orders(by_outlet: dict[str, list[dict]], now: datetime) -> int:
    """Paid orders waiting at the dispatch gate (费用通知): one whose quote the customer
    confirmed by phone (ready to dispatch), one with a labour price above twice the list that
    waits for the manager, one approved that waits for the customer (sign or send a link)."""
    agent, manager = _actor("sz_agent"), _actor("sz_manager")
    scenes = [("confirmed", 1), ("pending_approval", 3), ("approved", 1)]
    for i, (state, labour) in enumerate(scenes):
        customer = by_outlet["SZ"][13 - i]
        moment = now - timedelta(hours=5 - i)
        keys.set_clock(lambda moment=moment: moment)
        try:
            detail, _ = work_orders.create_order(agent, {
                "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
                "type": "repair", "priority": "general", "channel": "phone", "coverage": "paid",
                "description": FAULTS[(i + 3) % len(FAULTS)][0], "impact": "影响正常生产"}, None)
            if state == "confirmed":
                _quote_confirmed(detail, "SZ")
                continue
            detail = work_orders.apply_action(agent, detail["id"], "quote", {
                "version": detail["version"], "data": {"lines": _quote_lines(detail, labour)}})
            if state == "approved" and detail["quote"]["state"] != "approved":
                work_orders.apply_action(manager, detail["id"], "approve_quote", {
                    "version": detail["version"], "data": {}})
        finally:
            keys.set_clock(None)
    return len(scenes)


def seed(pool_id: str, orders: int = 50) -> dict:
    rng = random.Random(2026)
    create_outlets()
    create_users(pool_id)
    create_templates()
    by_outlet = create_customers(rng)
    now = datetime.now(UTC)
    create_unit_photos(by_outlet, now)
    create_unit_import()
    made = create_orders(by_outlet, rng, now, orders)
    certificates = 0
    if orders:
        made += create_live_orders(by_outlet, now)
        made += create_board_orders(by_outlet, now)
        made += create_coverage_orders(by_outlet, now)
        made += create_quote_orders(by_outlet, now)
        import sys

        from .seed_parts import seed_parts

        seed_parts(sys.modules[__name__], by_outlet, now)
        from .seed_consultations import seed_consultations

        seed_consultations(sys.modules[__name__], by_outlet, now)
        from .seed_complaints import seed_complaints

        seed_complaints(sys.modules[__name__], by_outlet, now)
        from .seed_technicians import seed_technicians

        certificates = seed_technicians(sys.modules[__name__], now)
        from .seed_fees import seed_fees

        seed_fees(sys.modules[__name__], now, CHARGED, HISTORY)
        from .seed_contracts import seed_contracts

        seed_contracts(sys.modules[__name__], by_outlet, now)
        from chalicelib.modules.figures import monthly

        month = monthly.kpi.current_month(monthly.kpi.NETWORK)
        for _ in range(4):  # the reports the job on the 1st would have made for the history
            month = monthly.kpi.previous_month(month)
            monthly.run(month)
    return {"outlets": len(OUTLETS), "staff": len(STAFF), "customers": len(COMPANIES),
            "orders": made, "certificates": certificates}
