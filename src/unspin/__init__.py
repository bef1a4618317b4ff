"""unspin: restore spun text.

>>> import unspin
>>> unspin.restore("Nothing to undo here.")
'Nothing to undo here.'
"""

from __future__ import annotations

from .detect import Detection, Span, detect
from .learn import learn, observe
from .restore import Edit, Options, Restored, apply_edits, restore, restore_and_explain
from .spinner import Spinner, Spun, spin
from .table import Table, TableFormatError
from .unpaired import learn_unpaired

__version__ = "0.1.0"

__all__ = [
    "Detection",
    "Edit",
    "Options",
    "Restored",
    "Span",
    "Spinner",
    "Spun",
    "Table",
    "TableFormatError",
    "__version__",
    "apply_edits",
    "detect",
    "learn",
    "learn_unpaired",
    "observe",
    "restore",
    "restore_and_explain",
    "spin",
]
