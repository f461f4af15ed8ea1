"""Keeping what belongs together on one page: the signing unit (signatures, 签订日期 /
签订地点, witnesses, with the last article) and a last page of at least five lines.

The writer asks these functions which blocks keep with the next one and which go into the
rows of the unsplittable unit table (see :func:`pbctl.document.tables.add_unit`).
"""

from __future__ import annotations

from collections.abc import Sequence

from pbctl.document.blocks import (
    Article,
    Block,
    Chapter,
    Heading,
    Item,
    Paragraph,
    Runs,
    Signatures,
    Signoff,
    Table,
)
from pbctl.document.styling import CHARS_PER_LINE


def _plain(runs: Runs) -> str:
    return "".join(r.text for r in runs)


#: Above this many parties the signature table alone nearly fills a page (four rows of
#: 42 mm seal blocks): its 签订日期 / 签订地点 lines form a row of their own, which
#: may go to the next page, rather than a row taller than a page (LibreOffice clips such a
#: row, losing what does not fit).
MAX_PARTIES_WITH_DATE = 9


def signing_unit(blocks: Sequence[Block]) -> tuple[frozenset[int], range]:
    """The signing page as one unit: the blocks from the first signature block through the
    witness table and the 签订日期 / 签订地点 lines after it (``inside``, set in one row
    that cannot split), and the blocks before it that keep with it (``before``: the last
    article, and a 附件 note between it and the signatures)."""
    first = next((i for i, b in enumerate(blocks) if isinstance(b, Signatures)), None)
    if first is None:
        return frozenset(), range(0)
    start = first
    while start > 0 and isinstance(blocks[start - 1], Paragraph | Item | Article):
        start -= 1
        previous = blocks[start]
        if not (isinstance(previous, Paragraph) and _plain(previous.runs).startswith("附件")):
            break
    end = first
    while end + 1 < len(blocks) and isinstance(blocks[end + 1], Paragraph | Table | Signatures):
        end += 1
    if fills_a_page(blocks[first]):
        # the signatures fill a page by themselves: they follow the text where they fit,
        # else start a page of their own (签署页). Nothing before them keeps with them — a
        # paragraph that did would be pushed onto a page of its own, the signatures still
        # not fitting after it — and the text before them ends as a document's text does,
        # its last page holding at least MIN_LAST_PAGE_LINES lines.
        return last_page(blocks[:first]), range(first, end + 1)
    return frozenset(range(start, first)), range(first, end + 1)


def fills_a_page(block: Block) -> bool:
    """A signature block of so many parties that it nearly fills a page by itself."""
    return isinstance(block, Signatures) and len(block.parties) > MAX_PARTIES_WITH_DATE


#: The least number of text lines the last page of a document holds.
MIN_LAST_PAGE_LINES = 5


def last_page(blocks: Sequence[Block]) -> frozenset[int]:
    """The closing text blocks that keep together so that the last page holds at least
    :data:`MIN_LAST_PAGE_LINES` lines (estimated at 28 characters a line): a page with a
    lone closing article is moved content, not a page. Only for a document that ends in
    text (a signing unit or a table looks after itself)."""
    total = 0.0
    keep: list[int] = []
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if not isinstance(block, Paragraph | Item | Article | Heading | Chapter | Signoff):
            break
        if isinstance(block, Signoff):
            total += len(block.lines) + 1
        elif isinstance(block, Chapter):
            total += 1
        else:
            total += max(1, -(-(len(_plain(block.runs)) + 4) // CHARS_PER_LINE))
        if i != len(blocks) - 1:
            keep.append(i)
        if total >= MIN_LAST_PAGE_LINES:
            break
    return frozenset(keep)


def unit_groups(blocks: Sequence[Block], inside: range) -> dict[int, int]:
    """The signing unit's blocks by row of the unit table: a new row starts at each
    signature or data table (with the label paragraph right before a table), so a unit too
    tall for one page breaks between a signature table with its date lines and a witness
    table, never inside either."""
    groups: dict[int, int] = {}
    row = 0
    for i in inside:
        block = blocks[i]
        previous = blocks[i - 1]
        starts = isinstance(block, Signatures) or (
            isinstance(block, Table) and not isinstance(previous, Paragraph)) or (
            isinstance(block, Paragraph) and i + 1 in inside
            and isinstance(blocks[i + 1], Table)) or (
            # many parties fill a page by themselves: the date lines may go on the next
            isinstance(block, Paragraph) and fills_a_page(previous))
        if starts and i != inside.start:
            row += 1
        groups[i] = row
    return groups
