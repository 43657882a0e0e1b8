"""The catalogue data against ../shared/RULES.md: every rule there is here and nothing
else, with the same kinds and sources; every default is valid in both profiles."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from zhongshu.rules.catalogue_data import BY_ID, RULES
from zhongshu.rules.sources import DOCUMENTS, seed_ids
from zhongshu.rules.spec import PROFILES

REPO_ROOT = Path(__file__).resolve().parents[4]
RULES_MD = REPO_ROOT / ".." / "shared" / "RULES.md"
ROW = re.compile(r"^\|\s*([A-Z]+(?:-[A-Z]+)?-\d+)\s*\|(.*)\|\s*$")
KIND_WORDS = re.compile(r"block|warn|deadline|remind|record|count|flow")


def _rules_md() -> dict[str, dict[str, str]]:
    if not RULES_MD.exists():
        pytest.skip(f"{RULES_MD} is absent: clone the shared specs beside the repository")
    rows = {}
    for line in RULES_MD.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            cells = [c.strip() for c in match.group(2).split("|")]
            rows[match.group(1)] = {"kind": cells[1], "default": cells[2], "source": cells[3]}
    return rows


def test_every_rule_of_rules_md_is_in_the_catalogue_and_nothing_else():
    in_md = set(_rules_md())
    in_catalogue = set(BY_ID)
    assert in_md, "no rule rows parsed from RULES.md"
    assert sorted(in_md - in_catalogue) == [], "rules of RULES.md missing from the catalogue"
    assert sorted(in_catalogue - in_md) == [], "catalogue rules that RULES.md does not have"


def test_kinds_match_rules_md():
    for rule_id, row in _rules_md().items():
        expected = set(KIND_WORDS.findall(row["kind"]))
        assert set(BY_ID[rule_id].kinds) == expected, rule_id


def test_sources_match_rules_md():
    for rule_id, row in _rules_md().items():
        written = row["source"].replace("all seeds use 工作日", "000–004")
        written = written.replace("throughout", "通篇")
        rdef = BY_ID[rule_id]
        assert rdef.source == written, rule_id
        named = set(re.findall(r"\b00\d\b", row["source"])) or {"000", "001", "002", "003", "004"}
        assert seed_ids(rdef.refs) == named, rule_id


def test_source_labels_name_the_seed_documents():
    assert BY_ID["DOC-IN-10"].source_label == "河北区公文规范管理意见 (四)"
    assert BY_ID["MTG-10"].source_label == "河北区会议管理意见 (十九)；提高效率抓落实意见 (一)(二)"
    assert BY_ID["SUP-7"].source_label == "河北区督查工作规定 二(五)"
    assert BY_ID["INF-3"].source_label.startswith(
        "天津市办公室建设意见 四五；天津市加强信息工作通知"
    )
    assert "津政办发〔2004〕055号" in DOCUMENTS["000"].title
    assert "加强信息工作的通知" in DOCUMENTS["004"].title


def test_every_rule_has_chinese_title_and_text():
    for rdef in RULES:
        assert re.search(r"[\u4e00-\u9fff]", rdef.title), rdef.id
        assert len(rdef.text) >= 15 and re.search(r"[\u4e00-\u9fff]", rdef.text), rdef.id


def test_every_default_passes_its_own_validation_in_both_profiles():
    for rdef in RULES:
        for pdef in rdef.params:
            for profile in PROFILES:
                default = pdef.default_for(profile)
                assert pdef.clean(pdef.encode(default)) == default, (rdef.id, pdef.name, profile)


def test_phrases_only_name_parameters_of_their_rule():
    for rdef in RULES:
        for phrase in rdef.phrases:
            for name in re.findall(r"\{(\w+)\}", phrase):
                assert rdef.has_param(name), (rdef.id, phrase)


DEFAULTS = [
    # rule, parameter, district, city
    ("CAL-2", "office_start", dt.time(8, 30), dt.time(8, 30)),
    ("CAL-2", "office_end", dt.time(17, 30), dt.time(17, 30)),
    ("DOC-IN-10", "days", 7, 7),
    ("DOC-IN-10", "difficult_days", 15, 15),
    ("DOC-IN-11", "days", 5, 5),
    ("DOC-IN-11", "consult_days", 10, 10),
    ("DOC-IN-12", "urgent_interval", 1, 1),
    ("DOC-IN-12", "important_interval", 2, 2),
    ("DOC-IN-12", "normal_interval", 5, 5),
    ("DOC-IN-14", "days", 2, 2),
    ("DOC-OUT-5", "field_max", 6000, None),
    ("DOC-OUT-5", "special_max", 4000, None),
    ("DOC-OUT-5", "government_general_max", None, 4000),
    ("DOC-OUT-5", "office_general_max", None, 3000),
    ("DOC-OUT-5", "speech_max", None, 5000),
    ("DOC-OUT-17", "target_reduction", 5.0, 5.0),
    ("MTG-10", "class_1_max", 350, None),
    ("MTG-10", "class_2_max", 200, 100),
    ("MTG-10", "class_3_max", 150, 100),
    ("MTG-10", "comprehensive_per_year", None, 1),
    ("MTG-11", "speakers", 5, 5),
    ("MTG-11", "minutes", 8, 8),
    ("MTG-11", "max_length", dt.timedelta(hours=4), dt.timedelta(hours=4)),
    ("MTG-3", "require_agreement", False, True),
    ("SUP-13", "reply_months", 3, 3),
    ("SUP-13", "co_handler_months", 1, 1),
    ("SUP-16", "yellow_days", 3, 3),
    ("INF-3", "urgent_hours", 3, 3),
    ("INF-3", "sensitive_hours", 2, 2),
    ("INF-7", "bulletin_cadence", "monthly", "quarterly"),
    ("DUTY-4", "report_hours", 3, 3),
    ("DUTY-4", "sensitive_hours", 2, 2),
    ("PUB-2", "reply_days", 20, 20),
    ("PUB-2", "extension_days", 20, 20),
]


@pytest.mark.parametrize(("rule_id", "name", "district", "city"), DEFAULTS)
def test_defaults_per_profile(rule_id, name, district, city):
    pdef = BY_ID[rule_id].param(name)
    assert pdef.default_for("district") == district
    assert pdef.default_for("city") == city


def test_city_only_and_district_only_rules():
    assert BY_ID["DOC-IN-11"].profiles == {"city"}
    assert BY_ID["DOC-IN-10"].profiles == {"district"}
    assert BY_ID["MTG-18"].profiles == {"city"}
    assert BY_ID["SUP-11"].profiles == {"city"}
    assert BY_ID["MTG-10"].profiles == {"district", "city"}
