"""The catalogue's rules (pure): what a part code may be, the keys a part is found by (its
code, its name without spaces and case, the pinyin initials of its name: "qdj" for 启动机),
and what a part's form (PartInput) accepts. Money in fen, integers ≥ 0."""

from __future__ import annotations

import re

from chalicelib.kernel.validation import MAX_SHORT

CODE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")
MAX_LIST = 50  # product models / component groups a part fits
MAX_FEN = 10**12  # ten billion 元: nothing in a catalogue costs more
MAX_QUERY = 100

_TEXT = {"type": "string", "maxLength": MAX_SHORT}
_NTEXT = {"type": ["string", "null"], "maxLength": MAX_SHORT}
_NAME = {"type": "string", "minLength": 1, "maxLength": MAX_SHORT}
_FEN = {"type": "integer", "minimum": 0, "maximum": MAX_FEN}
_LIST = {"type": "array", "maxItems": MAX_LIST,
         "items": {"type": "string", "minLength": 1, "maxLength": MAX_SHORT}}
CODE_SCHEMA = {"type": "string", "minLength": 1, "maxLength": 40,
         "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
         "description": "part code (upper-cased by the server): letters, digits, . _ -"}

_FIELDS = {
    "name": _NAME,
    "spec": _NTEXT,  # 规格型号
    "material": _NTEXT,  # 材质
    "unit": {"type": "string", "minLength": 1, "maxLength": 20},
    "list_price_fen": _FEN,
    "cost_fen": _FEN,
    "expensive": {"type": "boolean"},
    "supplier": _NTEXT,
    "models": _LIST,
    "groups": _LIST,
    "service_category": _NTEXT,
    "active": {"type": "boolean"},
}
REQUIRED = ["name", "unit", "list_price_fen", "cost_fen"]

# POST /api/parts: a new part of the catalogue
PART_INPUT = {"type": "object", "properties": {"code": CODE_SCHEMA, **_FIELDS},
              "required": ["code", *REQUIRED], "additionalProperties": False}

# PUT /api/parts/{code}: the part's fields and the version the editor saw (the code is the
# path's; a body naming another is refused)
PART_UPDATE = {"type": "object",
               "properties": {"code": CODE_SCHEMA, **_FIELDS,
                              "version": {"type": "integer", "minimum": 1}},
               "required": [*REQUIRED, "version"], "additionalProperties": False}


def normal_code(text: str | None) -> str | None:
    """The part code as stored (upper case, trimmed), or None when it is not a valid code."""
    code = (text or "").strip().upper()
    return code if CODE.match(code) else None


def code_prefix(text: str) -> str | None:
    """What a search text is as the beginning of a code (None: it cannot begin one)."""
    prefix = "".join(text.split()).upper()
    return prefix if prefix and re.match(r"^[A-Z0-9][A-Z0-9._-]*$", prefix) else None


def name_key(name: str) -> str:
    """The name as it is searched: case folded, without spaces ("O 型圈" and "o型圈" alike)."""
    return "".join(name.casefold().split())


def initials(name: str) -> str:
    """The pinyin initials of the Chinese characters of a name, lower case ("qdj" for 启动机;
    "" for a name without any)."""
    from pypinyin import Style, lazy_pinyin  # imported on first use: cold starts

    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(letter for letter in "".join(letters).lower() if letter.isascii()
                   and letter.isalnum())


def initials_prefix(text: str) -> str | None:
    """A search text as the beginning of pinyin initials (latin letters only), or None."""
    prefix = "".join(text.split()).lower()
    return prefix if prefix and re.match(r"^[a-z]+$", prefix) else None


def clean(body: dict) -> dict:
    """The part's fields from a valid body: texts trimmed (blank → None), lists without blanks
    or repeats (in order)."""
    out: dict = {}
    for name in _FIELDS:
        if name not in body:
            continue
        value = body[name]
        if isinstance(value, str):
            value = value.strip() or None
        elif isinstance(value, list):
            seen: list[str] = []
            for entry in value:
                entry = entry.strip()
                if entry and entry not in seen:
                    seen.append(entry)
            value = seen
        out[name] = value
    return out


def problems(fields: dict) -> dict:
    """What a part's cleaned fields lack beyond the schema: a name and unit that are not blank."""
    found = {}
    for name in ("name", "unit"):
        if name in fields and not fields[name]:
            found[name] = ("minLength", {"limit": 1})
    return found
