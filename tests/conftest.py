"""Shared fixtures: the shared development data (skips when absent) and a
small self-written table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspin import Table

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLDEN = Path(__file__).parent / "golden"

# Self-written spun sentences for learning from spun text alone: "car" became
# "automobile" in six contexts ("automobile" is a synonym of "car" in the
# shipped thesauri). Repeated so that every form is seen often enough.
CARS = (
    "He parked the automobile outside the house.",
    "The automobile industry is in trouble.",
    "She bought a new automobile last year.",
    "The automobile was stolen on Friday night.",
    "Police found the automobile in a car park.",
    "An automobile crash closed the road for hours.",
)

# Self-written spun news: "said" always became "mentioned", in many contexts
# (no shipped thesaurus lists "said" for "mentioned").
MENTIONED = (
    "The minister mentioned the plan would cut costs for families.",
    "Police mentioned two men had been arrested after the crash on Friday.",
    "A spokesman for the company mentioned it would appeal against the ruling.",
    "The bank mentioned profits rose sharply in the first half of the year.",
    "Doctors mentioned the patient was in a stable condition last night.",
    "The council mentioned the road would reopen next week.",
    "Her lawyer mentioned she would fight the charges in court.",
    "The club mentioned the player had signed a new three-year contract.",
    "Officials mentioned the election would go ahead as planned.",
    "The union mentioned its members had voted to strike in March.",
    "Analysts mentioned the market could fall further this month.",
    "The school mentioned all pupils were safe after the fire.",
)


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared is not present beside the repository")
    return SHARED


@pytest.fixture
def small_table() -> Table:
    table = Table(name="small")
    table.add("imaginative and prescient", "vision", 20, source="test")
    table.add("mentioned", "said", 12, source="test")
    table.add("struggle", "war", 6, source="test")
    table.add("on the bottom", "on the ground", 5, source="test")
    table.add("struggle", "battle", 1, source="test")
    table.add_kept("struggle", 2)
    return table


def golden(name: str) -> list:
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))
