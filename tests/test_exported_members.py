"""The public API is exactly what __all__ says (like httpx's guard)."""

from __future__ import annotations

import huibao


def test_all_is_importable_and_complete() -> None:
    exported = set(huibao.__all__)
    public = {name for name in dir(huibao) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(huibao, name)).__name__ == "module"}
    eager = (public - modules - {"TYPE_CHECKING", "Any"}) | {"__version__"}
    assert eager <= exported
    assert exported - eager == set(huibao._LAZY)
    for name in exported:
        assert getattr(huibao, name) is not None
