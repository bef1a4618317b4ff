"""The README's Python examples run as doctests."""

import doctest
import re
from pathlib import Path


def test_readme_examples():
    readme = Path(__file__).resolve().parent.parent / "README.md"
    result = doctest.testfile(str(readme), module_relative=False)
    assert result.failed == 0 and result.attempted > 0


def _readme() -> str:
    return (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_states_the_current_defaults():
    # The README lists Options with their defaults and names the CLI's two
    # knobs' defaults in prose: both must follow the code when it changes.
    from unspin import Options

    default = Options()
    listed = re.search(r"unspin\.Options\(([^)]*)\)", _readme())
    assert listed
    pairs = re.findall(r"(\w+)=([^,\s)]+)", listed.group(1))
    assert len(pairs) >= 10
    for name, value in pairs:
        actual = getattr(default, name)
        expected = value == "True" if isinstance(actual, bool) else type(actual)(value)
        assert actual == expected, f"README says {name}={value}, the code {actual!r}"
    prose = re.search(r"default (\S+); lower it", _readme())
    assert prose and float(prose.group(1)) == default.prior
    threshold = re.search(r"in a spun document, default (\S+),", _readme())
    assert threshold and float(threshold.group(1)) == default.threshold


def test_readme_why_example_is_what_restore_says(capsys, monkeypatch):
    # The README's `unspin restore --why` example, run: its stderr as shown.
    import io

    from unspin.cli import main

    block = re.search(
        r"\$ printf '([^']*)' \\\n  \| unspin restore - (.*?) >/dev/null\n(.*?)```", _readme(), re.S
    )
    assert block is not None
    text = block.group(1).replace("\\n", "\n")
    args = [a.strip("'") for a in re.findall(r"'[^']*'|\S+", block.group(2))]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["restore", "-", *args]) == 0
    assert capsys.readouterr().err == block.group(3)
