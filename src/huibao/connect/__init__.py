"""Articles -> reprint groups, stories, lineage and alterations. Pure: no I/O, no clock.

    from huibao.connect import ReprintIndex, features_of
    index = ReprintIndex()
    placement = index.add(article_id, index.signer.sign(article.body), features_of(facts, when))

The store persists the index (`huibao.store.stories`); `huibao.connect.placing` places one
stored article and records where it went.

Names are imported on first use (PEP 562): the stage needs numpy, datasketch (which loads
scipy) and the enrich stage's segmenter, seconds of start-up that every other `huibao`
command would otherwise pay because `huibao.connect.commands` lives in this package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from huibao.connect.diffing import Alterations, FigureChange, alterations
    from huibao.connect.index import ReprintIndex, is_reprint
    from huibao.connect.model import Entry, Features, Placement, features_of
    from huibao.connect.origins import Copy, Lineage, Member, lineage
    from huibao.connect.placing import ingest
    from huibao.connect.settings import ConnectSettings
    from huibao.connect.shingles import Signature, Signer

_HOMES = {
    "Alterations": "diffing",
    "FigureChange": "diffing",
    "alterations": "diffing",
    "ReprintIndex": "index",
    "is_reprint": "index",
    "ingest": "placing",
    "Copy": "origins",
    "Lineage": "origins",
    "Member": "origins",
    "lineage": "origins",
    "Entry": "model",
    "Features": "model",
    "Placement": "model",
    "features_of": "model",
    "ConnectSettings": "settings",
    "Signature": "shingles",
    "Signer": "shingles",
}

__all__ = [
    "Alterations",
    "ConnectSettings",
    "Copy",
    "Entry",
    "Features",
    "FigureChange",
    "Lineage",
    "Member",
    "Placement",
    "ReprintIndex",
    "Signature",
    "Signer",
    "alterations",
    "features_of",
    "ingest",
    "is_reprint",
    "lineage",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'huibao.connect' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"huibao.connect.{home}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value
