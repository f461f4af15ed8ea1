"""Member ids' pinyin (:mod:`pbctl.definition.pinyin`): pypinyin's readings, phrases and
all (银行 yinhang, 重庆 chongqing), from a cached SQLite copy of its dictionaries that is
rebuilt when corrupt and done without when it cannot be written."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT

from pbctl.definition import pinyin
from pbctl.definition.pinyin import readings
from pbctl.definition.roster import make_id
from pbctl.fsutil import cache_dir

NAMES = [
    "中国工商银行长沙分行", "重庆长安汽车股份有限公司", "长沙银行", "重庆银行", "行长",
    "乐山市商业银行", "厦门大学", "朝阳区", "单县", "绿化", "调度中心", "音乐学院",
    "中国人民银行长沙中心支行", "长江重工", "重庆大学", "银行业协会", "长沙市开福区长乐社区",
    "第3党支部", "ABC科技（长沙）有限公司", "湘江新区·麓谷", "ｆｕｌｌ宽度", "〇号",
]


@pytest.fixture(autouse=True)
def _fresh_reader() -> Iterator[None]:
    """Each test opens (or builds) the cache in its own cache folder (see conftest)."""
    pinyin._reader.cache_clear()
    yield
    pinyin._reader.cache_clear()


def _cache_file() -> Path:
    return cache_dir() / f"pinyin-{version('pypinyin')}-{pinyin._SCHEMA_VERSION}.sqlite3"


def _same_as_pypinyin(text: str) -> bool:
    return "".join(readings(text)) == "".join(lazy_pinyin(text))


def test_polyphonic_characters_read_as_in_their_words() -> None:
    assert readings("银行") == ["yin", "hang"]
    assert readings("重庆") == ["chong", "qing"]
    assert readings("长沙") == ["chang", "sha"]
    assert readings("行长") == ["hang", "zhang"]
    assert readings("绿化") == ["lv", "hua"]
    assert make_id("中国建设银行长沙分行党委", set()) == "zhongguojiansheyinhangchangshafenhang"
    assert make_id("重庆银行股份有限公司党委", set()) == "chongqingyinhang"
    assert _cache_file().is_file()  # built on first use


@pytest.mark.slow
def test_the_readings_are_pypinyins() -> None:
    assert all(_same_as_pypinyin(name) for name in NAMES)
    # every phrase with a common polyphonic character, and random mixtures of phrases,
    # characters and other text, which the forward maximum matching must cut alike
    phrases = [p for p in PHRASES_DICT if any(c in p for c in "行长重乐单调朝厦")]
    assert len(phrases) > 1000
    assert [p for p in phrases if not _same_as_pypinyin(p)] == []
    chunks = [*random.Random(16).sample(sorted(PHRASES_DICT), 3000), *"的一是银行长重2A·（ "]
    rng = random.Random(1)
    mixtures = ["".join(rng.choice(chunks) for _ in range(rng.randint(1, 6)))
                for _ in range(3000)]
    assert [m for m in mixtures if not _same_as_pypinyin(m)] == []


def test_a_corrupt_cache_is_built_again() -> None:
    target = _cache_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"not a database\n" * 100)
    assert readings("重庆银行") == ["chong", "qing", "yin", "hang"]
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT reading FROM words WHERE word = '银行'").fetchone() == (
            "yin hang",)


def test_a_cache_of_another_schema_is_built_again() -> None:
    target = _cache_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(target) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('schema', 'old')")
    db.close()
    assert readings("长沙") == ["chang", "sha"]
    assert isinstance(pinyin._reader().__self__, pinyin._Dictionary)  # type: ignore[attr-defined]


def test_without_a_writable_cache_pypinyin_reads_directly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert readings("中国工商银行长沙分行") == lazy_pinyin("中国工商银行长沙分行")
    assert make_id("重庆银行股份有限公司党委", set()) == "chongqingyinhang"
    assert blocked.read_text() == "a file where the cache folder would be\n"


def test_ids_are_unique_and_stable() -> None:
    taken = {"chongqingyinhang"}
    assert make_id("重庆银行党委", taken) == "chongqingyinhang-2"
    taken.add("chongqingyinhang-2")
    assert make_id("重庆银行党支部", taken) == "chongqingyinhang-3"
    assert make_id("A", set()) == "m-a"
    assert make_id("——", set()) == "member"


def test_a_cache_damaged_inside_is_done_without_and_made_again() -> None:
    assert readings("中") == ["zhong"]  # builds the cache
    target = _cache_file()
    pinyin._reader.cache_clear()
    data = bytearray(target.read_bytes())
    data[40_960:] = bytes(len(data) - 40_960)  # pages past the tenth zeroed, the header kept
    target.write_bytes(bytes(data))
    names = ["中国工商银行长沙分行", "重庆长安汽车", "鼹鼠养殖合作社", "调度中心"]
    assert [readings(n) for n in names] == [lazy_pinyin(n) for n in names]
    assert not target.exists()  # the next run builds it again
