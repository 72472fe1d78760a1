"""`huibao.discover.__all__` names exactly the public API, and every name resolves."""

from __future__ import annotations

import huibao.discover as discover


def test_exported_members() -> None:
    public = {name for name in dir(discover) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(discover, name)).__name__ == "module"}
    assert set(discover.__all__) == public - modules
    for name in discover.__all__:
        assert getattr(discover, name).__module__.startswith("huibao.discover")
