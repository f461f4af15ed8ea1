"""``pbctl render KIND ALLIANCE [N]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pbctl.cli import Options, completion, options
from pbctl.cli.choice import Choice
from pbctl.cli.news_options import news_options, news_options_of, write_news_text
from pbctl.constants import DOCUMENT_KINDS
from pbctl.i18n import _

KINDS = (*DOCUMENT_KINDS, "all", "minutes", "plan", "supplement", "signin", "record", "news")


@click.command()
@click.argument("kind", type=Choice(KINDS))
@options.alliance(required=False)
@click.argument("target", metavar="[meeting|activity] [N]", nargs=-1,
                shell_complete=completion.meetings)
@click.option("--pairing", type=click.IntRange(min=1),
              help="With agreement: the bilateral agreement of pairing N (as listed).")
@click.option("--member", "member_id", metavar="ID",
              help="With supplement: the member that accedes to the signed agreement.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write here instead of the records (a folder for 'all').")
@click.option("--pdf", is_flag=True, help="Also make a PDF with LibreOffice.")
@click.option("--pdfa", is_flag=True, help="Make the PDF a PDF/A-2b (for archiving).")
@click.option("--amend", is_flag=True, help="Allow a new revision of a signed document.")
@click.option("--renew", is_flag=True,
              help="Start the next term: move term.start past the current term's end (a "
                   "revision of the definition), then render the agreement for it.")
@click.option("--all", "every", is_flag=True, help="Every alliance of the workspace, "
              "in parallel (charter, agreement, integrity-pact, all); a revision each.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="With --all: processes.")
@click.option("-m", "--message", help="Reason recorded with the revision.")
@news_options
@click.pass_obj
def render(opts: Options, /, kind: str, alliance_ref: str | None, target: tuple[str, ...],
           pairing: int | None, member_id: str | None, output: Path | None, pdf: bool,
           pdfa: bool, amend: bool, renew: bool, every: bool, jobs: int | None,
           message: str | None, **news: Any) -> None:
    """Render documents: charter, agreement, integrity-pact, all (--all: of every alliance),
    minutes N (a group's: minutes GROUP-N), or plan YEAR (from plans/YEAR.yaml).

    Also: agreement --pairing N (a pairing's own agreement), supplement --member ID (补充协议),
    signin meeting|activity N (签到表), record activity N (活动记录), news meeting|activity N
    (新闻稿; --brief: 信息简报; --format md|txt: text to -o FILE or standard output).

    ALLIANCE is an alliance id in the workspace or a path to a definition file. The
    definition is checked first; on any error nothing is written. Without -o the
    documents go to alliances/<id>/documents/ and each change is a revision (a commit).
    """
    if every:
        from pbctl.cli.render_all import render_every

        return render_every(opts, kind, (alliance_ref, *target, pairing, member_id, output,
                                         renew), pdf=pdf or pdfa, pdfa=pdfa, amend=amend,
                            jobs=jobs, message=message)
    if alliance_ref is None:
        raise click.UsageError(_("missing ALLIANCE (or --all for every alliance)"))
    from pbctl.cli import render_output, ui
    from pbctl.cli.fonts import warn_about_pdf_fonts
    from pbctl.definition.loading import load_alliance
    from pbctl.definition.workspace import display_path
    from pbctl.records.renewal import RENEWABLE, next_term
    from pbctl.records.selection import render_selected

    news_opts = news_options_of(kind, news)
    workspace = opts.workspace()
    source = workspace.resolve_alliance(alliance_ref)
    alliance = load_alliance(source, display=display_path(source))
    if news_opts is not None and news["text_format"] != "docx":
        return write_news_text(workspace, alliance, source, target, news_opts,
                               news["text_format"], output)
    renewal = None
    if renew:
        if kind not in RENEWABLE:
            raise click.UsageError(_("--renew renews the term of the agreement: use it with "
                                     "agreement, integrity-pact or all"))
        if output is not None:
            raise click.UsageError(_("--renew records the new term; it cannot be used with -o"))
        renewal = next_term(workspace, source, alliance.id)
        alliance, amend = renewal.alliance, True
    pdf = pdf or pdfa
    rendered = render_selected(workspace, alliance, source, kind, target,
                               alliance_ref=alliance_ref, pairing=pairing, member_id=member_id,
                               settings=workspace.settings(),
                               templates=workspace.templates_dir(), news=news_opts,
                               progress=lambda kinds, _label: ui.progress(
                                   kinds, _("rendering {id}").format(id=alliance.id)))
    if not rendered:
        ui.info(_("{id} keeps no charter, agreement or integrity pact (documents: [] in its "
                  "definition)").format(id=alliance.id))
        return
    if pdf:
        warn_about_pdf_fonts(workspace.settings().fonts)
    if output is not None:
        render_output.export_to(workspace, rendered, output, amend=amend, pdf=pdf, pdfa=pdfa)
    else:
        render_output.record(workspace, alliance.id, rendered, renewal, message=message,
                             amend=amend, pdf=pdf, pdfa=pdfa)
