"""A corpus of bad definition and record files, generated: every one must be refused by
``check`` and ``log --file`` with a file:line message, no traceback, nothing written.

Each case is (name, text or bytes). Definitions are mutations of a valid alliance
(``MINIMAL`` in helpers), records of a valid meeting and activity of that alliance.
Run ``python tests/corpus_helpers.py DIR`` to write them out as files for a look.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from helpers import MINIMAL

MEETING = """\
date: 2024-04-01
time: "14:30"
venue: 甲公司会议室
chair: 张三
host: alpha
attendees:
  - member: alpha
    names: [张三, 李四]
  - member: beta
topics:
  - 审议联建章程
decisions:
  - text: 建立联络员制度
    owner: alpha
    due: 2024-04-30
summary: 会议审议通过联建章程
"""

ACTIVITY = """\
kind: study
date: 2024-05-10
title: 共学活动
place: 甲公司党建馆
host: alpha
members: [alpha, beta]
headcount: 30
summary: 联合学习
outcomes:
  - 形成交流材料一份
"""

Case = tuple[str, str | bytes]

#: values no field accepts, put in place of a scalar
_BAD_SCALARS = {
    "list": "[1, 2]",
    "mapping": "{a: 1}",
    "null": "null",
    "bool": "true",
    "control": '"a\\u0001b"',
    "bigint": "9" * 4301,
    "deep": "[" * 70 + "]" * 70,
    "long": '"' + "长" * 300_000 + '"',
    "blank": '"   "',
}


def _replace_value(text: str, key: str, value: str) -> str:
    """``key: old`` (the first at line start) → ``key: value``."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(f"{key}:"):
            lines[i] = f"{key}: {value}\n"
            return "".join(lines)
    raise KeyError(key)


def definitions() -> Iterator[Case]:
    base = MINIMAL
    for key in ("id", "name", "founded", "lead"):
        for label, value in _BAD_SCALARS.items():
            if key == "name" and label == "long":
                continue  # a long name is still a name
            yield f"def-{key}-{label}", _replace_value(base, key, value)
    for label, value in {
        "id-upper": "Demo", "id-space": '"de mo"', "id-dots": "../x", "id-toolong": "a" * 80,
        "founded-bad": "2024-13-01", "founded-feb30": "2024-02-30",
        "founded-early": "1900-01-01", "founded-far": "2999-01-01",
        "founded-text": "去年", "founded-int": "20240301",
    }.items():
        key = label.split("-")[0]
        yield f"def-{label}", _replace_value(base, key, value)
    lead_cases = {"lead-unknown": "gamma", "lead-typo": "alpah", "lead-upper": "Alpha"}
    for label, value in lead_cases.items():
        yield f"def-{label}", _replace_value(base, "lead", value)
    extra = {
        "unknown-key": "nmae: x\n",
        "typo-key": "foundd: 2024-03-01\n",
        "duplicate-key": "name: 又一个名字\n",
        "copies-zero": "copies: 0\n",
        "copies-many": "copies: 1000\n",
        "copies-float": "copies: 2.5\n",
        "copies-text": "copies: 三\n",
        "term-years-zero": "term:\n  years: 0\n",
        "term-years-many": "term:\n  years: 51\n",
        "term-start-bad": "term:\n  start: 2024-02-31\n",
        "term-unknown": "term:\n  yeers: 3\n",
        "convener-bad": "convener: everyone\n",
        "frequency-bad": "meetings:\n  frequency: weekly\n",
        "frequency-list": "meetings:\n  frequency: [monthly]\n",
        "secretariat-unknown": "secretariat: gamma\n",
        "groups-not-list": "groups: 联组\n",
        "groups-unknown-member": "groups:\n  - name: 第一联组\n    members: [alpha, gamma]\n",
        "groups-no-name": "groups:\n  - members: [alpha]\n",
        "pairings-unknown": "pairings:\n  - a: alpha\n    b: zeta\n",
        "pairings-self": "pairings:\n  - a: alpha\n    b: alpha\n",
        "projects-owner": "projects:\n  - name: 项目\n    owner: nobody\n",
        "witnesses-bad": "witnesses: 7\n",
        "ceremony-date": "ceremony:\n  date: 明天\n",
        "ceremony-key": "ceremony:\n  when: 2024-03-01\n",
        "lists-bad": "lists:\n  resources: 资源\n",
        "areas-no-name": "areas:\n  - items: [共学]\n",
        "principles-map": "principles:\n  a: b\n",
        "goals-nested": "goals:\n  - [a, [b]]\n",
        "anchor": "venue: &v 会议室\nshort_name: *v\n",
        "alias-only": "short_name: *nothing\n",
        "python-tag": "venue: !!python/object/apply:os.system ['true']\n",
        "custom-tag": "venue: !secret x\n",
        "binary-tag": "venue: !!binary aGVsbG8=\n",
        "int-tag-text": "copies: !!int 三\n",
        "second-doc": "---\nid: other\n",
        "conflict": "<<<<<<< HEAD\nvenue: a\n=======\nvenue: b\n>>>>>>> theirs\n",
        "tab-indent": "term:\n\tyears: 3\n",
        "unclosed-quote": 'venue: "会议室\n',
        "unclosed-single": "venue: '会议室\n",
        "unclosed-bracket": "goals: [a, b\n",
        "unclosed-brace": "ceremony: {date: 2024-03-01\n",
        "bad-indent": "term:\n  years: 3\n start: 2024-03-01\n",
        "colon-in-key": "a: b: c\n",
        "nested-too-deep": "goals: " + "[" * 65 + "]" * 65 + "\n",
        "nul-char": "venue: a\x00b\n",
        "bell-char": "venue: a\x07b\n",
        "huge-int-field": "copies: " + "1" * 5000 + "\n",
        "member-dup-id": "  - id: alpha\n    name: 丙公司党委\n    kind: enterprise\n",
        "member-dup-name-space": "  - id: gamma\n    name: 甲公司党委 \n    kind: other\n",
        "member-dup-name-fullwidth": "  - id: gamma\n    name: 甲公司党委\u200b\n",
        "member-kind-bad": "  - id: gamma\n    name: 丙\n    kind: company\n",
        "member-level-bad": "  - id: gamma\n    name: 丙\n    level: 支部\n",
        "member-no-id": "  - name: 丙\n",
        "member-bad-id": "  - id: Gamma!\n    name: 丙\n",
        "member-blank-name": "  - id: gamma\n    name: '  '\n",
        "member-unknown-key": "  - id: gamma\n    name: 丙\n    secretery: 王\n",
        "member-contact-bad": "  - id: gamma\n    name: 丙\n    contact: 王五\n",
        "member-scalar": "  - 丙公司\n",
    }
    for label, tail in extra.items():
        if label.startswith("member-"):
            # inside the members list: after beta
            text = base.replace("lead: alpha\n", "") + tail + "lead: alpha\n"
            yield f"def-{label}", text
        elif label in ("second-doc",):
            yield f"def-{label}", base + tail
        else:
            yield f"def-{label}", base + tail
    yield "def-members-one", base.replace(
        "  - id: beta\n    name: 乙大学党委\n    kind: university\n    level: 党总支\n", "")
    listed = base[base.index("  - id: alpha"):base.index("lead:")]
    yield "def-members-none", _replace_value(base.replace(listed, ""), "members", "[]")
    yield "def-gbk", base.encode("gbk")
    yield "def-utf16", base.encode("utf-16")
    yield "def-latin1-byte", base.encode("utf-8") + b"venue: \xff\n"
    yield "def-top-list", "- id: demo\n- name: x\n"
    yield "def-top-scalar", "just some text\n"
    yield "def-top-number", "42\n"


def _record_cases(base: str, prefix: str, fields: dict[str, list[str]]) -> Iterator[Case]:
    for key, values in fields.items():
        for n, value in enumerate(values):
            yield f"{prefix}-{key}-{n}", _replace_value(base, key, value)
    common = {
        "unknown-key": "venu: x\n",
        "duplicate-key": "date: 2024-04-02\n",
        "number-float": "number: 1.0\n",
        "number-other": "number: 7\n",
        "number-text": "number: 一\n",
        "number-huge": "number: 100000\n",
        "anchor": "recorder: &r 王\nsummary: *r\n",
        "python-tag": "summary: !!python/name:os.system\n",
        "conflict": "<<<<<<< HEAD\nsummary: a\n=======\nsummary: b\n>>>>>>> x\n",
        "unclosed-quote": 'recorder: "王\n',
        "tab": "recorder:\n\t王\n",
        "second-doc": "---\ndate: 2024-04-02\n",
        "nul": "recorder: a\x00\n",
        "deep": "recorder: " + "[" * 80 + "]" * 80 + "\n",
        "bigint": "recorder: " + "7" * 4400 + "\n",
    }
    for label, tail in common.items():
        yield f"{prefix}-{label}", base + tail
    yield f"{prefix}-gbk", base.encode("gbk")
    yield f"{prefix}-top-list", "- date: 2024-04-01\n"
    yield f"{prefix}-top-scalar", "会议\n"


def records() -> Iterator[tuple[str, str, str | bytes]]:
    """(meeting|activity, name, content)."""
    meeting_fields = {
        "date": ["2024-02-30", "明天", "[2024-04-01]", "1900-01-01", "2999-01-01", "null",
                 "2024-02-01"],
        "time": ['"25:00"', '"14:61"', "下午", "[14, 30]"],
        "venue": ["{a: 1}", "[a]", '"x\\u0002"'],
        "chair": ["[张三]", '"' + "x" * 300_000 + '\u0003"'],
        "host": ["gamma", "Alpha", "[alpha]"],
        "topics": ["议题", "{a: b}", "[[a]]"],
        "summary": ["[a]", "{a: b}"],
    }
    for name, text in _record_cases(MEETING, "meeting", meeting_fields):
        yield "meeting", name, text
    meeting_lists = {
        "attendee-unknown": ("  - member: beta\n", "  - member: gamma\n"),
        "attendee-no-member": ("  - member: beta\n", "  - names: [王五]\n"),
        "attendee-names-text": ("    names: [张三, 李四]\n", "    names: 张三\n"),
        "decision-owner-unknown": ("    owner: alpha\n", "    owner: gamma\n"),
        "decision-no-owner": ("    owner: alpha\n", ""),
        "decision-due-bad": ("    due: 2024-04-30\n", "    due: 2024-04-31\n"),
        "decision-due-before": ("    due: 2024-04-30\n", "    due: 2024-03-01\n"),
        "decision-blank": ("  - text: 建立联络员制度\n", "  - text: '   '\n"),
        "decision-done-bad": ("    due: 2024-04-30\n", "    due: 2024-04-30\n    done: yes\n"),
        "decision-done-early": ("    due: 2024-04-30\n",
                                "    due: 2024-04-30\n    done:\n      date: 2024-01-01\n"),
        "decision-extra": ("    owner: alpha\n", "    owner: alpha\n    owners: beta\n"),
    }
    for label, (old, new) in meeting_lists.items():
        yield "meeting", f"meeting-{label}", MEETING.replace(old, new)
    activity_fields = {
        "kind": ["party", "[study]", "null", '"' + "k" * 300_000 + '"'],
        "date": ["2024-02-30", "昨天", "1800-01-01"],
        "host": ["gamma", "Alpha"],
        "members": ["[alpha, gamma]", "alpha", "[[alpha]]"],
        "headcount": ["-1", "1000001", "2.5", "三十", "9" * 4301],
        "outcomes": ["成果", "{a: b}"],
    }
    for name, text in _record_cases(ACTIVITY, "activity", activity_fields):
        yield "activity", name, text


def write_corpus(folder: Path) -> int:
    """Write the corpus as files below ``folder``; the number written."""
    count = 0
    for name, content in definitions():
        path = folder / "definitions" / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        count += 1
    for kind, name, content in records():
        path = folder / {"meeting": "meetings", "activity": "activities"}[kind] / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        count += 1
    return count


if __name__ == "__main__":
    print(write_corpus(Path(sys.argv[1])), "files written")
