"""Every clinical rule has a home in the engine (issue 18, item 3).

``docs/science/rules.md`` lists the rules R1-R34 of the clinical reference with the engine
module that is each rule's home. A rule ID the engine never names is a rule nobody
implements (or one whose code lost its citation), so the test fails on it.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT

ENGINE = ROOT / "osteoload" / "domain"
INDEX = ROOT / "docs" / "science" / "rules.md"
ROW = re.compile(r"^\| (R\d+[a-z]?) \| (must|should) \| [^|]+ \| ([^|]+) \|$", re.MULTILINE)
RULE_ID = re.compile(r"\bR\d+[a-z]?\b")
#: The clinical reference's rules run R1 to R34 (with lettered sharpenings).
LAST_RULE = 34

#: Rules listed as not built, with the reason (docs/science/rules.md says the same).
NOT_BUILT: dict[str, str] = {}


def rules() -> dict[str, str]:
    """Rule ID -> home as written in the index."""
    return {rule: home.strip(" `") for rule, _, home in ROW.findall(INDEX.read_text())}


def engine_mentions(root: Path = ENGINE) -> dict[str, set[str]]:
    """Rule ID -> the engine modules (paths relative to ``root``) that name it."""
    found: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        for rule in set(RULE_ID.findall(path.read_text())):
            found.setdefault(rule, set()).add(path.relative_to(root).as_posix())
    return found


def test_the_index_lists_every_rule_once() -> None:
    listed = ROW.findall(INDEX.read_text())
    ids = [rule for rule, _, _ in listed]
    assert len(ids) == len(set(ids)), "a rule listed twice"
    numbers = {int(re.sub(r"\D", "", rule)) for rule in ids}
    assert numbers == set(range(1, LAST_RULE + 1))


def test_every_rule_appears_in_the_engine() -> None:
    mentioned = engine_mentions()
    missing = sorted(rule for rule in rules() if rule not in mentioned and rule not in NOT_BUILT)
    assert missing == [], "rules the engine never names: implement them or cite them"


def test_every_home_names_its_rule() -> None:
    mentioned = engine_mentions()
    wrong = {
        rule: home
        for rule, home in rules().items()
        if rule not in NOT_BUILT and home not in mentioned.get(rule, set())
    }
    assert wrong == {}


def test_the_not_built_list_is_still_true() -> None:
    """An entry goes when the rule is built, so the list only shrinks."""
    mentioned = engine_mentions()
    assert [rule for rule in NOT_BUILT if rule in mentioned] == []
    assert all("not built" in rules()[rule] for rule in NOT_BUILT)


def test_the_engine_names_no_rule_the_index_lacks() -> None:
    """A typo'd or invented rule ID in the engine is caught too."""
    unknown = sorted(set(engine_mentions()) - set(rules()))
    assert unknown == []


def test_the_check_sees_a_missing_rule(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.py").write_text('"""R1 and R2a."""\nX = 1  # R10, not R-5\n')
    assert engine_mentions(tmp_path) == {
        "R1": {"sub/a.py"},
        "R2a": {"sub/a.py"},
        "R10": {"sub/a.py"},
    }
    assert ROW.findall("| R7 | must | posture weekly | `screening/spine.py` |") == [
        ("R7", "must", "`screening/spine.py`")
    ]
