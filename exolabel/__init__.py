"""exolabel: a skincare label scanner for exosome, conditioned-media, EV, lysate and growth-factor ingredients.

Public API::

    import exolabel
    report = exolabel.scan("Water, Human Fibroblast Conditioned Media, Glycerin")
    report.findings, report.summary(), report.to_dict()

The library never prints. Use :class:`Scanner` directly to reuse a loaded lexicon for many labels.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exolabel.model import (
        Concentration,
        Correction,
        Finding,
        Ingredient,
        LabelInfo,
        Match,
        Report,
        ScannedIngredient,
        Severity,
    )
    from exolabel.scanner import Scanner

__version__ = "0.1.0"
__all__ = [
    "Concentration",
    "Correction",
    "Finding",
    "Ingredient",
    "LabelInfo",
    "Match",
    "Report",
    "ScannedIngredient",
    "Scanner",
    "Severity",
    "__version__",
    "scan",
]


@lru_cache(maxsize=1)
def _default_scanner() -> Scanner:
    from exolabel.scanner import Scanner

    return Scanner()


def scan(
    text: str,
    *,
    product: str | None = None,
    brand: str | None = None,
    claims: Iterable[str] = (),
    markets: Iterable[str] = (),
    product_type: str | None = None,
    source: str | None = None,
) -> Report:
    """Scan one ingredient list (and optional label facts) with the built-in lexicon and all rules."""
    from exolabel.model import LabelInfo

    label = LabelInfo(
        product=product, brand=brand, claims=tuple(claims), markets=tuple(markets), product_type=product_type
    )
    return _default_scanner().scan(text, label, source)


# the public names of exolabel.model, imported on first use: ``import exolabel.cli`` (every command's start-up)
# makes no class until the command needs one (see exolabel._fast.codecache)
_MODEL_NAMES = frozenset(__all__) - {"Scanner", "__version__", "scan"}


def __getattr__(name: str) -> object:
    if name == "Scanner":
        from exolabel.scanner import Scanner

        return Scanner
    if name in _MODEL_NAMES:
        from exolabel import model

        return getattr(model, name)
    raise AttributeError(name)
