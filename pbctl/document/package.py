"""Package hygiene: what makes two renders of the same spec byte-identical.

python-docx starts from its built-in template, which carries a thumbnail of an empty page,
Word 2010's ``stylesWithEffects``, a bibliography ``customXml`` item, revision-session ids
(rsid) and a ``w14:docId``; and it writes zip members stamped with the current time. Here
those are pruned, the core properties are set from the spec alone, and the zip is rewritten
with fixed metadata.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, cast

from pbctl.document import oxml

if TYPE_CHECKING:
    from docx.document import Document
    from docx.opc.package import OpcPackage
    from docx.opc.part import Part
    from docx.opc.rel import Relationships

_RT = "http://schemas.openxmlformats.org/"
#: Relationship types of template parts that a pbctl document does not need.
_UNWANTED = frozenset({
    _RT + "package/2006/relationships/metadata/thumbnail",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    _RT + "officeDocument/2006/relationships/customXml",
})
#: Fixed zip metadata: the DOS epoch, deflate, a regular file rw-r--r-- made on Unix.
_CORE_TEXT_LIMIT = 255  # python-docx refuses longer core-property strings


def opc_package(document: Document) -> OpcPackage:
    """The package (the .docx as a whole) the document's main part belongs to."""
    return cast("OpcPackage", document.part.package)  # Part.package is unannotated


def rels_of(source: Part | OpcPackage) -> Relationships:
    """The relationships from a part, or the package's own (to the main part …)."""
    return cast("Relationships", source.rels)  # Part.rels and OpcPackage.rels: unannotated


def prune_template(document: Document) -> None:
    """Drop the template's thumbnail, stylesWithEffects and customXml parts (a part no
    relationship reaches is not saved)."""
    for rels in (rels_of(opc_package(document)), rels_of(document.part)):
        for r_id in [r for r, rel in rels.items() if rel.reltype in _UNWANTED]:
            del rels[r_id]


def strip_ids(document: Document) -> None:
    """Remove rsid attributes and elements and document ids from every XML part."""
    oxml.strip_ids(oxml.part_roots(opc_package(document).iter_parts()))


def parse_created(value: str) -> datetime:
    """``DocumentSpec.created`` (ISO 8601; a date alone means midnight; no zone means UTC)
    as a naive UTC datetime, which is what python-docx writes with a ``Z``."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"DocumentSpec.created is not an ISO 8601 date: {value!r}") from exc
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def set_core_properties(document: Document, *, title: str, author: str, subject: str,
                        keywords: str, created: str) -> None:
    """Core properties from the spec only: created = modified = ``created``, revision 1,
    last modified by the author, no generator comment. Never the clock."""
    moment = parse_created(created)
    props = document.part.core_properties  # what Document.core_properties, unannotated, gives
    props.title = _core_text(title)
    props.author = _core_text(author)
    props.subject = _core_text(subject)
    props.keywords = _core_text(keywords)
    props.last_modified_by = _core_text(author)
    props.comments = ""
    props.category = ""
    props.created = moment
    props.modified = moment
    props.revision = 1


def _core_text(value: str) -> str:
    return oxml.xml_safe(value).replace("\n", " ")[:_CORE_TEXT_LIMIT]


