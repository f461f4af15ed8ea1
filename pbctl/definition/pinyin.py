"""Chinese names in pinyin (for the ids ``import members`` makes), read as pypinyin reads them,
without loading pypinyin's dictionaries into memory.

``pypinyin.lazy_pinyin`` cuts a text by forward maximum matching over its 47,000 phrases and
reads each phrase as the dictionary says, other characters by their first reading: 银行 is
yinhang, 重庆 chongqing, 长沙 changsha, where character by character they would be yinxing,
zhongqing, zhangsha. But importing pypinyin loads both dictionaries (phrases and 42,000
characters) and trains its segmenter: ~0.2 s, for a roster that needs a few hundred look-ups.

Here both dictionaries are kept as one SQLite file in the user's cache folder
(``~/.cache/pbctl/pinyin-<version>-<schema>.sqlite3``, built once from pypinyin's own data in
~0.3 s, readings already in pypinyin's plain style) and looked up substring by substring, the
same forward maximum matching: the readings are pypinyin's, and opening the file costs a
millisecond. A cache file that cannot be read is built again; where none can be written (or
built), pypinyin is used directly. Either way the readings are the same.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

_SCHEMA_VERSION = "1"
#: Stands for "not in the dictionary" in the look-up memo.
_ABSENT = object()

Reader = Callable[[str], list[str]]


def readings(text: str) -> list[str]:
    """``text`` in pinyin, as ``pypinyin.lazy_pinyin(text)`` reads it (plain style, no tones,
    ü as v): one syllable per Chinese character, other characters as they are. Only the
    joined result is promised to equal pypinyin's (it keeps a run of Latin letters or
    digits as one item, here they come one by one)."""
    return _reader()(text)


@functools.cache
def _reader() -> Reader:
    """The cached dictionary's reader, or pypinyin's own where there is no usable cache."""
    try:
        from importlib.metadata import version

        target = _cache_file(version("pypinyin"))
        db = _open(target)
    except (OSError, sqlite3.Error, ValueError, ImportError):
        return _pypinyin_reader()
    return _Dictionary(db, target).read


def _cache_file(pypinyin_version: str) -> Path:
    from pbctl.fsutil import cache_dir

    return cache_dir() / f"pinyin-{pypinyin_version}-{_SCHEMA_VERSION}.sqlite3"


def _open(target: Path) -> sqlite3.Connection:
    """The cache, read-only; built when missing, built again when unreadable."""
    if target.is_file():
        try:
            return _connect(target)
        except sqlite3.Error:  # corrupt or from something else: make it again
            pass
    _build(target)
    return _connect(target)


def _connect(target: Path) -> sqlite3.Connection:
    db = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None or row[0] != _SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"{target}: not a pinyin cache of schema "
                                        f"{_SCHEMA_VERSION}")
    except BaseException:
        db.close()
        raise
    return db


def _entries() -> dict[str, str | None]:
    """pypinyin's dictionaries as ``word → plain reading`` (syllables separated by spaces),
    every prefix of a phrase that is not itself a word mapped to None (so that a look-up
    knows when to stop, as pypinyin's prefix set does)."""
    from pypinyin import Style
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS
    from pypinyin.converter import UltimateConverter

    # lazy_pinyin's converter with its defaults; a syllable's plain form does not depend
    # on the character, so each distinct syllable is converted once.
    converter = UltimateConverter(v_to_u=False, neutral_tone_with_five=False,
                                  tone_sandhi=False)
    plain: dict[str, str] = {}

    def convert(syllable: str) -> str:
        if syllable not in plain:
            plain[syllable] = str(converter.convert_style("", syllable, Style.NORMAL, True))
        return plain[syllable]

    words: dict[str, str | None] = {}
    for code, values in PINYIN_DICT.items():
        char = chr(code)
        if RE_HANS.match(char):  # pypinyin leaves other characters as they are
            words[char] = convert(values.split(",")[0])
    for phrase, options_of in PHRASES_DICT.items():
        if not RE_HANS.match(phrase):
            continue
        for k in range(1, len(phrase)):
            words.setdefault(phrase[:k], None)
        words[phrase] = " ".join(convert(options[0]) for options in options_of)
    return words


def _build(target: Path) -> None:
    """Write the dictionaries to ``target`` as SQLite, atomically."""
    words = _entries()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pinyin-", suffix=".sqlite3", dir=target.parent)
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db, db:
            db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, reading TEXT) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            db.executemany("INSERT INTO words VALUES (?, ?)", words.items())
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (_SCHEMA_VERSION,))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _Dictionary:
    """Forward maximum matching over the cached dictionary, as pypinyin's ``mmseg`` does:
    at each character the longest word starting there is read, else the character alone
    (by its first reading, or as it is when it has none)."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self._path = path
        self._memo: dict[str, object] = {}
        self._fallback: Reader | None = None

    def _lookup(self, word: str) -> object:
        """The word's reading, None for a prefix of longer words only, else _ABSENT."""
        found = self._memo.get(word, self)
        if found is self:
            row = self._db.execute("SELECT reading FROM words WHERE word = ?",
                                   (word,)).fetchone()
            found = _ABSENT if row is None else row[0]
            self._memo[word] = found
        return found

    def read(self, text: str) -> list[str]:
        if self._fallback is not None:
            return self._fallback(text)
        try:
            return self._read(text)
        except sqlite3.Error:  # the file is damaged: pypinyin from now on, a new file next time
            self._fallback = _pypinyin_reader()
            with contextlib.suppress(OSError):
                self._path.unlink()
            return self._fallback(text)

    def _read(self, text: str) -> list[str]:
        out: list[str] = []
        at, size = 0, len(text)
        while at < size:
            best: tuple[int, str] | None = None
            end = at + 1
            while end <= size:
                found = self._lookup(text[at:end])
                if found is _ABSENT:
                    break
                if isinstance(found, str):
                    best = (end, found)
                end += 1
            if best is None:
                out.append(text[at])
                at += 1
            else:
                out.extend(best[1].split(" "))
                at = best[0]
        return out


def _pypinyin_reader() -> Reader:
    from pypinyin import lazy_pinyin

    def read(text: str) -> list[str]:
        return list(lazy_pinyin(text))

    return read
