"""The wheel carries every part of kg: each Python package under kg/ is listed in
pyproject.toml (a package left out installs nothing and kg fails outside the checkout
with ModuleNotFoundError, which the tests, run from the checkout, would not see)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _listed() -> set[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(data["tool"]["setuptools"]["packages"])


def test_every_package_folder_is_listed():
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "kg").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - _listed() == set()


def test_package_data_is_a_regular_package():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["tool"]["setuptools"]["package-dir"]["kg._data"] == "data"
    assert (ROOT / "data" / "__init__.py").is_file()
    assert "kg._data" in _listed()
