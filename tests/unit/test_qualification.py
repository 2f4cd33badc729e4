"""The dispatch gate's rule (technicians/domain/qualification.py) and the job-class table's
checks (technicians/domain/job_classes.py), pure."""

from __future__ import annotations

import copy
from datetime import date

from chalicelib.kernel.validation import validate
from chalicelib.modules.technicians.domain import job_classes as table
from chalicelib.modules.technicians.domain.qualification import (
    Held,
    classes_of,
    last_expired,
    qualification,
    valid_types,
)

DEFAULTS = table.DEFAULT_SETTINGS
CLASSES = DEFAULTS["job_classes"]
NOV_23 = date(2026, 11, 23)


def rows(*codes: str) -> list[dict]:
    return classes_of(CLASSES, codes)


def test_enough_stars_and_no_certificate_needed_is_qualified():
    assert qualification(rows("major_assembly"), 4, set()) == []
    assert qualification(rows("major_assembly"), 5, set()) == []


def test_too_few_stars_names_the_class_the_level_needed_and_held():
    assert qualification(rows("major_assembly"), 2, set()) == [
        {"code": "skill_insufficient", "job_class": "major_assembly", "needed": 4, "has": 2}]


def test_no_star_level_counts_as_none():
    assert qualification(rows("simple_repair"), None, set())[0]["has"] == 0


def test_each_class_and_each_missing_certificate_is_a_problem_in_order():
    found = qualification(rows("commissioning", "electrical"), 3, set(),
                          {"electrician": date(2026, 10, 31)})
    assert found == [
        {"code": "skill_insufficient", "job_class": "commissioning", "needed": 5, "has": 3},
        {"code": "certificate_missing", "job_class": "electrical", "certificate": "electrician",
         "expired_on": "2026-10-31"}]


def test_a_certificate_counts_from_its_first_to_its_last_day_unless_revoked():
    licence = Held("electrician", date(2023, 11, 1), date(2026, 10, 31))
    assert valid_types([licence], date(2023, 11, 1)) == {"electrician"}
    assert valid_types([licence], date(2026, 10, 31)) == {"electrician"}
    assert valid_types([licence], date(2026, 11, 1)) == set()
    assert valid_types([licence], date(2023, 10, 31)) == set()
    revoked = Held("electrician", date(2023, 11, 1), date(2028, 10, 31), revoked=True)
    assert valid_types([revoked], NOV_23) == set()


def test_the_expiry_named_is_the_latest_one_that_ran_out():
    held = [Held("electrician", date(2020, 1, 1), date(2023, 10, 31)),
            Held("electrician", date(2023, 11, 1), date(2026, 10, 31)),
            Held("electrician", date(2026, 11, 1), date(2030, 1, 1), revoked=True),
            Held("welder", date(2020, 1, 1), date(2029, 1, 1))]
    assert last_expired(held, "electrician", NOV_23) == date(2026, 10, 31)
    assert last_expired(held, "welder", NOV_23) is None
    assert last_expired(held, "height", NOV_23) is None


def test_classes_of_keeps_the_table_rows_once_in_the_order_given_and_skips_unknown_codes():
    assert [c["code"] for c in classes_of(CLASSES, ["welding", None, "gone", "simple_repair",
                                                    "welding"])] == ["welding", "simple_repair"]


def test_the_defaults_follow_the_star_meanings_and_are_valid():
    stars = {c["code"]: c["min_stars"] for c in CLASSES}
    assert stars == {"simple_repair": 1, "general_repair": 2, "complex_fault": 3,
                     "major_assembly": 4, "commissioning": 5, "electrical": 3, "welding": 2,
                     "installation": 2}
    assert validate(DEFAULTS, table.SETTINGS_SCHEMA, prefix="settings") == {}
    assert table.problems(DEFAULTS) == {}


def test_the_table_refuses_repeated_codes_and_unknown_certificate_types():
    settings = copy.deepcopy(DEFAULTS)
    settings["job_classes"][1]["code"] = "simple_repair"
    settings["job_classes"][5]["certificates"] = ["electrician", "forklift", "electrician"]
    settings["certificate_types"].append(dict(settings["certificate_types"][0]))
    assert table.problems(settings) == {
        "settings.job_classes.1.code": ("duplicate", {}),
        "settings.job_classes.5.certificates.1": ("unknown_certificate_type", {"code": "forklift"}),
        "settings.job_classes.5.certificates.2": ("duplicate", {}),
        "settings.certificate_types.4.code": ("duplicate", {}),
    }


def test_the_schema_bounds_stars_names_codes_and_the_warning_window():
    settings = copy.deepcopy(DEFAULTS)
    settings["job_classes"][0].update(min_stars=6, name_zh=" ", code="X")
    settings["warn_days"] = 0
    assert set(validate(settings, table.SETTINGS_SCHEMA, prefix="settings")) == {
        "settings.job_classes.0.min_stars", "settings.job_classes.0.name_zh",
        "settings.job_classes.0.code", "settings.warn_days"}
