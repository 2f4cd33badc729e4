"""What the catalogue answers and accepts (OpenAPI components): Part, PartPage, PartInput."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NINT, NSTR, STR, array, obj, page_of
from chalicelib.modules.parts.domain.catalogue import PART_INPUT

PART = obj({
    "code": STR, "name": STR, "spec": NSTR, "material": NSTR, "unit": STR,
    "list_price_fen": INT,
    "cost_fen": NINT,  # null for a reader without parts.costs.read
    "expensive": BOOL, "supplier": NSTR,
    "models": array(STR), "groups": array(STR), "service_category": NSTR,
    "initials": NSTR,  # pinyin initials of the name ("qdj" for 启动机), null without Chinese
    "active": BOOL, "version": INT, "created_at": STR, "updated_at": STR})

SCHEMAS: dict[str, dict] = {
    "Part": PART,
    "PartPage": page_of("Part"),
    "PartInput": PART_INPUT,  # the form's fields (POST; PUT adds `version`)
}

MESSAGES = {
    "code_mismatch": {"zh": "与路径中的配件编码不一致", "en": "differs from the part code in the path"},
}
