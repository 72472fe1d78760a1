"""Hostile queries: 10,000 arbitrary strings give a Node or a QueryError, nothing else."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from monitor_helpers import QUERIES

from huibao.errors import QueryError
from huibao.monitor.parser import parse
from huibao.monitor.render import render


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(QUERIES)
def test_parse_gives_node_or_query_error(query: str) -> None:
    try:
        node = parse(query)
    except QueryError as exc:
        assert str(exc)
        return
    assert parse(render(node)) == node
