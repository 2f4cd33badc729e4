"""The service report reads like the paper form: the outlet's letterhead with its contact, the
repair plan and its hours, the technician's name and signature line beside the customer's
signature, one page for a normal report, the signature never alone on a page, characters the
font lacks shown as "□"; its name in the reader's language. Read back from the PDF the
acceptance put to S3."""

from __future__ import annotations

import io
import sys
from urllib.parse import unquote

import requests
from pypdf import PdfReader

from chalicelib.modules.evidence.report_pdf import REPLACEMENT
from tests.conftest import HAPPY_PATH, PHOTO, STEP_DATA, actor_for, evidence_for, signature_png, upload

SIGNATURE_ASPECT = 600 / 240  # the pad's PNG (tests/conftest.signature_png)


def _walk(api, order: dict, overrides: dict | None = None) -> dict:
    """The happy path up to completion, with some steps' data replaced."""
    for action in HAPPY_PATH[:7]:
        data = {**STEP_DATA[action], **(overrides or {}).get(action, {})}
        data = evidence_for(api, order, action, actor_for(action), data)
        reply = api.act(order, action, actor_for(action), data)
        assert reply.status == 200, (action, reply.body)
        order = reply.body
    return order


def _accept(api, order: dict, opinion: str = "维修及时，设备恢复运行") -> dict:
    signed = upload(api, order, "sz_tech1", signature_png(), "signature", "signature", "image/png")
    reply = api.act(order, "accept", "sz_tech1", {
        "customer_name": "陈先生", "opinion": opinion, "satisfied": True, "satisfaction": 5,
        "signature_id": signed["id"]})
    assert reply.status == 200, reply.body
    return reply.body


def _pages(order: dict) -> list:
    reply = requests.get(order["reports"][-1]["url"], timeout=30)
    assert reply.status_code == 200 and reply.content.startswith(b"%PDF-")
    return list(PdfReader(io.BytesIO(reply.content)).pages)


def _image_sizes(resources) -> list[tuple[int, int]]:
    """The pixel sizes of the images a page's resources draw, forms' own included: each image
    XObject's /Width and /Height, the size its pixels decode to (read without decoding them, as
    `page.images` would do for every photo of every page)."""
    resources = resources.get_object() if resources is not None else {}
    xobjects = resources.get("/XObject")
    sizes = []
    for ref in (xobjects.get_object() if xobjects is not None else {}).values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Image":
            sizes.append((int(xobject["/Width"]), int(xobject["/Height"])))
        elif xobject.get("/Subtype") == "/Form":
            sizes += _image_sizes(xobject.get("/Resources"))
    return sizes


def _signature_pages(pages: list) -> list[int]:
    """The pages (1-based) that carry the signature's ink (the pad's wide PNG)."""
    found = []
    for number, page in enumerate(pages, 1):
        for width, height in _image_sizes(page.get("/Resources")):
            if abs(width / height - SIGNATURE_ASPECT) < 0.01:
                found.append(number)
    return found


def test_a_normal_signed_report_is_one_page_with_letterhead_plan_and_both_signatures(
        api, new_order):
    order = _accept(api, _walk(api, new_order()))
    pages = _pages(order)
    assert len(pages) == 1
    text = pages[0].extract_text()
    # the letterhead: the outlet and how to reach it (the directory's contact)
    head = text[:text.index("售后服务报告单")]
    assert "深圳服务站" in head and "0755-8888 6001" in head and "科发路 8 号" in head
    # the repair plan with its hours and people
    for expected in ("维修方案", "更换接触器", "接触器、万用表", "2.5 小时", "方案审批", "王强"):
        assert expected in text, expected
    # the technician's name and signature line beside the customer's signature
    assert "维修工程师" in text and "姓名：张伟" in text and "签字：" in text
    assert "客户签字" in text and "验收人：陈先生" in text
    assert _signature_pages(pages) == [1]


def test_emoji_and_characters_the_font_lacks_are_replaced_visibly(api, new_order):
    order = _walk(api, new_order(), {"complete": {
        "solution": "更换接触器后试机正常👍，客户很满意😀", "fault_cause": "接触器烧蚀🔥"}})
    order = _accept(api, order, opinion="好评👨‍🔧")
    text = "".join(p.extract_text() for p in _pages(order))
    assert f"更换接触器后试机正常{REPLACEMENT}，客户很满意{REPLACEMENT}" in text
    assert f"接触器烧蚀{REPLACEMENT}" in text
    assert f"好评{REPLACEMENT}" in text and f"好评{REPLACEMENT}{REPLACEMENT}" not in text
    assert not any(ch in text for ch in "👍😀🔥👨🔧")


def test_a_long_report_keeps_the_signature_with_the_acceptance(api, new_order):
    """Every free text near its limit: the report runs over, and the signature goes to the
    next page with the acceptance block above it, never on its own."""
    long = "冷水机组高压报警，冷凝器结垢严重，风机轴承磨损，需清洗并更换。" * 60  # 1 800 chars
    order = _walk(api, new_order(description=long), {
        "survey": {"findings": long}, "submit_plan": {"measures": long},
        "complete": {"fault_cause": long[:1500], "solution": long}})
    for category in ("before", "fault", "nameplate", "site"):
        upload(api, order, "sz_tech1", PHOTO, category=category)
    order = _accept(api, order, opinion="客户意见：" + long[:600])
    pages = _pages(order)
    assert len(pages) > 1
    [signed_on] = _signature_pages(pages)
    text = pages[signed_on - 1].extract_text()
    # the acceptance block and both signature boxes share the signature's page
    for expected in ("五、客户验收", "客户意见", "满意度", "维修工程师", "客户签字", "验收人：陈先生"):
        assert expected in text, expected
    # and the acceptance is not split from its signatures by a page break
    assert not any("客户验收" in p.extract_text() for i, p in enumerate(pages, 1)
                   if i != signed_on)
    # every page says which order and which page it is
    for number, page in enumerate(pages, 1):
        assert f"第 {number} 页 / 共 {len(pages)} 页" in page.extract_text()


def test_the_report_is_named_in_the_readers_language(api, new_order):
    order = _accept(api, _walk(api, new_order()))
    path = f"/api/work-orders/{order['id']}/reports/1"
    chinese = api.get(path, "sz_agent").body
    english = api.get(path, "sz_agent", headers={"Accept-Language": "en-US,en"}).body
    assert chinese["title"] == f"服务报告 {order['number']} v1"
    assert english["title"] == f"Service report {order['number']} v1"
    assert english["filename"] == f"Service report {order['number']} v1.pdf"
    served = requests.get(english["url"], timeout=30)
    assert served.headers["Content-Type"] == "application/pdf"
    assert unquote(served.headers["Content-Disposition"]).endswith(english["filename"])
    # the order's detail lists the versions under the same names
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_agent",
                     headers={"Accept-Language": "en"}).body
    assert detail["reports"][0]["title"] == english["title"]


def test_the_signature_is_credited_to_the_customer_who_signed(api, new_order):
    order = _accept(api, _walk(api, new_order()))
    [signature] = [a for a in order["attachments"] if a["kind"] == "signature"]
    assert signature["signed_by"] == "陈先生"
    assert signature["uploaded_by"] == "sz_tech1"  # who held the device stays on record
    photos = [a for a in order["attachments"] if a["kind"] == "photo"]
    assert photos and all(a["signed_by"] is None for a in photos)
    listed = api.get(f"/api/work-orders/{order['id']}/attachments", "sz_agent").body["items"]
    assert next(a for a in listed if a["id"] == signature["id"])["signed_by"] == "陈先生"


def _content(text: str, photos: int):
    """A report's content as `reports.py` hands it to the renderer (no order needed)."""
    from chalicelib.modules.evidence.report_pdf import (
        ReportContent,
        ReportField,
        ReportPhoto,
        ReportSection,
        SignatureBox,
    )

    return ReportContent(
        title="售后服务报告单", company="深圳服务站", contact="电话：0755-8888 6001",
        number="工单号 SZ-TEST", subtitle="第 1 版",
        sections=[ReportSection("一、客户与设备", [ReportField("客户名称", "测试客户"),
                                                ReportField("故障描述", text, wide=True)]),
                  ReportSection("四、处理结果", [ReportField("处理方案", text, wide=True)])],
        parts_heading="更换配件", parts_columns=("配件名称", "数量"), parts=[("接触器", "1")],
        photos_heading="现场照片", appendix_photos_heading="附：现场照片",
        photos=[ReportPhoto("施工前", PHOTO)] * photos,
        acceptance=ReportSection("五、客户验收", [ReportField("客户意见", "满意", wide=True)]),
        signatures=[SignatureBox("维修工程师", ["姓名：张伟"], sign_here="签字：____"),
                    SignatureBox("客户签字", ["验收人：陈先生"], png=signature_png())])


def test_photos_move_behind_the_signatures_when_that_keeps_them_on_page_1():
    """Growing text: the signatures stay on page 1 as long as moving the photos (a whole
    block) behind them is enough; past that they go over with the acceptance, never alone."""
    from chalicelib.kernel.config import settings
    from chalicelib.modules.evidence.report_pdf import render

    appendix_used = False
    for length in range(0, 1600, 100):
        pdf = render(_content("冷凝器结垢，风机轴承磨损。" * (length // 13), 12), settings().report_font)
        pages = list(PdfReader(io.BytesIO(pdf)).pages)
        texts = [p.extract_text() for p in pages]
        [signed_on] = _signature_pages(pages)
        assert "五、客户验收" in texts[signed_on - 1] and "客户签字" in texts[signed_on - 1]
        if length == 0:
            assert len(pages) == 1
        appendix = [i for i, t in enumerate(texts, 1) if "附：现场照片" in t]
        if appendix:
            appendix_used = True
            assert signed_on == 1 and appendix[0] > 1, length
    assert appendix_used


def test_reports_rendered_at_once_in_one_process_are_each_whole():
    """The local server renders on several threads at once (concurrent acceptances did): each
    report comes out whole, with its own text, its font subset not mixed with another's."""
    import concurrent.futures

    from chalicelib.kernel.config import settings
    from chalicelib.modules.evidence.report_pdf import render

    texts = ["冷凝器结垢风机轴承磨损", "压缩机过热保护跳闸", "电路板烧毁更换主板", "制冷剂泄漏补焊充注",
             "水泵机械密封渗漏", "控制面板按键失灵", "排水管堵塞清理疏通", "温度传感器漂移校准"]
    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often, as on a loaded server
    try:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            pdfs = list(pool.map(lambda t: render(_content(t * 20, 0), settings().report_font),
                                 texts * 3))
    finally:
        sys.setswitchinterval(switching)
    for text, pdf in zip(texts * 3, pdfs, strict=True):
        [page, *_] = PdfReader(io.BytesIO(pdf)).pages
        assert text in page.extract_text().replace("\n", "")
