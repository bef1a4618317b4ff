"""Every module's docstring examples, run on the installed package.

(``pytest --doctest-modules src/unspin`` would import the source files a
second time beside an installed, non-editable copy and refuse to run.)
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import unspin

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(unspin.__path__, "unspin.")
    if name != "unspin.__main__"  # importing it runs the CLI
)


@pytest.mark.parametrize("name", ["unspin", *MODULES])
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
    # Modules without runnable examples (the CLI's is skipped; dask needs a cluster).
    assert result.attempted > 0 or name in {"unspin.cli", "unspin.dask"}
