"""huibao (汇报): discover what Chinese news and public-affairs sites publish, and report on it.

The public API is re-exported here; `tests/test_exported_members.py` guards `__all__`.
"""

from huibao.errors import ConfigError, ExtractionError, HuibaoError, QueryError
from huibao.extract import ExtractSettings, Rules, extract
from huibao.model import Article, Image

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "ExtractSettings",
    "ExtractionError",
    "HuibaoError",
    "Image",
    "QueryError",
    "Rules",
    "__version__",
    "extract",
]
