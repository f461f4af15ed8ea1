"""Chinese words, and where a line may break: between two words, never 避头尾.

Titles and unit names break only between words ("大健康产业 / 创新链", never "大健康产 /
业创新链"). Words come from jieba, the well-kept Chinese segmenter: its dictionary, its DAG
of dictionary words and its HMM for words the dictionary lacks.

jieba loads its 350 000-word dictionary into memory on first use, about a second even from
its own cache, which would double the time of ``pbctl render``. Segmenting a title needs a
few hundred look-ups, so here the dictionary is kept as an SQLite file in the user's cache
folder (``~/.cache/pbctl``, built once from jieba's dictionary in a few seconds) and looked
up word by word: opening it costs milliseconds. Where no cache folder can be written, jieba
loads its dictionary the usual way.

jieba is imported only when a text actually needs breaking.
"""

from __future__ import annotations

import functools
import math
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pbctl.fsutil import cache_dir

#: A line never starts with these (closing punctuation, 、，。 …).
NO_LINE_START = frozenset("，。、；：？！）》」』”’〉】〕,.;:?!)]}%")
#: A line never ends with these (opening quotes and brackets).
NO_LINE_END = frozenset("（《「『“‘〈【〔([{")
#: Words of party-building documents jieba's dictionary lacks or splits; they are never broken.
DOMAIN_WORDS = (
    "党建", "联建", "共建", "党建联建", "党建共建", "联建协议书", "共建协议书", "协议书",
    "党风廉政", "党风廉政建设", "党组织", "党委", "党总支", "党支部", "联合党支部",
    "综合党委", "有限公司", "有限责任公司", "股份有限公司", "集团", "创新链", "产业链",
    "联席会议", "纪要", "章程", "台账", "成员单位", "专委会", "联组", "秘书处",
    # compounds of unit names that jieba cuts in two (数字 / 经济, 张江高 / 科技)
    "数字经济", "人工智能", "集成电路", "生物医药", "产业园", "机器人谷", "高科技园区",
    "科学城", "新能源", "智能制造", "现代物流", "职业技术学院", "党工委", "管委会",
    "文创产业园", "大健康", "产业学院",
)
_DOMAIN_FREQ = 50_000
_SCHEMA_VERSION = "1"


class _Frequencies:
    """jieba's ``FREQ`` mapping, read from an SQLite file on demand, with pbctl's domain
    words laid over it."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._seen: dict[str, int | None] = {}
        for word in DOMAIN_WORDS:
            self._seen[word] = _DOMAIN_FREQ
            for k in range(1, len(word)):
                self._seen.setdefault(word[:k], None)

    def _lookup(self, key: str) -> int | None:
        if key in self._seen:
            found = self._seen[key]
            if found is None:  # a prefix of a domain word: ask the dictionary too
                row = self._db.execute("SELECT freq FROM freq WHERE word = ?",
                                       (key,)).fetchone()
                found = row[0] if row else 0
                self._seen[key] = found
            return found
        row = self._db.execute("SELECT freq FROM freq WHERE word = ?", (key,)).fetchone()
        value = row[0] if row else None
        self._seen[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not None

    def __getitem__(self, key: str) -> int:
        value = self._lookup(key)
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = self._lookup(key)
        return default if value is None else value


def _build(dictionary: Path, target: Path) -> None:
    """Write jieba's dictionary (words, frequencies, and every prefix with 0, as jieba's
    ``gen_pfdict`` does) to an SQLite file, atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    freq: dict[str, int] = {}
    total = 0
    with dictionary.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.strip().split(" ")
            if len(parts) < 2:
                continue
            word, count = parts[0], int(parts[1])
            freq[word] = count
            total += count
            for k in range(1, len(word)):
                freq.setdefault(word[:k], 0)
    fd, tmp = tempfile.mkstemp(prefix=".jieba-", suffix=".sqlite3", dir=target.parent)
    os.close(fd)
    try:
        with sqlite3.connect(tmp) as db:
            db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            db.executemany("INSERT INTO freq VALUES (?, ?)", freq.items())
            db.executemany("INSERT INTO meta VALUES (?, ?)",
                           [("total", str(total)), ("schema", _SCHEMA_VERSION)])
        db.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _import_jieba() -> Any:
    """``import jieba`` without its optional use of setuptools' pkg_resources (80 ms to
    import, and deprecated): jieba then reads its data files directly."""
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


@functools.cache
def _tokenizer() -> Any:
    """A jieba tokenizer over the SQLite dictionary (built on first use), or jieba's own
    in-memory one when the cache cannot be written."""
    import logging

    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    with tokenizer.get_dict_file() as handle:
        dictionary = Path(handle.name)
    target = cache_dir() / f"jieba-{jieba.__version__}-{_SCHEMA_VERSION}.sqlite3"
    try:
        if not target.is_file():
            _build(dictionary, target)
        db = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True,
                             check_same_thread=False)
        row = db.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()
        tokenizer.FREQ = _Frequencies(db)
        tokenizer.total = int(row[0])
        tokenizer.initialized = True
    except (OSError, sqlite3.Error, TypeError, ValueError):
        tokenizer = jieba.Tokenizer()
        for word in DOMAIN_WORDS:
            tokenizer.add_word(word, _DOMAIN_FREQ)
    return tokenizer


@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """``text`` cut into words (jieba, with HMM for words its dictionary lacks)."""
    if not text:
        return ()
    return tuple(_tokenizer().cut(text, HMM=True))


def _boundaries(text: str) -> Iterator[int]:
    at = 0
    for word in words(text):
        at += len(word)
        yield at


def break_points(text: str) -> frozenset[int]:
    """Offsets ``k`` (0 < k < len) where ``text`` may break into ``text[:k]`` and
    ``text[k:]``: between two words, with no closing punctuation starting the next line
    and no opening one ending this line, and never inside a Latin word or a number."""
    allowed = set()
    for k in _boundaries(text):
        if not 0 < k < len(text):
            continue
        before, after = text[k - 1], text[k]
        if after in NO_LINE_START or before in NO_LINE_END:
            continue
        if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
            continue
        if after.isspace():
            continue
        allowed.add(k)
    return frozenset(allowed)


def ok_break(text: str, k: int) -> bool:
    """Whether a line may break at offset ``k`` by 避头尾 alone (no word check)."""
    return 0 < k < len(text) and text[k] not in NO_LINE_START and \
        text[k - 1] not in NO_LINE_END


def wrap(text: str, per_line: int, *, tail_words: Sequence[str] = ()) -> list[str]:
    """``text`` in as few lines of at most ``per_line`` characters as word breaks allow,
    the lines as even as possible (a title's trapezoid: an upper line no longer than the
    one below unless that costs balance). A break before one of ``tail_words`` is
    preferred. A word longer than a line is broken where 避头尾 allows, as a last resort."""
    total = len(text)
    if total <= per_line or per_line < 2:
        return [text]
    points = sorted(break_points(text))
    lines = _best(text, per_line, points, tail_words)
    if lines is None:  # some word is longer than a line: allow breaks inside words
        fallback = [k for k in range(1, total) if ok_break(text, k)]
        lines = _best(text, per_line, fallback, tail_words) or \
            [text[i:i + per_line] for i in range(0, total, per_line)]
    return lines


def _best(text: str, per_line: int, points: Sequence[int], tail_words: Sequence[str]
          ) -> list[str] | None:
    """Fewest lines, then least squared deviation from even lines (dynamic programming
    over the allowed break points); None when no split fits."""
    total = len(text)
    cuts = [0, *points, total]
    index = {c: i for i, c in enumerate(cuts)}
    minimum = math.ceil(total / per_line)
    for count in range(minimum, minimum + 3):
        ideal = total / count
        # best[(i, n)]: cost of laying text[cuts[i]:] in n lines, and the next cut
        best: dict[tuple[int, int], tuple[float, int]] = {(len(cuts) - 1, 0): (0.0, -1)}
        for n in range(1, count + 1):
            for i in range(len(cuts) - 2, -1, -1):
                start = cuts[i]
                choice: tuple[float, int] | None = None
                for end in cuts[i + 1:]:
                    length = end - start
                    if length > per_line:
                        break
                    rest = best.get((index[end], n - 1))
                    if rest is None:
                        continue
                    cost = (length - ideal) ** 2 + rest[0]
                    if end < total and n > 1 and length > ideal + 0.5:
                        cost += 1.5  # an upper line longer than even: not a trapezoid
                    if end < total and any(text.startswith(w, end) for w in tail_words):
                        cost -= 2.0
                    if choice is None or cost < choice[0]:
                        choice = (cost, index[end])
                if choice is not None:
                    best[(i, n)] = choice
        if (0, count) in best:
            out, i, n = [], 0, count
            while n > 0:
                j = best[(i, n)][1]
                out.append(text[cuts[i]:cuts[j]])
                i, n = j, n - 1
            return out
    return None
