"""Decision references (``3.2``: meeting 3, decision 2) as the read side names them.

Marking a decision carried out is a write: :func:`pbctl.records.tracked.mark_done`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pbctl.i18n import _

if TYPE_CHECKING:
    pass

_REF = re.compile(r"(\d+)\.(\d+)\Z")


def parse_ref(ref: str) -> tuple[int, int]:
    """``3.2`` → (meeting 3, decision 2); ValueError otherwise."""
    match = _REF.match(ref.strip())
    if not match or int(match.group(1)) < 1 or int(match.group(2)) < 1:
        raise ValueError(_("expected MEETING.DECISION, e.g. 3.2 (meeting 3, decision 2), "
                           "got {ref!r}").format(ref=ref))
    return int(match.group(1)), int(match.group(2))
