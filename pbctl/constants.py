"""File names, defaults and other constants shared across pbctl."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORKSPACE_FILE = "pbctl.yaml"
ALLIANCES_DIR = "alliances"
ALLIANCE_FILE = "alliance.yaml"
MEETINGS_DIR = "meetings"
ACTIVITIES_DIR = "activities"
DOCUMENTS_DIR = "documents"
TEMPLATES_DIR = "templates"
RECORDS_FILE = "records.yaml"

#: The one rule for characters XML 1.0 cannot hold (C0 controls other than tab, newline and
#: CR; lone surrogates; U+FFFE and U+FFFF): the model refuses them in any text, and the
#: document writer drops any that reach it.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

MAX_YAML_BYTES = 1024 * 1024
#: Dates later than this many years after today are taken for typos.
FAR_FUTURE_YEARS = 20



@dataclass(frozen=True)
class DocumentKind:
    """One kind of document pbctl renders: the one table every layer reads."""

    #: the name in commands and in records.yaml; the file stem (``minutes`` is numbered)
    name: str
    #: the template's path below a templates folder (built-in or the workspace's)
    template: str
    #: the Chinese name that follows the alliance's in the document title: 协议书
    title: str

    def records_name(self, number: int | None = None) -> str:
        """The records.yaml key and file stem: ``agreement``, ``minutes-003``, ``report-2025``."""
        if number is None:
            return self.name
        return f"{self.name}-{number:03d}" if self.name == "minutes" else f"{self.name}-{number}"

    def file_name(self, number: int | None = None, suffix: str = ".docx") -> str:
        return self.records_name(number) + suffix


DOCUMENTS: dict[str, DocumentKind] = {d.name: d for d in (
    DocumentKind("charter", "charter/charter.md.j2", "章程"),
    DocumentKind("agreement", "agreement/agreement.md.j2", "协议书"),
    DocumentKind("integrity-pact", "agreement/integrity-pact.md.j2", "党风廉政建设共建协议书"),
    DocumentKind("minutes", "minutes/minutes.md.j2", "纪要"),  # of one meeting, numbered
    DocumentKind("report", "report/report.md.j2", "工作总结"),  # of one year
    DocumentKind("plan", "plan/plan.md.j2", "年度工作计划"),  # of one year
    DocumentKind("news", "news/news.md.j2", "新闻稿"),  # of one event: news-meeting-001
    DocumentKind("brief", "news/brief.md.j2", "信息简报"),  # of one event: brief-meeting-001
)}

#: The documents of an alliance itself (``pbctl render all``), in the order they are rendered.
DOCUMENT_KINDS = ("charter", "agreement", "integrity-pact")


def minutes_kind(number: int) -> str:
    """The document kind (and file stem) of a meeting's minutes: ``minutes-003``."""
    return DOCUMENTS["minutes"].records_name(number)
