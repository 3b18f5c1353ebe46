"""The peer's tokenizer cases (``tests/data/peer_cases.yaml``) through exolabel: how many it reads right.

    python benchmarks/peer_suite.py            # the figure, and what went wrong in each failed case

The cases are those a peer tool's own tests cover (on-the-list 0.1.4, as the team's peer study describes them),
written as exolabel's own inputs. A case passes when every expectation it states holds: the ingredient names in
order, the may-contain names, the amounts, the kit's sections, or the refusal of a text that is no list. It prints
figures; ``tests/test_peer_suite.py`` holds each case.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from exolabel.rules.lexicon_rules import has_letter, not_a_list  # noqa: E402
from exolabel.scanner import Scanner  # noqa: E402

CASES = ROOT / "tests" / "data" / "peer_cases.yaml"


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(doc["cases"])


def problems(scanner: Scanner, case: dict[str, Any]) -> list[str]:
    """What exolabel gets wrong on ``case`` (empty: it passes)."""
    text = case["text"]
    report = scanner.scan(text)
    ings = report.ingredients
    out = []
    if case.get("refused"):
        unrecognized = [s for s in ings if not s.recognized]
        refused = not_a_list(len(ings), unrecognized, [s for s in ings if s.matches]) if ings else has_letter(text)
        if not refused:
            out.append(f"not refused: read as {[s.ingredient.name for s in ings]}")
        return out
    names = [s.ingredient.name for s in ings]
    if "names" in case and names != case["names"]:
        out.append(f"names {names} != {case['names']}")
    if "may_contain" in case:
        got = [s.ingredient.name for s in ings if s.ingredient.may_contain]
        if got != case["may_contain"]:
            out.append(f"may-contain {got} != {case['may_contain']}")
    for name, value in (case.get("amounts") or {}).items():
        conc = [s.ingredient.concentration for s in ings if s.ingredient.name == name]
        if not conc or conc[0] is None or conc[0].value != value:
            out.append(f"amount of {name}: {conc[0] if conc else None} != {value}")
    if "sections" in case:
        got_sections = [[s.name, s.count] for s in report.sections]
        if got_sections != case["sections"]:
            out.append(f"sections {got_sections} != {case['sections']}")
    return out


def main() -> None:
    scanner = Scanner()
    cases = load_cases()
    failed = [(c["id"], p) for c in cases if (p := problems(scanner, c))]
    print(f"peer tokenizer cases: {len(cases) - len(failed)}/{len(cases)} read right by exolabel")
    for cid, probs in failed:
        print(f"  {cid}: " + "; ".join(probs))


if __name__ == "__main__":
    main()
