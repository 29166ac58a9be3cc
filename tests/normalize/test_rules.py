"""The packaged rule files: they load, and they stay general news-text rules."""

from __future__ import annotations

from importlib.resources import files

import pytest

from storyline.normalize.agencies import agencies
from storyline.normalize.ruleset import rules

RULES = files("storyline.normalize") / "rules"
# Names that only the sample corpus contains: rules fitted to it would not
# generalise to other outlets' articles.
SAMPLE_ONLY = [
    *("Qasrak", "Qasrk", "Tanf", "Qamishli", "Hasakeh", "Shadadi", "Kharab", "Baghuz", "Minnie"),
    *("قسرك", "التنف"),
]


@pytest.mark.parametrize("name", sorted(p.name for p in RULES.iterdir() if p.name.count(".") == 2))
def test_rule_file_compiles(name: str) -> None:
    kind, language, _ = name.split(".")
    sections = ("line", "inline", "trailing", "credit", "dateline", "byline", "date")
    assert any(rules(kind, language, section) for section in sections)


def test_agency_aliases_map_to_canonical_names() -> None:
    canonical = agencies().canonical
    assert canonical["Agence France-Presse"] == canonical["فرانس برس"] == canonical["أ ف ب"] == "AFP"
    assert canonical["Associated Press"] == "AP"
    assert canonical["رويترز"] == "Reuters"
    expected = {"dpa", "Xinhua", "ANSA", "EFE", "Anadolu", "SANA", "Kyodo", "Yonhap", "Bloomberg", "UPI"}
    expected |= {"TASS", "RIA Novosti", "PTI", "IANS", "Press TV", "IRNA", "WAM", "QNA", "KUNA", "MENA"}
    assert expected <= set(canonical.values())


def test_normalize_code_and_rules_do_not_name_the_sample_corpus() -> None:
    package = files("storyline.normalize")
    sources = [*package.iterdir(), *RULES.iterdir()]
    for path in sources:
        if path.name.endswith((".py", ".txt")):
            text = path.read_text(encoding="utf-8")
            assert not [name for name in SAMPLE_ONLY if name.casefold() in text.casefold()], path.name
