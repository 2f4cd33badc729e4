"""The catalogue's pure rules and the reorder arithmetic (issue 14): codes, search keys, pinyin
initials ("qdj" for 启动机), the suggestion's quantity and rule."""

from __future__ import annotations

import pytest

from chalicelib.modules.parts.domain import catalogue, stock


@pytest.mark.parametrize("text, code", [(" qd-24v.1 ", "QD-24V.1"), ("A", "A"), ("a" * 40, "A" * 40),
                                        ("-A", None), ("A B", None), ("启动机", None), ("a" * 41, None),
                                        ("", None)])
def test_part_codes_are_upper_case_letters_digits_and_dot_dash_underscore(text, code):
    assert catalogue.normal_code(text) == code


def test_search_keys():
    assert catalogue.name_key(" O 型 Ring ") == "o型ring"
    assert catalogue.initials("启动机") == "qdj"
    assert catalogue.initials("CJX2-25 接触器") == "jcq"  # the Chinese characters' initials
    assert catalogue.initials("V-belt") == ""
    assert catalogue.initials_prefix("QDJ") == "qdj" and catalogue.initials_prefix("q1") is None
    assert catalogue.code_prefix("cj x2") == "CJX2" and catalogue.code_prefix("启动") is None


def test_clean_trims_texts_and_drops_blank_or_repeated_list_entries():
    assert catalogue.clean({"name": " 启动机 ", "spec": "  ", "models": ["4LZ", " 4LZ", "", "5LZ"]}) \
        == {"name": "启动机", "spec": None, "models": ["4LZ", "5LZ"]}
    assert catalogue.problems({"name": None}) == {"name": ("minLength", {"limit": 1})}


def test_the_suggestion_orders_up_to_the_maximum_and_shows_its_arithmetic():
    figures = {"on_hand": 4, "on_order": 0, "reserved": 0}
    found = stock.proposal(figures, 5, 20)
    assert (found.quantity, found.rule) == (16, "4 + 0 − 0 = 4 < 5 → 20 − 4 = 16")
    assert stock.proposal({**figures, "on_hand": 5}, 5, 20) is None  # at the point: not low
    assert stock.proposal({"on_hand": 6, "on_order": 1, "reserved": 4}, 5, 20).quantity == 17
    assert stock.proposal(figures, 0, 20) is None  # no reorder point: never low
