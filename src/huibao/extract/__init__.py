"""bytes -> Article. Pure: no network, no database, no clock."""

from huibao.extract.api import extract
from huibao.extract.rules import Rules
from huibao.extract.settings import ExtractSettings

__all__ = ["ExtractSettings", "Rules", "extract"]
