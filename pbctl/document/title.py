"""Breaking a long title into balanced lines (GB/T 9704: a trapezoid or diamond, never
a lone character on the last line)."""

from __future__ import annotations

import math

from pbctl.constants import DOCUMENTS

#: Characters after which a Chinese title breaks naturally (ends of organization words).
_BREAK_AFTER = set("链会委部院司区市省县镇街道组盟校厂局所站心")
#: Endings that read well alone on the last line.
_TAIL_WORDS = ("党建联建", "党建共建", "共建协议书", "联建协议书", "台账",
               *(kind.title for kind in DOCUMENTS.values()))
_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)]")
_NO_LINE_END = set("（《「『“‘([")


def _penalty(text: str, k: int, total: int) -> float:
    first, rest = text[:k], text[k:]
    score = abs(k - total / 2)
    if k > math.ceil(total / 2):
        score += 1.5  # prefer the upper line no longer than the lower (a trapezoid)
    if text[k - 1] in _BREAK_AFTER or any(rest.startswith(w) for w in _TAIL_WORDS):
        score -= 3
    if rest[:1] in _NO_LINE_START or first[-1:] in _NO_LINE_END:
        score += 10
    if first[-1:].isascii() and first[-1:].isalnum() and rest[:1].isascii() and \
            rest[:1].isalnum():
        score += 10  # inside a Latin word or a number
    return score


def balance(text: str, per_line: int) -> str:
    """``text`` with line breaks so that no line exceeds ``per_line`` characters and the
    lines are as even as natural break points allow. Text that fits, or that already holds
    a line break, is returned as it is."""
    total = len(text)
    if total <= per_line or "\n" in text or per_line < 2:
        return text
    lines = math.ceil(total / per_line)
    if lines > 2:  # long titles: even chunks
        size = math.ceil(total / lines)
        return "\n".join(text[i:i + size] for i in range(0, total, size))
    candidates = range(total - per_line, per_line + 1)
    best = min(candidates, key=lambda k: (_penalty(text, k, total), k))
    return text[:best] + "\n" + text[best:]
