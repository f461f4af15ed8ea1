"""Every seed end to end: its example, with its event, recorded in a workspace; the minutes
or activity record, the ledger (.docx and .xlsx) and the year-end report hold what the
report tells — leaders with their titles, the headcount, the sites visited, the speeches by
people who are not members — and no title repeats the alliance's name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
import pytest
from helpers import EXAMPLES, run_cli

from pbctl.definition.loading import load_alliance

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Seed:
    id: str
    kind: str  # meeting or activity
    year: int
    leaders: tuple[str, ...]  # as printed: title then name
    headcount: str
    sites: tuple[str, ...]
    guest_speeches: tuple[str, ...]  # unit + title + name of a non-member who spoke


SEEDS = [
    Seed("health-chain", "meeting", 2024,
         ("市产业集团党委委员、副总经理牟创", "广西科技大学党委副书记张发钦"), "40余人",
         ("两面针公司行政办公区党建阵地", "两面针公司警示教育室"),
         ("市产业集团党委委员、副总经理牟创",)),
    Seed("yunlong-construction", "activity", 2024,
         ("组织部部长宋丹萍",), "30人", (), ("参加活动的建筑企业负责人",)),
    Seed("dongfanghong-two-new", "activity", 2024,
         ("湘江新区政法工作部（社会工作部）部长，岳麓区委常委、政法委书记潘旺明",), "30余人",
         ("“中国V谷”马栏山视频文创产业园",),
         ("湘江新区政法工作部（社会工作部）部长，岳麓区委常委、政法委书记潘旺明",)),
    Seed("zhangjiang-promotion", "meeting", 2021,
         ("浦东新区区委常委、组织部部长谈上伟",
          "浦东新区区委组织部副部长、区社会工作党委书记徐可畏"), "100人", (),
         ("浦东新区区委组织部副部长、区社会工作党委书记徐可畏",)),
    Seed("anhui-env-association", "activity", 2023,
         ("界首市委组织部副部长刘治邦", "界首市高新区管委会副主任曹伟",
          "界首市生态环境分局局长贺强"), "近40人",
         ("中科莘阳", "华创环保", "高新区规划馆", "华铂新材料", "天能集团", "华铂科技"),
         ("界首市委组织部副部长刘治邦",)),
]


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines)


def xlsx_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows()
                     for cell in row if cell.value is not None)


@pytest.fixture(scope="module", params=SEEDS, ids=lambda s: s.id)
def recorded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[Seed, Path]:
    seed: Seed = request.param
    ws = tmp_path_factory.mktemp(seed.id) / "ws"
    folder = EXAMPLES / seed.id
    assert run_cli("init", str(ws)).exit_code == 0
    assert run_cli("-C", str(ws), "new", "alliance", "--from",
                   str(folder / "alliance.yaml")).exit_code == 0
    record = folder / ("meetings" if seed.kind == "meeting" else "activities") / "001.yaml"
    logged = run_cli("-C", str(ws), "log", seed.kind, seed.id, "--file", str(record))
    assert logged.exit_code == 0, logged.output
    if seed.kind == "meeting":
        args = ["render", "minutes", seed.id, "1"]
    else:
        args = ["render", "record", seed.id, "activity", "1"]
    for command in (args, ["render", "signin", seed.id, seed.kind, "1"],
                    ["render", "all", seed.id],
                    ["ledger", seed.id, "--year", str(seed.year)],
                    ["report", seed.id, "--year", str(seed.year)]):
        result = run_cli("-C", str(ws), *command)
        assert result.exit_code == 0, f"{command}\n{result.output}"
    return seed, ws / "alliances" / seed.id / "documents"


def event_document(seed: Seed, documents: Path) -> Path:
    name = "minutes-001" if seed.kind == "meeting" else "record-activity-001"
    return documents / f"{name}.docx"


def test_the_event_record_tells_the_event(recorded: tuple[Seed, Path]) -> None:
    seed, documents = recorded
    text = docx_text(event_document(seed, documents))
    for leader in seed.leaders:
        assert leader in text
    assert seed.headcount in text
    for site in seed.sites:
        assert site in text
    for speaker in seed.guest_speeches:
        assert f"{speaker}讲话" in text


def test_no_title_repeats_the_alliance_name(recorded: tuple[Seed, Path]) -> None:
    seed, documents = recorded
    alliance = load_alliance(EXAMPLES / seed.id / "alliance.yaml")
    for path in sorted(documents.glob("*.docx")):
        title = docx.Document(str(path)).paragraphs[0].text
        assert title.count(alliance.name) <= 1, f"{path.name}: {title}"
        if alliance.short_name:
            assert title.count(alliance.short_name) <= 1, f"{path.name}: {title}"


def test_the_ledger_holds_guests_sites_headcount_and_speeches(
        recorded: tuple[Seed, Path]) -> None:
    seed, documents = recorded
    for text in (docx_text(documents / f"ledger-{seed.year}.docx"),
                 xlsx_text(documents / f"ledger-{seed.year}.xlsx")):
        for leader in seed.leaders:
            assert leader in text
        assert seed.headcount in text
        for site in seed.sites:
            assert site in text
        for speaker in seed.guest_speeches:
            assert speaker in text
        assert ("会议纪要" if seed.kind == "meeting" else "活动记录") in text


def test_the_report_holds_the_event(recorded: tuple[Seed, Path]) -> None:
    seed, documents = recorded
    text = docx_text(documents / f"report-{seed.year}.docx")
    assert seed.leaders[0] in text
    assert seed.headcount in text
    for site in seed.sites:
        assert site in text
    for speaker in seed.guest_speeches:
        assert speaker in text


def test_only_the_documents_kept_are_rendered(recorded: tuple[Seed, Path]) -> None:
    seed, documents = recorded
    alliance = load_alliance(EXAMPLES / seed.id / "alliance.yaml")
    for kind in ("charter", "agreement", "integrity-pact"):
        assert (documents / f"{kind}.docx").is_file() == (kind in alliance.documents)
