"""Shared test fixtures: where ../shared lives, temporary stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared")).resolve()


def shared_path(*parts: str) -> Path:
    """A path inside ../shared; fails loudly (not skips) when the data is missing."""
    path = SHARED.joinpath(*parts)
    assert path.exists(), f"test data missing: {path} (set MARSAD_SHARED)"
    return path


@pytest.fixture
def shared() -> Path:
    assert SHARED.exists(), f"../shared not found at {SHARED}"
    return SHARED


@pytest.fixture(autouse=True)
def _no_stray_config(monkeypatch, tmp_path_factory):
    """A ./marsad.toml or MARSAD_* variable of the developer's must not change test outcomes."""
    import os as _os

    for name in list(_os.environ):
        if name.startswith("MARSAD_") and name not in ("MARSAD_SHARED",):
            monkeypatch.delenv(name)
    monkeypatch.setattr("marsad.config.DEFAULT_FILE", str(tmp_path_factory.getbasetemp() / "no-marsad.toml"))
