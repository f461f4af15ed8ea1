"""pbctl benchmarks: whole commands, timed against baselines measured in the same run.

Machines are noisy, so only ratios count: every case is timed next to its baseline
(interleaved, after a warm-up) and the table shows both medians and their ratio.

    python bench/bench.py                  # every case
    python bench/bench.py --only check-1000 --runs 9
    python bench/bench.py --list

To add a case, call ``register(...)`` below with a command (an argv list) or a Python
callable, the name of its baseline, and a target (see ``Target``). Data a case needs is
made by its ``setup`` function under bench/.work/ (git-ignored) and reused across runs.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
BIN = Path(sys.executable).parent  # the venv's bin/ when run as `.venv/bin/python bench/bench.py`
PYTHON = sys.executable

Runnable = Sequence[str] | Callable[[], object]


@dataclass(frozen=True)
class Target:
    """What PASS means: ``ratio <= max_ratio`` and, if given, ``median <= max_seconds``."""

    max_ratio: float
    max_seconds: float | None = None
    text: str = ""

    def met(self, median: float, ratio: float) -> bool:
        return ratio <= self.max_ratio and (self.max_seconds is None
                                            or median <= self.max_seconds)

    def describe(self) -> str:
        if self.text:
            return self.text
        out = f"<= {self.max_ratio:g}x"
        return out + (f", <= {self.max_seconds:g} s" if self.max_seconds is not None else "")


@dataclass(frozen=True)
class Case:
    name: str
    run: Runnable  # an argv list (run as a process) or a callable (called in this process)
    baseline: str | None = None  # name of another case, timed alongside this one
    target: Target | None = None
    setup: Callable[[], None] | None = None
    about: str = ""
    runs: int | None = None  # default timed runs for this case (--runs overrides)


CASES: dict[str, Case] = {}


def register(name: str, run: Runnable, baseline: str | None = None,
             *, target: Target | None = None, setup: Callable[[], None] | None = None,
             about: str = "", runs: int | None = None) -> None:
    """Add a case: ``run`` is timed; ``baseline`` names the case it is compared with."""
    CASES[name] = Case(name, run, baseline, target, setup, about, runs)


# ------------------------------------------------------------------------- timing


def _once(runnable: Runnable) -> float:
    start = time.perf_counter()
    if callable(runnable):
        runnable()
        return time.perf_counter() - start
    proc = subprocess.run(list(runnable), capture_output=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:  # timing a failing command would mean nothing
        raise SystemExit(f"bench: {' '.join(runnable)[:200]} … exited {proc.returncode}:\n"
                         + (proc.stdout + proc.stderr).decode(errors="replace")[-2000:])
    return elapsed


def compile_bytecode(package: Path) -> None:
    """Byte-compile a copy of the pbctl package, as pip does when it installs the wheel.

    The baselines' libraries in site-packages are compiled at install; pbctl's own modules
    in a checkout are not, and where ``PYTHONDONTWRITEBYTECODE`` is set (as in the sessions
    that work on pbctl) Python would compile every module a command imports from source on
    every timed run (~40 ms for ``render``), which no installed pbctl does. compileall
    writes the cache even then, and leaves an up-to-date one alone."""
    import compileall

    compileall.compile_dir(str(package), quiet=1)


def time_pair(case: Case, baseline: Case | None, runs: int, warmup: int
              ) -> tuple[list[float], list[float]]:
    """Interleave case and baseline runs so drift in machine load hits both alike."""
    mine, theirs = case.run, baseline.run if baseline else None
    for _ in range(warmup):
        _once(mine)
        if theirs is not None:
            _once(theirs)
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(_once(mine))
        if theirs is not None:
            b.append(_once(theirs))
    return a, b


# ------------------------------------------------------------------- generated data

DEFS_COUNT = 1000
DEFS_DIR = WORK / f"defs-{DEFS_COUNT}"
SCHEMA = WORK / "alliance.schema.json"
_GENERATOR_VERSION = "2"

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"]
_PLACES = ["青秀", "兴宁", "江南", "西乡塘", "良庆", "邕宁", "武鸣", "柳南", "城中", "鱼峰"]
_UNITS = [
    ("enterprise", "有限公司", "党委"), ("enterprise", "集团", "党委"),
    ("university", "职业技术学院", "党委"), ("university", "大学化学化工学院", "党总支"),
    ("government", "市场监督管理局", "党组"), ("institution", "检验检测中心", "党支部"),
    ("association", "商会", "党支部"), ("community", "社区", "党支部"),
    ("enterprise", "供电局", "党委"), ("other", "律师事务所", "联合党支部"),
]
_AREAS = ["共学政治理论", "共享党建阵地", "共办实践活动", "共带党员队伍", "共抓廉政建设",
          "产学研协同创新", "共育人才", "共解难题"]
_ITEMS = ["联合开展理论学习，轮流讲授专题党课", "党建阵地互相开放，共同用于主题党日",
          "组织党员干部互访观摩，交流经验做法", "设立党员先锋岗，发挥先锋模范作用",
          "联合开展警示教育，推进清廉建设", "共建实训基地，联合培养技术技能人才",
          "围绕企业需求开展技术攻关", "建立问题清单，定期会商解决"]


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.sample(_GIVEN, rng.choice((1, 2))))


def _definition(i: int, rng: random.Random) -> str:
    """One realistic alliance definition (~10 members, groups, pairings, areas)."""
    place = rng.choice(_PLACES)
    n = rng.randint(8, 14)
    members = []
    for m in range(n):
        kind, suffix, level = _UNITS[(m + i) % len(_UNITS)]
        unit = f"{place}{'甲乙丙丁戊己庚辛壬癸子丑寅卯'[m]}{suffix}"
        members.append((f"m{m + 1:02d}", unit + level, unit, kind, level))
    ids = [m[0] for m in members]
    y = rng.randint(2018, 2025)
    lines = [
        f"# Generated benchmark definition {i:04d}",
        f"id: bench-{i:04d}",
        f"name: {place}产业链党建联建第{i}号",
        f"short_name: {place}党建联建",
        "theme: 党建引领聚合力 产业发展谱新篇",
        f"founded: {y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"venue: {members[0][2]}会议室",
        "principles:", "  - 优势互补", "  - 注重实效", "  - 互利共赢", "  - 共同发展",
        "goals:", "  - 推动党建与业务深度融合", "  - 助力区域产业高质量发展",
        "areas:",
    ]
    for area in rng.sample(_AREAS, rng.randint(4, 6)):
        lines += [f"  - name: {area}", "    items:"]
        lines += [f"      - {item}" for item in rng.sample(_ITEMS, rng.randint(2, 3))]
    lines.append("members:")
    for mid, name, unit, kind, level in members:
        secretary = _person(rng)
        lines += [
            f"  - id: {mid}", f"    name: {name}", f"    organization: {unit}",
            f"    kind: {kind}", f"    level: {level}", f"    secretary: {secretary}",
            "    contact:", f"      name: {_person(rng)}",
            f'      phone: "0771-{rng.randint(1000000, 9999999)}"',
            f"      email: {mid}@example.org",
        ]
    lines += [f"lead: {ids[0]}", f"secretariat: {ids[1]}", "convener: rotating",
              "meetings:", "  frequency: quarterly",
              "term:", f"  start: {y + 1}-01-01", "  years: 3", "groups:"]
    half = n // 2
    for g, chunk in enumerate((ids[:half], ids[half:])):
        lines += [f"  - id: group-{g + 1}", f"    name: 第{'一二'[g]}联组",
                  f"    members: [{', '.join(chunk)}]", f"    lead: {chunk[0]}",
                  "    duties:", "      - 组织联组活动"]
    lines.append("pairings:")
    for p in range(rng.randint(3, min(5, n // 2))):
        a, b = ids[p], ids[-1 - p]
        lines.append(f"  - [{a}, {b}]" if p % 2 else f"  - {{a: {a}, b: {b}, note: 结对共建}}")
    lines += ["witnesses:", f"  - name: {_person(rng)}", f"    title: {place}区委组织部部长",
              "projects:", "  - 红色领航工程", f"  - name: 党员先锋岗\n    owner: {ids[2]}",
              "lists:", "  resources: [党建阵地, 实训基地]", "  services: [政策宣讲, 技术咨询]",
              "  needs: [人才培养, 技术攻关]",
              "ceremony:", f"  date: {y}-12-20", f"  venue: {members[0][2]}"]
    return "\n".join(lines) + "\n"


DEFINITIONS = [DEFS_DIR / "alliances" / f"bench-{i:04d}" / "alliance.yaml"
               for i in range(DEFS_COUNT)]


def make_definitions() -> None:
    stamp = DEFS_DIR / ".stamp"
    if stamp.is_file() and stamp.read_text() == _GENERATOR_VERSION:
        return
    shutil.rmtree(DEFS_DIR, ignore_errors=True)
    rng = random.Random(20241203)
    for i, path in enumerate(DEFINITIONS):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_definition(i, rng), encoding="utf-8")
    stamp.write_text(_GENERATOR_VERSION)


def export_schema() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    schema = subprocess.run([str(BIN / "pbctl"), "schema"], capture_output=True, check=True)
    json.loads(schema.stdout)  # must be JSON
    SCHEMA.write_bytes(schema.stdout)


def setup_check() -> None:
    make_definitions()
    export_schema()


# -------------------------------------------------------------------------- cases

register("import-click", [PYTHON, "-c", "import click"],
         about="baseline: start the interpreter and import click")
register("help", [str(BIN / "pbctl"), "--help"], "import-click",
         target=Target(1.3), about="`pbctl --help`: start-up cost of the CLI")
register("check-jsonschema-1000",
         [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA), *map(str, DEFINITIONS)],
         setup=setup_check,
         about="baseline: check-jsonschema with pbctl's exported schema, same 1,000 files")
register("check-1000", [str(BIN / "pbctl"), "check", *map(str, DEFINITIONS)],
         "check-jsonschema-1000", setup=setup_check,
         target=Target(1.0, 2.0, "< 1x, < 2 s"), runs=3,
         about="`pbctl check` over 1,000 generated definitions (~10 members each)")


# Render: one document end to end (validate, template, parse, lay out, write) against a bare
# python-docx script writing the same paragraphs.
EXAMPLE = ROOT / "examples" / "health-chain" / "alliance.yaml"
RENDER_OUT = WORK / "render"
PARAGRAPHS = RENDER_OUT / "paragraphs.json"


def setup_render() -> None:
    RENDER_OUT.mkdir(parents=True, exist_ok=True)
    out = RENDER_OUT / "reference.docx"
    subprocess.run([str(BIN / "pbctl"), "render", "agreement", str(EXAMPLE), "-o", str(out)],
                   check=True, capture_output=True)
    text = subprocess.run([PYTHON, "-c", "import sys, docx; print('\\n'.join(p.text for p in "
                           "docx.Document(sys.argv[1]).paragraphs))", str(out)],
                          check=True, capture_output=True, text=True).stdout
    PARAGRAPHS.write_text(json.dumps(text.splitlines(), ensure_ascii=False), encoding="utf-8")


register("bare-python-docx", [PYTHON, str(ROOT / "bench" / "bare_docx.py"), str(PARAGRAPHS),
                              str(RENDER_OUT / "bare.docx")], setup=setup_render,
         about="baseline: a bare python-docx script writing the agreement's paragraphs")
register("render-agreement", [str(BIN / "pbctl"), "render", "agreement", str(EXAMPLE), "-o",
                              str(RENDER_OUT / "agreement.docx")], "bare-python-docx",
         setup=setup_render, target=Target(4.0, text="<= 4x (guard)"),
         about="`pbctl render agreement` of an example, end to end")


def _register_module(module: str) -> None:
    """Cases contributed by bench/<module>.py as dicts (records, tracking, sync)."""
    import importlib

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        cases = importlib.import_module(module).cases()
    except ModuleNotFoundError:
        return
    for case in cases:
        target = Target(case["max_ratio"]) if "max_ratio" in case else None
        register(case["name"], case["run"], case.get("baseline"), target=target,
                 setup=case.get("setup"), about=case.get("about", ""), runs=case.get("runs"))


for _module in ("bench_records", "bench_tracking", "bench_sync", "bench_git", "bench_verify",
                "bench_scale"):
    _register_module(_module)


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only this case (and its baseline); repeatable")
    parser.add_argument("--runs", type=int, default=None,
                        help="timed runs per case (default 5, or the case's own)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any target is missed")
    args = parser.parse_args(argv)

    measured = [c for c in CASES.values() if c.baseline is not None or c.target is not None]
    if args.list:
        for c in CASES.values():
            print(f"{c.name:24} {('vs ' + c.baseline) if c.baseline else '':28} {c.about}")
        return 0
    if args.only:
        unknown = [n for n in args.only if n not in CASES]
        if unknown:
            parser.error(f"unknown case {', '.join(unknown)}; see --list")
        measured = [CASES[n] for n in args.only]
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")

    compile_bytecode(ROOT / "pbctl")
    rows = []
    done: set[Callable[[], None]] = set()
    for case in measured:
        baseline = CASES[case.baseline] if case.baseline else None
        for setup in (case.setup, baseline.setup if baseline else None):
            if setup is not None and setup not in done:
                setup()
                done.add(setup)
        runs = args.runs or case.runs or 5
        print(f"timing {case.name}" + (f" vs {baseline.name}" if baseline else "")
              + f" ({runs} runs after {args.warmup} warm-up)...", file=sys.stderr, flush=True)
        mine, theirs = time_pair(case, baseline, runs, args.warmup)
        rows.append((case, statistics.median(mine),
                     statistics.median(theirs) if theirs else None))

    header = ("case", "median s", "baseline", "median s", "ratio", "target", "result")
    table = [header]
    missed = False
    for case, med, base in rows:
        ratio = med / base if base else None
        if case.target is not None and ratio is not None:
            ok = case.target.met(med, ratio)
            missed |= not ok
            result, target = ("PASS" if ok else "MISS"), case.target.describe()
        else:
            result, target = "-", "-"
        table.append((case.name, f"{med:.3f}", case.baseline or "-",
                      f"{base:.3f}" if base else "-",
                      f"{ratio:.2f}x" if ratio is not None else "-", target, result))
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
