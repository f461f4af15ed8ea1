"""Breaking a long title into balanced lines (GB/T 9704: a trapezoid or diamond, never
a lone character on the last line, never inside a word, never 避头尾)."""

from __future__ import annotations

from pbctl.document import segment

#: Endings that read well alone on the last line.
_TAIL_WORDS = ("党风廉政建设共建协议书", "党建联建", "党建共建", "共建协议书", "联建协议书",
               "协议书", "章程", "纪要", "台账", "工作总结")


def balance(text: str, per_line: int) -> str:
    """``text`` with line breaks so that no line exceeds ``per_line`` characters, every
    break falls between two words (jieba) and obeys 避头尾, and the lines are as even as
    those breaks allow. Text that fits, or that already holds a line break, is returned as
    it is."""
    if len(text) <= per_line or "\n" in text or per_line < 2:
        return text
    return "\n".join(segment.wrap(text, per_line, tail_words=_TAIL_WORDS))
