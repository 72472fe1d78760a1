"""huibao (汇报): discover what Chinese news and public-affairs sites publish, and report on it.

The public API is re-exported here; `tests/test_exported_members.py` guards `__all__`.
"""

from typing import TYPE_CHECKING, Any

from huibao.errors import ConfigError, ExtractionError, HuibaoError, QueryError
from huibao.extract import ExtractSettings, Rules, extract
from huibao.model import Article, Image

if TYPE_CHECKING:
    from huibao.enrich import Enrichment, enrich
    from huibao.store import Store

# Heavier stages load on first use, so `import huibao` (and every CLI call) stays quick.
_LAZY = {"enrich": "huibao.enrich", "Enrichment": "huibao.enrich", "Store": "huibao.store"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'huibao' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "Enrichment",
    "ExtractSettings",
    "ExtractionError",
    "HuibaoError",
    "Image",
    "QueryError",
    "Rules",
    "Store",
    "__version__",
    "enrich",
    "extract",
]
