"""The news release and the brief of every seed's event: the facts of the record, said as a
release says them (headline, lead, body in agenda order, closing, review block); and, for
seed 000, the facts of the hand-written report itself."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import docx
import pytest
from helpers import EXAMPLES, run_cli, trust_templates
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    commit_count,
    isolated_git,
    records_workspace,
)

from pbctl.definition.loading import load_alliance
from pbctl.definition.model import Activity, Alliance, Meeting
from pbctl.definition.workspace import Workspace
from pbctl.records.event_documents import load_event
from pbctl.rendering.events import document_title, headcount_text
from pbctl.rendering.news import BRIEF_MAX, BRIEF_MIN, HEADLINE_MAX, NewsOptions
from pbctl.rendering.news_render import news_text
from pbctl.rendering.news_words import EVENT_WORDS, length

SEEDS = sorted(p.name for p in EXAMPLES.iterdir() if (p / "alliance.yaml").exists())
RELEASE = dt.date(2024, 12, 4)
PLACEHOLDERS = ("××", "XX", "xx", "{{", "}}", "TODO", "None", "待定", "某某")


def seed_event(seed: str) -> tuple[Alliance, Meeting | Activity]:
    source = EXAMPLES / seed / "alliance.yaml"
    alliance = load_alliance(source)
    record_kind = "meeting" if (EXAMPLES / seed / "meetings").exists() else "activity"
    return alliance, load_event(alliance, source, record_kind, 1)


def release(seed: str, **options: object) -> str:
    alliance, event = seed_event(seed)
    opts = NewsOptions(date=RELEASE, **options)  # type: ignore[arg-type]
    return news_text(alliance, event, opts, "txt")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def persons(event: Meeting | Activity) -> list[tuple[str, str]]:
    """(title, name) of everyone the record names with a title."""
    people = [(p.title or "", p.name) for a in event.attendees for p in a.names]
    people += [(g.title or "", g.name) for g in event.guests]
    return [(t, n) for t, n in people if t]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_release_holds_every_fact_of_the_record(seed: str) -> None:
    alliance, event = seed_event(seed)
    text = release(seed)
    members = {m.id: m for m in alliance.members}
    for attendance in event.attendees:
        assert members[attendance.member].name in text, attendance.member
    for title, name in persons(event):
        assert f"{title}{name}" in text, (title, name)
    assert f"{headcount_text(event.headcount)}参加" in text
    for name in event.signed:
        assert f"《{document_title(alliance, name)}》" in text, name
    for site in event.sites:
        assert site.name in text
    day = f"{event.date.month}月{event.date.day}日"
    lead = paragraphs(text)[1]
    assert day in lead and (event.where or "") in lead
    if event.date.year != RELEASE.year:
        assert lead.startswith(f"{event.date.year}年")
    else:
        assert lead.startswith(day)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_release_reads_as_a_release(seed: str) -> None:
    alliance, _ = seed_event(seed)
    text = release(seed)
    headline = paragraphs(text)[0]
    assert length(headline) <= HEADLINE_MAX
    assert any(word in headline for word in EVENT_WORDS), headline
    assert not any(p in text for p in PLACEHOLDERS), text
    assert not re.search(r"[A-Za-z]{2,}", text), re.findall(r"[A-Za-z]{2,}", text)
    for name in {alliance.name, alliance.label}:
        assert name + name not in text
    assert "。。" not in text and "，，" not in text and "，。" not in text
    assert release(seed) == text  # the same record gives the same text


@pytest.mark.parametrize(("seed", "headline"), [
    ("health-chain", "“产学研融通赋能大健康产业创新链”党建联建签约揭牌仪式举行"),
    ("zhangjiang-promotion", "张江科学城区域化党建促进会暨张江科学城特色产业园党委成立"),
    ("dongfanghong-two-new", "“聚势创新蓝 奋进东方红”党建观摩暨两新党建座谈会举行"),
    ("anhui-env-association", "协会党支部赴界首高新区开展党建共建与治理需求观摩座谈对接活动"),
])
def test_the_headline_says_what_happened(seed: str, headline: str) -> None:
    assert paragraphs(release(seed))[0] == headline


def test_speakers_are_introduced_once_then_named() -> None:
    text = release("health-chain")
    assert text.count("两面针公司党委书记、董事长林钻煌") == 1
    assert "林钻煌表示，两面针公司作为此次党建联建的“链主”单位" in text
    assert text.count("市产业集团党委委员、副总经理牟创") == 1
    assert ("并就下一步工作提出三点建议和希望：一是要提高站位，充分认识“三链”党建的重要意义；"
            "二是要明确任务") in text
    # organizations: full name at first mention, short name after
    assert text.index("柳州两面针股份有限公司党委") < text.index("两面针公司党委书记")
    assert text.count("柳州两面针股份有限公司党委") == 1


def test_the_body_follows_the_agenda() -> None:
    text = release("health-chain")
    order = ["审议通过了《", "共同为“", "牟创指出", "随后，党建联建成员单位召开第一次党建联席会议",
             "林钻煌表示", "观看了《针行天下 廉创未来》", "两面针公司警示教育室"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    # the closing paragraph is drawn from the alliance's goals, not invented
    closing = paragraphs(text)[-7]
    assert closing.startswith("下一步，") and "促进中药技术在日化产品中的研发应用" in closing


#: The facts of seed 000 (the hand-written report, 2024-12-04), written down as the report
#: states them: every one of them the record holds must appear in pbctl's release.
SEED_000 = {
    "organizations": ["柳州两面针股份有限公司党委", "广西科技大学生物与化学工程学院党委",
                      "柳州市质量检验检测研究中心党总支"],
    "people": ["市产业集团党委委员、副总经理牟创", "广西科技大学党委副书记张发钦",
               "两面针公司党委书记、董事长林钻煌", "广西科大生化学院党委书记陈志波",
               "柳州市质检中心党总支书记刘永逸"],
    "documents": ["《产学研融通赋能大健康产业创新链黨建聯建章程》",
                  "《产学研融通赋能大健康产业创新链党建联建协议书》",
                  "《产学研融通赋能大健康产业创新链党建联建党风廉政建设共建协议书》"],
    "count": "共40余人",
    "date": "12月3日上午",
    "place": "两面针学堂",
    "theme": "“产学研融通赋能大健康产业创新链”党建联建签约揭牌仪式暨第一次党建联席会议",
    "plaque": "为“产学研融通赋能大健康产业创新链党建联建”揭牌",
    "film": "《针行天下 廉创未来》",
    "sites": ["两面针公司行政办公区党建阵地", "警示教育室"],
}


def test_the_release_of_seed_000_holds_the_facts_of_the_report() -> None:
    text = release("health-chain")
    facts = [*SEED_000["organizations"], *SEED_000["people"], *SEED_000["sites"],
             *(d.replace("黨建聯建", "党建联建") for d in SEED_000["documents"]),
             SEED_000["count"], SEED_000["date"], SEED_000["place"], SEED_000["theme"],
             SEED_000["plaque"], SEED_000["film"]]
    missing = [fact for fact in facts if fact not in text]
    assert missing == []
    assert paragraphs(text)[1].startswith(
        "12月3日上午，“产学研融通赋能大健康产业创新链”党建联建签约揭牌仪式暨第一次党建联席会议"
        "在两面针学堂举行。")


def test_the_year_is_said_when_it_differs_from_the_release_date() -> None:
    alliance, event = seed_event("health-chain")
    text = news_text(alliance, event, NewsOptions(date=dt.date(2025, 1, 6)), "txt")
    assert paragraphs(text)[1].startswith("2024年12月3日上午，")
    span = release("anhui-env-association")
    assert paragraphs(span)[1].startswith("2023年2月24日至25日，")


@pytest.mark.parametrize("seed", SEEDS)
def test_the_brief_is_300_to_600_characters(seed: str) -> None:
    text = release(seed, brief=True, issue=7, publisher="某单位办公室")
    parts = paragraphs(text)
    assert parts[:3] == ["信息简报", "第7期", "某单位办公室编印　　2024年12月4日"]
    body = parts[4:]
    assert BRIEF_MIN <= sum(length(p) for p in body) <= BRIEF_MAX
    assert length(parts[3]) <= HEADLINE_MAX
    _, event = seed_event(seed)
    for speech in event.speeches:  # every speaker at least named
        if speech.speaker and speech.speaker not in ("负责人", "相关负责人"):
            assert speech.speaker in "".join(body), speech.speaker
    assert f"{event.date.month}月{event.date.day}日" in body[0]
    assert not re.search(r"[A-Za-z]{2,}", text)


def test_the_review_block_is_labelled_blanks_when_unknown() -> None:
    text = release("health-chain")
    assert paragraphs(text)[-6:] == ["来源：＿＿＿＿＿＿", "通讯员：＿＿＿＿＿＿",
                                     "责编：＿＿＿＿＿＿", "一审：＿＿＿＿＿＿",
                                     "二审：＿＿＿＿＿＿", "三审：＿＿＿＿＿＿"]
    filled = release("health-chain", source="柳州日报", reporters=("何丹", "余思慧"),
                     editor="王茜", reviewers=("封豪", "王文", "周韜"))
    assert paragraphs(filled)[-6:] == ["来源：柳州日报", "通讯员：何丹 余思慧", "责编：王茜",
                                       "一审：封豪", "二审：王文", "三审：周韜"]


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    text = (EXAMPLES / "health-chain" / "alliance.yaml").read_text(encoding="utf-8")
    workspace = records_workspace(tmp_path / "ws", "health-chain", text)
    monkeypatch.chdir(workspace.root)
    result = run_cli("log", "meeting", "health-chain", "--file",
                     str(EXAMPLES / "health-chain" / "meetings" / "001.yaml"), "-m", "seed")
    assert result.exit_code == 0, result.output
    return workspace


def docx_text(path: Path) -> list[str]:
    """Paragraphs' text; a title's line breaks (where it wraps) removed."""
    return [p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs
            if p.text.strip()]


def test_render_news_records_a_docx_revision(ws: Workspace) -> None:
    before = commit_count(ws.root)
    result = run_cli("render", "news", "health-chain", "meeting", "1", "--date", "2024-12-04",
                     "--kicker", "党建引领 链上发力", "--subtitle", "三方共建大健康产业创新链",
                     "--reporter", "何丹", "--reviewer", "封豪")
    assert result.exit_code == 0, result.output
    assert commit_count(ws.root) == before + 1
    lines = docx_text(ws.root / "alliances/health-chain/documents/news-meeting-001.docx")
    assert lines[:3] == ["党建引领 链上发力",
                         "“产学研融通赋能大健康产业创新链”党建联建签约揭牌仪式举行",
                         "——三方共建大健康产业创新链"]
    assert "通讯员：何丹" in lines and "一审：封豪" in lines and "二审：＿＿＿＿＿＿" in lines
    again = run_cli("render", "news", "health-chain", "meeting", "1", "--date", "2024-12-04",
                    "--kicker", "党建引领 链上发力", "--subtitle", "三方共建大健康产业创新链",
                    "--reporter", "何丹", "--reviewer", "封豪")
    assert again.exit_code == 0 and commit_count(ws.root) == before + 1


def test_settings_fill_the_byline_and_the_publisher(ws: Workspace) -> None:
    (ws.root / "pbctl.yaml").write_text(
        "news:\n  source: 两面针公司党委宣传部\n  reporters: [何丹]\n  editor: 王茜\n"
        "  reviewers: [封豪, 王文, 周韜]\n  publisher: 大健康产业创新链党建联建秘书处\n",
        encoding="utf-8")
    result = run_cli("render", "news", "health-chain", "meeting", "1", "--format", "txt",
                     "--date", "2024-12-04", "--editor", "李明")
    assert result.exit_code == 0, result.output
    assert paragraphs(result.output)[-6:] == [
        "来源：两面针公司党委宣传部", "通讯员：何丹", "责编：李明", "一审：封豪", "二审：王文",
        "三审：周韜"]
    brief = run_cli("render", "news", "health-chain", "meeting", "1", "--brief", "--issue",
                    "12", "--format", "md", "--date", "2024-12-04")
    assert brief.exit_code == 0, brief.output
    parts = paragraphs(brief.output)
    assert parts[:3] == ["信息简报", "第12期",
                         "大健康产业创新链党建联建秘书处编印　　2024年12月4日"]
    assert parts[3] == "# “产学研融通赋能大健康产业创新链”党建联建签约揭牌仪式举行"


def test_the_brief_is_recorded_as_its_own_document(ws: Workspace) -> None:
    result = run_cli("render", "news", "health-chain", "meeting", "1", "--brief", "--issue",
                     "3", "--date", "2024-12-04")
    assert result.exit_code == 0, result.output
    lines = docx_text(ws.root / "alliances/health-chain/documents/brief-meeting-001.docx")
    assert lines[:3] == ["信息简报", "第3期", "柳州两面针股份有限公司党委编印　　2024年12月4日"]


def test_text_formats_write_a_file_and_record_nothing(ws: Workspace, tmp_path: Path) -> None:
    before = commit_count(ws.root)
    out = tmp_path / "release.md"
    result = run_cli("render", "news", "health-chain", "meeting", "1", "--format", "md",
                     "-o", str(out), "--date", "2024-12-04")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# “产学研融通赋能大健康产业创新链”党建联建签约揭牌仪式举行\n\n"
                           "12月3日上午，")
    assert "\\" not in text
    assert commit_count(ws.root) == before
    txt = run_cli("render", "news", "health-chain", "meeting", "1", "--format", "txt",
                  "--date", "2024-12-04")
    assert txt.output.startswith("“产学研融通赋能大健康产业创新链”党建联建签约揭牌仪式举行\n\n")
    assert not (ws.root / "alliances/health-chain/documents/news-meeting-001.docx").exists()


@pytest.mark.parametrize(("args", "message"), [
    (("charter", "health-chain", "--kicker", "x"), "--kicker is for news"),
    (("signin", "health-chain", "meeting", "1", "--brief"), "--brief is for news"),
    (("news", "health-chain", "meeting", "1", "--issue", "2"), "--issue numbers a brief"),
    (("news", "health-chain", "meeting", "1", "--reviewer", "a", "--reviewer", "b",
      "--reviewer", "c", "--reviewer", "d"), "--reviewer is given at most 3 times"),
    (("news", "health-chain", "meeting"), "which record? pbctl render news ALLIANCE"),
])
def test_misused_news_options_are_usage_errors(ws: Workspace, args: tuple[str, ...],
                                               message: str) -> None:
    before = commit_count(ws.root)
    result = run_cli("render", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert commit_count(ws.root) == before


def test_a_workspace_template_overrides_the_release(ws: Workspace) -> None:
    folder = ws.root / "templates" / "news"
    folder.mkdir(parents=True)
    shutil.copy(Path(__file__).parents[2] / "pbctl/rendering/templates/news/news.md.j2",
                folder / "news.md.j2")
    with (folder / "news.md.j2").open("a", encoding="utf-8") as f:
        f.write("\n（本稿由秘书处提供）\n")
    trust_templates(ws.root)
    result = run_cli("render", "news", "health-chain", "meeting", "1", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("（本稿由秘书处提供）")


BARE_MEETING = "number: 2\ndate: 2025-03-05\n"
DECIDED = """\
number: 3
date: 2024-06-12
time: "15:00"
venue: 乙大学会议室
attendees:
  - {member: alpha, names: [{name: 张三, title: 党委书记}]}
  - member: beta
decisions:
  - {text: 牵头制定年度联建计划, owner: alpha, due: 2024-07-31}
  - {text: 开放实训基地, owner: beta}
"""


def _minimal_news(tmp_path: Path, record: str) -> str:
    from helpers import MINIMAL, write_yaml

    source = write_yaml(tmp_path / "demo" / "alliance.yaml", MINIMAL)
    number = int(record.split()[1])
    write_yaml(tmp_path / "demo" / "meetings" / f"{number:03d}.yaml", record)
    alliance = load_alliance(source)
    event = load_event(alliance, source, "meeting", number)
    return news_text(alliance, event, NewsOptions(date=RELEASE), "txt")


def test_a_bare_record_gives_a_short_release_without_gaps(tmp_path: Path) -> None:
    text = _minimal_news(tmp_path, BARE_MEETING)
    assert paragraphs(text)[:2] == ["测试党建联建召开第二次联席会议",
                                    "2025年3月5日，测试党建联建第二次联席会议举行。"]
    assert not any(p in text for p in PLACEHOLDERS)
    assert "测试党建联建测试党建联建" not in text


def test_decisions_are_the_next_steps(tmp_path: Path) -> None:
    text = _minimal_news(tmp_path, DECIDED)
    parts = paragraphs(text)
    assert parts[1] == ("6月12日下午，测试党建联建第三次联席会议在乙大学会议室举行。"
                        "甲公司党委、乙大学党委的代表党委书记张三等参加。")
    assert ("会议议定：由甲公司党委负责牵头制定年度联建计划，7月31日前完成；"
            "由乙大学党委负责开放实训基地。") in parts


@pytest.mark.parametrize(("start", "end", "said"), [
    (dt.date(2024, 12, 3), None, "12月3日"),
    (dt.date(2023, 2, 24), dt.date(2023, 2, 25), "2023年2月24日至25日"),
    (dt.date(2024, 11, 30), dt.date(2024, 12, 1), "11月30日至12月1日"),
    (dt.date(2024, 12, 31), dt.date(2025, 1, 1), "12月31日至2025年1月1日"),
])
def test_days_are_said_as_a_release_says_them(start: dt.date, end: dt.date | None,
                                              said: str) -> None:
    from pbctl.rendering.news_words import day_phrase

    assert day_phrase(start, RELEASE, end) == said
