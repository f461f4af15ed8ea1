"""Benchmark cases for the git layer: ``pbctl history`` over 1,000 revisions and ``pbctl
verify`` over 200 signed files, each against what git (or coreutils) alone would take.

* ``history-1000``: ``pbctl history demo`` in a workspace whose definition has 1,000
  revisions (commits with pbctl's subjects and trailers). Baseline ``git-log-1000``: a bare
  ``git log`` of the same file with the same fields. pbctl runs one ``git log`` too; the
  ratio is the price of Python's start-up, loading the registry and formatting.
* ``verify-200``: ``pbctl verify`` over 50 alliances × 4 signed documents (~30 KB each):
  every file's sha256, and every file in its tagged commit, read through GitPython's
  persistent ``cat-file`` (one process, not one per tag). Baseline ``sha256sum-200``:
  ``sha256sum`` of the same 200 files. Target ≤ 2×.

Each is also timed against the previous git layer (a subprocess per git call, before
GitPython): ``history-1000-prev`` and ``verify-200-prev`` run the same command with the
``pbctl`` package of commit ``PREVIOUS`` (extracted with ``git archive`` into bench/.work/,
imported ahead of the installed one; same interpreter and dependencies), and
``history-1000-now`` / ``verify-200-now`` are the current command measured against them.

Both workspaces are made once with ``git fast-import`` (commits, files and annotated tags
in one stream) under bench/.work/ and reused while their stamp is current. Interface as in
bench_records.py (``cases()``); standalone: ``python bench/bench_git.py`` builds and prints
the medians.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
BIN = Path(sys.executable).parent
PBCTL = str(BIN / "pbctl")
REVISIONS = 1_000
ALLIANCES = 50
KINDS = ("agreement", "charter", "integrity-pact", "minutes-001")
_VERSION = "1"
#: the last commit with the subprocess git layer
PREVIOUS = "cb38dbf"
PREV_DIR = WORK / f"pbctl-{PREVIOUS}"
_WHO = "bench <bench@localhost>"

ALLIANCE = """\
id: {id}
name: 第{n}基准测试产业链党建联建
founded: 2020-01-01
members:
- id: m01
  name: 第一党支部{revision}
- id: m02
  name: 第二党支部
lead: m01
"""


def _env() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C", "NO_COLOR": "1"}


def _git(root: Path, *args: str, input: bytes | None = None) -> str:
    return subprocess.run(["git", "-C", str(root), *args], env=_env(), check=True,
                          capture_output=True, input=input).stdout.decode().strip()


def _data(text: str | bytes) -> bytes:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return b"data %d\n" % len(raw) + raw + b"\n"


def _fresh(name: str) -> Path | None:
    """The workspace ``name`` if already built by this version; else None (emptied)."""
    root = WORK / name
    stamp = root / ".git" / "bench-stamp"
    if stamp.is_file() and stamp.read_text() == _VERSION:
        return root
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    subprocess.run([PBCTL, "init", str(root)], check=True, capture_output=True, env=_env())
    return None


def _finish(root: Path, stream: bytes) -> None:
    _git(root, "fast-import", "--quiet", "--force", input=stream)
    _git(root, "reset", "-q", "--hard", "main")
    (root / ".git" / "bench-stamp").write_text(_VERSION)


def setup_history() -> None:
    """One alliance whose definition has REVISIONS revisions, as ``pbctl new``/edits make."""
    if _fresh("history-1000") is not None:
        return
    root = WORK / "history-1000"
    parent = _git(root, "rev-parse", "HEAD")
    out = bytearray()
    for i in range(1, REVISIONS + 1):
        message = (f"edit(demo): alliance definition, revision {i}\n\n"
                   f"修订第{i}稿\n\nPbctl-Alliance: demo\n")
        out += f"commit refs/heads/main\nmark :{i}\n".encode()
        out += f"committer {_WHO} {1_700_000_000 + i * 60} +0800\n".encode()
        out += _data(message)
        out += f"from {parent}\n".encode() if i == 1 else f"from :{i - 1}\n".encode()
        out += b"M 100644 inline alliances/demo/alliance.yaml\n"
        out += _data(ALLIANCE.format(id="demo", n=1, revision=i))
    _finish(root, bytes(out))


def setup_verify() -> None:
    """ALLIANCES alliances × KINDS documents, each signed (records.yaml entry and tag)."""
    if _fresh("verify-200") is not None:
        return
    root = WORK / "verify-200"
    parent = _git(root, "rev-parse", "HEAD")
    rng = random.Random(9)
    files = bytearray()
    tags = bytearray()
    for n in range(1, ALLIANCES + 1):
        aid = f"a{n:03d}"
        registry = ["documents:"]
        for kind in KINDS:
            data = rng.randbytes(30_000)
            digest = hashlib.sha256(data).hexdigest()
            tag = f"{aid}/{kind}/signed-r1"
            registry += [f"  {kind}:", f"    file: {kind}.docx", "    revision: 1",
                         f"    sha256: {digest}", "    date: 2024-12-01", "    signed:",
                         "    - revision: 1", "      date: 2024-12-03",
                         f"      sha256: {digest}", f"      tag: {tag}"]
            files += f"M 100644 inline alliances/{aid}/documents/{kind}.docx\n".encode()
            files += _data(data)
            tags += f"tag {tag}\nfrom :1\ntagger {_WHO} 1733200000 +0800\n".encode()
            tags += _data(f"{aid} {kind} r1 signed 2024-12-03\n\nsha256 {digest}\n")
        files += f"M 100644 inline alliances/{aid}/alliance.yaml\n".encode()
        files += _data(ALLIANCE.format(id=aid, n=n, revision=""))
        files += f"M 100644 inline alliances/{aid}/records.yaml\n".encode()
        files += _data("\n".join(registry) + "\n")
    head = (f"commit refs/heads/main\nmark :1\ncommitter {_WHO} 1733200000 +0800\n"
            .encode() + _data("sign: bench documents\n") + f"from {parent}\n".encode())
    _finish(root, head + bytes(files) + bytes(tags))


def setup_previous() -> None:
    """The ``pbctl`` package as it was at PREVIOUS, once, byte-compiled as the current one
    is (bench.compile_bytecode)."""
    import compileall

    if not (PREV_DIR / "pbctl" / "__main__.py").is_file():
        shutil.rmtree(PREV_DIR, ignore_errors=True)
        PREV_DIR.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", PREVIOUS, "pbctl"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(PREV_DIR)], input=archive, check=True)
    compileall.compile_dir(str(PREV_DIR / "pbctl"), quiet=1)


def previous(*args: str) -> list[str]:
    """``pbctl args…`` run with the package of PREVIOUS."""
    code = (f"import sys; sys.path.insert(0, {str(PREV_DIR)!r}); import pbctl; "
            f"assert pbctl.__file__.startswith({str(PREV_DIR)!r}); "
            "from pbctl.cli import main; sys.argv[0] = 'pbctl'; main()")
    return [sys.executable, "-c", code, *args]


def _both() -> None:
    setup_previous()
    setup_history()
    setup_verify()


def documents() -> list[str]:
    return [str(WORK / "verify-200" / "alliances" / f"a{n:03d}" / "documents" / f"{k}.docx")
            for n in range(1, ALLIANCES + 1) for k in KINDS]


def cases() -> list[dict[str, Any]]:
    history = WORK / "history-1000"
    log_format = "--format=%H%x1f%ct%x1f%cs%x1f%an%x1f%s%x1f%b%x1e"
    return [
        {"name": "git-log-1000",
         "run": ["git", "-C", str(history), "log", log_format, "--",
                 "alliances/demo/alliance.yaml"],
         "setup": setup_history,
         "about": "baseline: bare `git log` of a definition with 1,000 revisions"},
        {"name": "history-1000", "run": [PBCTL, "-C", str(history), "history", "demo"],
         "baseline": "git-log-1000", "setup": setup_history,
         "about": "`pbctl history` of a definition with 1,000 revisions"},
        {"name": "sha256sum-200", "run": ["sha256sum", *documents()], "setup": setup_verify,
         "about": "baseline: `sha256sum` of 200 signed files (~30 KB each)"},
        {"name": "verify-200", "run": [PBCTL, "-C", str(WORK / "verify-200"), "verify"],
         "baseline": "sha256sum-200", "setup": setup_verify, "max_ratio": 2.0,
         "about": "`pbctl verify` of 200 signed files: the files and their tagged commits"},
        {"name": "history-1000-prev", "run": previous("-C", str(history), "history", "demo"),
         "setup": _both, "about": f"baseline: `pbctl history` of 1,000 revisions at {PREVIOUS}"},
        {"name": "history-1000-now", "run": [PBCTL, "-C", str(history), "history", "demo"],
         "baseline": "history-1000-prev", "setup": _both, "max_ratio": 1.25,
         "about": "`pbctl history` of 1,000 revisions, against the previous git layer"},
        {"name": "verify-200-prev", "run": previous("-C", str(WORK / "verify-200"), "verify"),
         "setup": _both, "about": f"baseline: `pbctl verify` of 200 signed files at {PREVIOUS}"},
        {"name": "verify-200-now", "run": [PBCTL, "-C", str(WORK / "verify-200"), "verify"],
         "baseline": "verify-200-prev", "setup": _both, "max_ratio": 1.25,
         "about": "`pbctl verify` of 200 signed files, against the previous git layer"},
    ]


def main() -> int:
    for case in cases():
        case["setup"]()
        runs = []
        for i in range(6):
            start = time.perf_counter()
            subprocess.run(case["run"], check=True, capture_output=True, env=_env())
            if i:
                runs.append(time.perf_counter() - start)
        print(f"{case['name']:16} median {statistics.median(runs):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
