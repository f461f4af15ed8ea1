"""The built-in templates: rendered for every example and for minimal and full alliances,
parsed into blocks, and checked for wording, parties, numbering, escaping and overrides."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from helpers import EXAMPLES, minimal_alliance, trust_templates

from pbctl.definition.loading import load_alliance
from pbctl.definition.model import Alliance, Meeting
from pbctl.document.blocks import (
    Article,
    Attachment,
    Block,
    Chapter,
    Heading,
    Item,
    Paragraph,
    Signatures,
    Subtitle,
    Table,
    Title,
)
from pbctl.errors import TemplateError
from pbctl.rendering.context import MAX_NAMED_PARTIES, alliance_context
from pbctl.rendering.markup import parse
from pbctl.rendering.render import minutes_context
from pbctl.rendering.templating import BUILTIN_TEMPLATES, TEMPLATE_NAMES, render_template

DOCUMENTS = ("charter", "agreement", "integrity-pact")
EXAMPLE_FILES = sorted(EXAMPLES.glob("*/alliance.yaml"))
HOSTILE = 'A&B <x> "q" {{ 7*7 }} {% raw %} **b** # 1.'
#: A number written by hand at the start of a block: the writer numbers, templates never do.
HAND_NUMBER = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇]+[章条]|[一二三四五六七八九十]+、|"
    r"[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])"
)

#: 第N章 / 第N条 as the writer prints them in the .docx.
NUMBERED = re.compile("第([零一二三四五六七八九十百]+)([章条])\u3000")


# ---------------------------------------------------------------------------- helpers


def alliance(**overrides: Any) -> Alliance:
    return Alliance.model_validate(minimal_alliance(**overrides))


def full_alliance(**overrides: Any) -> Alliance:
    """The minimal alliance with every optional part: groups, pairings, lists, projects."""
    members = [
        {"id": "alpha", "name": "甲公司党委", "kind": "enterprise", "level": "党委"},
        {"id": "beta", "name": "乙大学党委", "kind": "university", "level": "党总支"},
        {"id": "gamma", "name": "丙研究院党支部", "kind": "institution"},
    ]
    data: dict[str, Any] = {
        "members": members,
        "groups": [{"id": "g-one", "name": "第一联组", "members": ["alpha", "beta"],
                    "lead": "beta", "duties": ["组织联组活动"]}],
        "pairings": [{"a": "beta", "b": "gamma", "note": "签署结对共建协议"}],
        "lists": {"resources": ["实验平台"], "services": ["技术咨询"], "needs": ["技能人才"]},
        "projects": [{"name": "先锋课堂", "description": "联合开设党课", "owner": "alpha"}],
    }
    data.update(overrides)
    return alliance(**data)


def many_members(count: int) -> list[dict[str, Any]]:
    return [{"id": f"unit-{i:02d}", "name": f"第{i}测试公司党支部", "kind": "enterprise"}
            for i in range(1, count + 1)]


def sample_meeting(a: Alliance, **overrides: Any) -> Meeting:
    first, second = a.members[0], a.members[1]
    data: dict[str, Any] = {
        "number": 3, "date": "2025-03-14", "time": "14:30", "venue": "党群服务中心",
        "chair": "张明", "host": first.id,
        "attendees": [{"member": first.id, "names": ["张明", "李华"]},
                      {"member": second.id, "names": []}],
        "absent": [{"member": second.id, "names": ["王强"]}],
        "observers": ["赵伟（上级党委组织部）"],
        "topics": ["通报上一阶段联建工作", "研究下一阶段重点任务。"],
        "speeches": [{"member": second.id, "speaker": "陈静", "summary": "介绍了本单位的做法"}],
        "decisions": [{"text": "各成员单位报送三张清单", "owner": first.id, "due": "2025-04-30"},
                      {"text": "联合开展一次警示教育。", "owner": second.id}],
        "summary": "会议认为，联建工作开局良好",
        "recorder": "李华",
    }
    data.update(overrides)
    return Meeting.model_validate(data)


def render(kind: str, a: Alliance, meeting: Meeting | None = None,
           templates: Path | None = None) -> tuple[str, list[Block]]:
    context = alliance_context(a)
    if kind == "minutes":
        meeting = meeting or sample_meeting(a)
        context = minutes_context(a, meeting)
    text, source = render_template(TEMPLATE_NAMES[kind], context, templates)
    return text, parse(text, source)


def text_of(block: Block) -> str:
    if isinstance(block, (Title, Chapter)):
        return block.text
    if isinstance(block, Signatures):
        return "\n".join(f"{p.label}：{p.name}" for p in block.parties)
    if isinstance(block, Table):
        cells = list(block.header) + [cell for row in block.rows for cell in row]
        return "\n".join("".join(r.text for r in cell) for cell in cells)
    if isinstance(block, Attachment):
        return f"{block.label}\n{block.title}"
    runs = getattr(block, "runs", None)
    if runs is not None:
        return "".join(r.text for r in runs)
    return ""


def full_text(blocks: list[Block]) -> str:
    return "\n".join(text_of(b) for b in blocks)


def of_type(blocks: list[Block], kind: type) -> list[Any]:
    return [b for b in blocks if isinstance(b, kind)]


def unquote(text: str) -> str:
    """Double quotes inside a quoted value become single ones in the documents."""
    return text.replace("“", "‘").replace("”", "’")


def example_ids() -> list[str]:
    return [p.parent.name for p in EXAMPLE_FILES]


@pytest.fixture(scope="module", params=EXAMPLE_FILES, ids=example_ids())
def example(request: pytest.FixtureRequest) -> Alliance:
    return load_alliance(request.param)


# ---------------------------------------------------------------------------- every example


@pytest.mark.parametrize("kind", [*DOCUMENTS, "minutes"])
def test_every_example_renders_clean_blocks(example: Alliance, kind: str) -> None:
    text, blocks = render(kind, example)
    titles = of_type(blocks, Title)
    assert len(titles) == 1 and blocks[0] is titles[0]
    assert titles[0].text.startswith(example.name)
    body = full_text(blocks)
    for bad in ("XXX", "×××", "××"):
        assert bad not in text, (kind, bad)
    for bad in ("XXX", "xxx", "×", "None", "{{", "{%", "**", "\\"):
        assert bad not in body, (kind, bad)
    for block in blocks:
        if isinstance(block, (Paragraph, Item, Article, Heading, Subtitle)):
            content = text_of(block)
            assert content.strip(), f"empty {type(block).__name__} in {kind}"
            assert not HAND_NUMBER.match(content), f"hand-written number in {kind}: {content}"
            for glued in ("，。", "。。", "；。", "、、", "，，", "：。", "| "):
                assert glued not in content, (kind, content)
    for table in of_type(blocks, Table):
        assert all(len(row) == len(table.header) for row in table.rows)


@pytest.mark.slow
def test_titles(example: Alliance) -> None:
    name = example.name
    agreement = name + ("协议书" if name.endswith(("联建", "共建")) else "共建协议书")
    expected = {"charter": name + "章程", "agreement": agreement,
                "integrity-pact": name + "党风廉政建设共建协议书",
                "minutes": name + "第三次联席会议纪要"}
    for kind, title in expected.items():
        _, blocks = render(kind, example)
        assert of_type(blocks, Title)[0].text == title


def test_charter_structure(example: Alliance) -> None:
    _, blocks = render("charter", example)
    assert [c.text for c in of_type(blocks, Chapter)] == ["总则", "成员单位", "组织机构",
                                                          "工作机制", "附则"]
    assert isinstance(blocks[1], Subtitle)
    preamble = blocks[2]
    assert isinstance(preamble, Paragraph)
    assert text_of(preamble).endswith("经协商一致，制定本章程。")
    # every chapter holds articles, and items only follow an article
    chapter_articles: list[int] = []
    for block in blocks:
        if isinstance(block, Chapter):
            chapter_articles.append(0)
        elif isinstance(block, Article):
            chapter_articles[-1] += 1
    assert all(chapter_articles)
    articles = [text_of(a) for a in of_type(blocks, Article)]
    assert any(f"自{example.signing_date.year}年" in a and a.endswith("起施行。") for a in articles)
    assert any("由联席会议负责解释" in a for a in articles)


def test_charter_carries_the_definition(example: Alliance) -> None:
    _, blocks = render("charter", example)
    body = full_text(blocks)
    lead, secretariat = example.lead_member, example.secretariat_member
    assert lead.name in body and f"设在{secretariat.name}" in body
    freq = {"monthly": "每月", "quarterly": "每季度", "half-yearly": "每半年", "yearly": "每年"}
    assert f"{freq[example.meetings.frequency]}召开一次" in body
    if example.theme:
        assert unquote(example.theme) in body
    for principle in example.principles:
        assert unquote(principle) in body
    for goal in example.goals:
        assert goal.rstrip("。") in body
    for area in example.areas:
        assert area.name in body
    for group in example.groups:
        assert group.name in body
        if group.lead:
            assert example.member(group.lead).label in body
        for duty in group.duties:
            assert duty.rstrip("。") in body
    for pairing in example.pairings:
        assert f"{example.member(pairing.a).label}与{example.member(pairing.b).label}结对" in body
    for entry in (*example.lists.resources, *example.lists.services, *example.lists.needs):
        assert entry in body
    for project in example.projects:
        assert unquote(project.name) in body
    if example.convener == "rotating":
        assert "轮值" in body
    member_names = [m.name for m in example.members]
    if len(member_names) > MAX_NAMED_PARTIES:
        table = of_type(blocks, Table)[-1]
        assert [text_of_cell(row[1]) for row in table.rows] == member_names
        assert of_type(blocks, Attachment)
    else:
        assert all(name in body for name in member_names)
        assert not of_type(blocks, Attachment)


def text_of_cell(cell: Any) -> str:
    return "".join(r.text for r in cell)


@pytest.mark.parametrize("kind", ["agreement", "integrity-pact"])
def test_agreements_name_and_sign_every_party(example: Alliance, kind: str) -> None:
    _, blocks = render(kind, example)
    paragraphs = [text_of(p) for p in of_type(blocks, Paragraph)]
    signatures = of_type(blocks, Signatures)
    assert len(signatures) == 1
    lead = example.lead_member
    others = [m for m in example.members if m.id != lead.id]
    if len(example.members) <= MAX_NAMED_PARTIES:
        expected = [(label + "方", m.name) for label, m in zip("甲乙丙丁戊己庚辛壬癸",
                                                             [lead, *others], strict=False)]
        for label, name in expected:
            assert f"{label}：{name}" in paragraphs
        assert [(p.label, p.name) for p in signatures[0].parties] == expected
        liaisons = kind == "agreement" and any(m.contact.name or m.contact.phone
                                                for m in example.members)
        annexes = [(a.label, a.title) for a in of_type(blocks, Attachment)]
        assert annexes == ([("附件", "联络员名单")] if liaisons else [])
    else:
        assert f"甲方：{lead.name}" in paragraphs
        assert any(p.startswith("乙方：") and "名单见附件" in p for p in paragraphs)
        assert [(p.label, p.name) for p in signatures[0].parties] == [("甲方", lead.name)]
        annexes = [(a.label, a.title) for a in of_type(blocks, Attachment)]
        if len(annexes) == 1:
            assert "附件：成员单位名单" in paragraphs
            assert annexes == [("附件", "成员单位名单")]
        else:
            assert "附件：1.成员单位名单\n\u3000\u3000\u3000\u3000\u30002.联络员名单" in paragraphs
            assert annexes == [("附件1", "成员单位名单"), ("附件2", "联络员名单")]
        table = next(t for t in of_type(blocks, Table)
                     if text_of_cell(t.header[-1]) == "签字盖章")
        assert [text_of_cell(h) for h in table.header] == ["序号", "成员单位", "党组织书记",
                                                           "单位类型", "签字盖章"]
        assert [text_of_cell(row[1]) for row in table.rows] == [m.name for m in others]
        assert [text_of_cell(row[0]) for row in table.rows] == [
            str(i) for i in range(1, len(others) + 1)]
        assert [text_of_cell(row[2]) for row in table.rows] == [
            m.secretary_name or "" for m in others]


def test_agreement_carries_the_definition(example: Alliance) -> None:
    _, blocks = render("agreement", example)
    body = full_text(blocks)
    level2 = [text_of(h) for h in of_type(blocks, Heading) if h.level == 2]
    for area in example.areas:
        assert area.name in level2
        for entry in area.items:
            assert entry.rstrip("。") in body
    freq = {"monthly": "每月", "quarterly": "每季度", "half-yearly": "每半年", "yearly": "每年"}
    assert f"各方{freq[example.meetings.frequency]}召开一次联席会议" in body
    start, end = example.term_start, example.term_end
    assert (f"自{start.year}年{start.month}月{start.day}日起至"
            f"{end.year}年{end.month}月{end.day}日止") in body
    for witness in example.witnesses:
        assert witness.name in body
    for project in example.projects:
        assert unquote(project.name) in body
    for pairing in example.pairings:
        assert f"{example.member(pairing.a).name}与{example.member(pairing.b).name}结对" in body
    for group in example.groups:
        assert group.name in body


def test_copies_in_upper_case_numerals() -> None:
    health = load_alliance(EXAMPLES / "health-chain" / "alliance.yaml")
    for kind in ("agreement", "integrity-pact"):
        _, blocks = render(kind, health)
        assert "本协议一式叁份，各方各执一份，具有同等效力。" in full_text(blocks)
    _, blocks = render("agreement", alliance(copies=5))
    assert "本协议一式伍份，各方各执一份，其余由秘书处存档，具有同等效力。" in full_text(blocks)


def test_integrity_pact_contents(example: Alliance) -> None:
    _, blocks = render("integrity-pact", example)
    body = full_text(blocks)
    headings = [text_of(h) for h in of_type(blocks, Heading) if h.level == 1]
    assert headings == ["共建原则", "各方共同承诺", "各方具体承诺", "禁止行为", "联合监督",
                        "警示教育", "违约处理", "协议期限", "其他事项"]
    assert "公开、公平、公正、诚信" in body
    assert "不得有下列行为" in body and "回扣、礼金、有价证券" in body
    assert f"秘书处（设在{example.secretariat_member.name}）" in body
    for member in example.members:
        if member.contact.name:
            assert f"{member.label}：{member.contact.name}" in body


# ---------------------------------------------------------------------------- optional clauses


def articles(kind: str, a: Alliance) -> list[str]:
    _, blocks = render(kind, a)
    return [text_of(b) for b in of_type(blocks, Article)]


def test_optional_articles_drop_out_without_leaving_anything() -> None:
    bare, full = alliance(), full_alliance()
    bare_articles, full_articles = articles("charter", bare), articles("charter", full)
    # groups: 1 article, pairings: 2, lists: 1, projects: 1
    assert len(full_articles) - len(bare_articles) == 5
    _, bare_blocks = render("charter", bare)
    _, full_blocks = render("charter", full)
    assert [c.text for c in of_type(bare_blocks, Chapter)] == [
        c.text for c in of_type(full_blocks, Chapter)]
    for word in ("联组", "结对", "三张清单", "品牌项目", "先锋课堂"):
        assert word not in full_text(bare_blocks)
        assert word in full_text(full_blocks)
    # the articles common to both come in the same order
    common = [a for a in full_articles if a in bare_articles]
    assert common == [a for a in bare_articles if a in full_articles]
    for kind in ("agreement", "integrity-pact"):
        _, blocks = render(kind, bare)
        for word in ("联组", "结对", "三张清单", "品牌项目"):
            assert word not in full_text(blocks), (kind, word)


def test_rotating_convener_replaces_the_lead_article() -> None:
    lead_articles = articles("charter", full_alliance())
    rotating_articles = articles("charter", full_alliance(convener="rotating"))
    assert len(lead_articles) == len(rotating_articles)
    assert not any("轮值" in a for a in lead_articles)
    assert any("联席会议实行轮值制度" in a for a in rotating_articles)
    assert any("联席会议召集人由" in a for a in lead_articles)


def test_article_numbers_run_on_without_gaps_in_the_docx() -> None:
    docx = pytest.importorskip("docx")
    import io

    from pbctl.numerals import cn_number
    from pbctl.rendering.render import render_alliance_document

    for a in (alliance(), full_alliance(convener="rotating")):
        data = render_alliance_document("charter", a).data
        paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
        found = [m.groups() for p in paragraphs if (m := NUMBERED.match(p))]
        numbers = [n for n, what in found if what == "条"]
        assert numbers == [cn_number(i) for i in range(1, len(articles("charter", a)) + 1)]
        chapters = [n for n, what in found if what == "章"]
        assert chapters == ["一", "二", "三", "四", "五"]


def test_no_goals_no_principles_no_areas_uses_sensible_defaults() -> None:
    _, blocks = render("agreement", alliance())
    body = full_text(blocks)
    assert "优势互补、注重实效、互利共赢、共同发展" in body
    level2 = [text_of(h) for h in of_type(blocks, Heading) if h.level == 2]
    assert {"组织共建", "资源共享", "活动共办", "人才共育"} <= set(level2)
    _, blocks = render("charter", alliance())
    assert "主要目标是" not in full_text(blocks)


def test_secretariat_elsewhere_gets_its_own_duties() -> None:
    a = full_alliance(secretariat="gamma")
    _, blocks = render("agreement", a)
    headings = [text_of(h) for h in of_type(blocks, Heading) if h.level == 2]
    assert "丙方（秘书处所在单位）职责" in headings
    _, blocks = render("charter", a)
    assert "秘书处设在丙研究院党支部" in full_text(blocks)


@pytest.mark.parametrize("count", [MAX_NAMED_PARTIES, MAX_NAMED_PARTIES + 1])
def test_annex_only_past_ten_parties(count: int) -> None:
    a = alliance(members=many_members(count), lead="unit-01")
    for kind in ("charter", "agreement", "integrity-pact"):
        _, blocks = render(kind, a)
        assert bool(of_type(blocks, Attachment)) == (count > MAX_NAMED_PARTIES), kind
    _, blocks = render("agreement", a)
    labels = [p.label for p in of_type(blocks, Signatures)[0].parties]
    assert labels == (["甲方"] if count > MAX_NAMED_PARTIES else
                      [s + "方" for s in "甲乙丙丁戊己庚辛壬癸"])


# ---------------------------------------------------------------------------- minutes


def test_minutes() -> None:
    a = load_alliance(EXAMPLES / "health-chain" / "alliance.yaml")
    meeting = sample_meeting(a)
    _, blocks = render("minutes", a, meeting)
    body = full_text(blocks)
    opening = text_of(blocks[1])
    assert opening.startswith("2025年3月14日下午，张明同志在党群服务中心主持召开")
    assert "一是通报上一阶段联建工作；二是研究下一阶段重点任务。" in opening
    assert "现将会议议定事项纪要如下：" in body
    items = of_type(blocks, Item)
    assert [i.level for i in items] == [1, 1]
    assert text_of(items[0]) == ("各成员单位报送三张清单。（责任单位：柳州两面针股份有限公司党委；"
                                 "完成时限：2025年4月30日前）")
    assert [r.font for r in items[0].runs] == ["body", "kai"]
    assert text_of(items[1]).endswith("（责任单位：广西科技大学生物与化学工程学院党委）")
    tail = [b for b in blocks if isinstance(b, Paragraph)][-4:]
    assert [(b.runs[0].font, b.runs[0].text) for b in tail] == [
        ("hei", "出席"), ("hei", "请假"), ("hei", "列席"), ("hei", "记录")]
    assert text_of(tail[0]) == "出席：张明、李华（两面针公司党委），广西科大生化学院党委负责同志"
    assert text_of(tail[1]) == "请假：王强（广西科大生化学院党委）"
    assert text_of(tail[3]) == "记录：李华"
    assert "陈静同志作交流发言，介绍了本单位的做法。" in body


def test_minutes_with_nothing_optional() -> None:
    a = alliance()
    bare = Meeting.model_validate({"number": 1, "date": "2024-05-06"})
    _, blocks = render("minutes", a, bare)
    assert [type(b).__name__ for b in blocks] == ["Title", "Paragraph"]
    assert text_of(blocks[1]) == "2024年5月6日，测试党建联建第一次联席会议召开。"
    one_topic = Meeting.model_validate({"number": 1, "date": "2024-05-06", "host": "beta",
                                        "topics": ["研究年度工作计划。"]})
    _, blocks = render("minutes", a, one_topic)
    assert [type(b).__name__ for b in blocks] == ["Title", "Paragraph"]
    assert text_of(blocks[1]) == ("2024年5月6日，乙大学党委主持召开测试党建联建第一次联席会议。"
                                  "会议主要议程是研究年度工作计划。")


# ---------------------------------------------------------------------------- untrusted text


def hostile_alliance() -> Alliance:
    members = [
        {"id": "alpha", "name": HOSTILE, "short_name": HOSTILE, "secretary": HOSTILE,
         "contact": {"name": HOSTILE, "phone": HOSTILE}},
        {"id": "beta", "name": "- " + HOSTILE, "kind": "university"},
        {"id": "gamma", "name": "1. " + HOSTILE, "short_name": "| x |"},
    ]
    return alliance(
        name=HOSTILE + "联建", short_name=HOSTILE, theme=HOSTILE, venue=HOSTILE,
        principles=[HOSTILE], goals=[HOSTILE], areas=[{"name": HOSTILE, "items": [HOSTILE]}],
        members=members,
        groups=[{"id": "g-one", "name": HOSTILE, "members": ["alpha", "beta"], "lead": "alpha",
                 "duties": [HOSTILE]}],
        pairings=[{"a": "beta", "b": "gamma", "note": HOSTILE}],
        projects=[{"name": HOSTILE, "description": HOSTILE, "owner": "beta"}],
        lists={"resources": [HOSTILE], "services": [HOSTILE], "needs": [HOSTILE]},
        witnesses=[{"name": HOSTILE, "title": HOSTILE}],
    )


@pytest.mark.parametrize("kind", [*DOCUMENTS, "minutes"])
def test_hostile_text_comes_out_literally(kind: str) -> None:
    a = hostile_alliance()
    meeting = sample_meeting(a, venue=HOSTILE, chair=HOSTILE, observers=[HOSTILE],
                             topics=[HOSTILE], summary=HOSTILE, recorder=HOSTILE,
                             decisions=[{"text": HOSTILE, "owner": "alpha"}],
                             attendees=[{"member": "alpha", "names": [HOSTILE]}])
    _, blocks = render(kind, a, meeting)
    assert of_type(blocks, Title)[0].text.startswith(HOSTILE)
    body = full_text(blocks)
    assert body.count(HOSTILE) >= 5
    assert "49" not in body.replace(HOSTILE, "")
    for block in blocks:
        # a value is never read as markup: wherever part of it shows, all of it does
        content = text_of(block)
        if "7*7" in content or "raw" in content:
            assert HOSTILE in content, content
    if kind in ("agreement", "integrity-pact"):
        names = [p.name for p in of_type(blocks, Signatures)[0].parties]
        assert names == [HOSTILE, "- " + HOSTILE, "1. " + HOSTILE]


# ---------------------------------------------------------------------------- overrides


def test_a_missing_field_names_the_template_file_and_line(tmp_path: Path) -> None:
    override = tmp_path / "templates" / "charter" / "charter.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("# {{ alliance.name }}章程\n\n{{ alliance.slogan }}\n", encoding="utf-8")
    trust_templates(tmp_path)
    with pytest.raises(TemplateError) as caught:
        render_template(TEMPLATE_NAMES["charter"], alliance_context(alliance()),
                        tmp_path / "templates")
    error = caught.value
    assert error.file == str(override) and error.line == 3
    assert str(override) in str(error) and "slogan" in str(error)


def test_a_template_syntax_error_is_told_in_chinese_with_its_line(tmp_path: Path) -> None:
    from pbctl import i18n

    override = tmp_path / "templates" / "charter" / "charter.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("# {{ alliance.name }}章程\n\n{% if %}\n", encoding="utf-8")
    trust_templates(tmp_path)
    i18n.set_language("zh")
    try:
        with pytest.raises(TemplateError) as caught:
            render_template(TEMPLATE_NAMES["charter"], alliance_context(alliance()),
                            tmp_path / "templates")
    finally:
        i18n.set_language(None)
    assert caught.value.line == 3
    assert caught.value.message == (f"{override}:3: 模板语法错误：Expected an expression, got "
                                    "'end of statement block'")


def test_a_workspace_template_overrides_the_builtin_by_name(tmp_path: Path) -> None:
    override = tmp_path / "templates" / "charter" / "charter.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("# {{ alliance.name }}章程\n\n## 附则\n\n+ 本章程由秘书处负责解释。\n",
                        encoding="utf-8")
    trust_templates(tmp_path)
    context = alliance_context(alliance())
    text, source = render_template(TEMPLATE_NAMES["charter"], context, tmp_path / "templates")
    assert source == str(override)
    assert [text_of(b) for b in parse(text)] == ["测试党建联建章程", "附则",
                                                 "本章程由秘书处负责解释。"]
    # the other documents still come from the built-in templates
    _, source = render_template(TEMPLATE_NAMES["agreement"], context, tmp_path / "templates")
    assert Path(source) == BUILTIN_TEMPLATES / TEMPLATE_NAMES["agreement"]
    # and without the workspace folder the built-in charter is used
    _, source = render_template(TEMPLATE_NAMES["charter"], context)
    assert Path(source) == BUILTIN_TEMPLATES / TEMPLATE_NAMES["charter"]


def test_every_document_kind_has_its_builtin_template() -> None:
    from pbctl.constants import DOCUMENT_KINDS, DOCUMENTS, minutes_kind

    assert set(DOCUMENT_KINDS) < set(DOCUMENTS)
    for kind in DOCUMENTS.values():
        assert (BUILTIN_TEMPLATES / kind.template).is_file(), kind
    assert minutes_kind(3) == "minutes-003" == DOCUMENTS["minutes"].file_name(3, "")
    assert DOCUMENTS["report"].file_name(2025, ".pdf") == "report-2025.pdf"
    assert DOCUMENTS["agreement"].file_name() == "agreement.docx"


def test_agreement_names_undertakings_meeting_months_and_liaisons() -> None:
    members = [
        {"id": "alpha", "name": "甲公司党委", "kind": "enterprise",
         "contact": {"name": "李明", "title": "党建专员", "phone": "0772-3800001"},
         "undertakings": [{"text": "开放生产车间供党员观摩学习", "frequency": "quarterly"},
                          {"text": "提供实习岗位20个"}]},
        {"id": "beta", "name": "乙大学党委", "kind": "university"},
    ]
    _, blocks = render("agreement", alliance(members=members,
                                             meetings={"frequency": "half-yearly"}))
    text = full_text(blocks)
    assert "甲方：开放生产车间供党员观摩学习（每季度一次）；提供实习岗位20个。" in text
    assert "每半年召开一次联席会议（原则上于每年6月、12月召开）" in text
    assert [(a.label, a.title) for a in of_type(blocks, Attachment)] == [("附件", "联络员名单")]
    table = of_type(blocks, Table)[-1]
    assert [text_of_cell(c) for c in table.rows[1]] == ["2", "乙大学党委", "", "", ""]
    assert [text_of_cell(c) for c in table.rows[0]] == ["1", "甲公司党委", "李明", "党建专员",
                                                        "0772-3800001"]


def test_one_group_is_named_not_counted() -> None:
    groups = [{"id": "g-school", "name": "校企合作组", "members": ["alpha", "beta"]}]
    text = full_text(render("agreement", alliance(groups=groups))[1])
    assert "设立校企合作组，" in text and "一个工作组" not in text
    charter = full_text(render("charter", alliance(groups=groups))[1])
    assert "下设校企合作组，" in charter and "职责如下" not in charter
    assert "其组成如下" in charter


def test_integrity_pact_names_channels_and_annual_review() -> None:
    a = alliance(integrity={"hotline": "0772-12388", "email": "jubao@example.cn",
                            "discipline": "驻场纪检组"})
    text = full_text(render("integrity-pact", a)[1])
    assert "举报渠道。由驻场纪检组负责受理、核查和督办违反本协议问题的反映，" \
        "举报电话：0772-12388，举报邮箱：jubao@example.cn。" in text
    assert "年度联合评议。各方每年年底" in text
    assert "举报渠道" not in full_text(render("integrity-pact", alliance())[1])
