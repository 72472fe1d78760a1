"""Settings from the environment."""

from __future__ import annotations

import pytest

from huibao import ConfigError, ExtractSettings
from huibao.config import from_env
from huibao.discover.settings import FetchSettings


def test_env_overrides_typed_fields() -> None:
    s = from_env(ExtractSettings, "extract", {"HUIBAO_EXTRACT_MAX_DEPTH": "100"})
    assert s.max_depth == 100


def test_env_tuple_is_comma_separated() -> None:
    env = {"HUIBAO_FETCH_ALLOWED_NETWORKS": "127.0.0.0/8, ::1/128"}
    s = from_env(FetchSettings, "fetch", env)
    assert s.allowed_networks == ("127.0.0.0/8", "::1/128")


def test_env_bad_value_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="HUIBAO_EXTRACT_MAX_DEPTH"):
        from_env(ExtractSettings, "extract", {"HUIBAO_EXTRACT_MAX_DEPTH": "deep"})
