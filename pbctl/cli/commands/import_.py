"""``pbctl import members ALLIANCE FILE [--sheet NAME] [--map HEADER=key] [--dry-run]``."""

from __future__ import annotations

from pathlib import Path

import click

from pbctl.cli import Options
from pbctl.i18n import _


@click.group(name="import")
def import_() -> None:
    """Bring data kept elsewhere into the records (a member roster)."""


@import_.command()
@click.argument("alliance")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--sheet", help="The sheet of an .xlsx to read (default: the first with a "
              "header row).")
@click.option("--map", "maps", multiple=True, metavar="HEADER=key",
              help="Read a column whose header pbctl does not know, e.g. '支部名称=name'.")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option("-m", "--message", help="Reason recorded with the revision.")
@click.pass_obj
def members(opts: Options, alliance: str, file: Path, sheet: str | None,
            maps: tuple[str, ...], dry_run: bool, message: str | None) -> None:
    """Add or update the members from a roster (成员单位名册), .xlsx or .csv (UTF-8 or GBK).

    Headers offices use are recognised (党组织名称, 单位名称, 党组织类别, 单位性质, 书记,
    书记职务, 联系人, 联系电话, 邮箱, 所属联组, 上级党组织 …); the header row is the first
    with at least three of them. A member with the same name is updated (an empty cell
    leaves its field as it was); others are added with ids made from their names. Every
    bad cell is reported; on any error nothing is written. One revision.
    """
    from pbctl.cli import ui
    from pbctl.definition.roster import parse_mapping
    from pbctl.records.roster import import_members

    result = import_members(opts.workspace(), alliance, file, sheet=sheet,
                            mapping=parse_mapping(maps), dry_run=dry_run, message=message)
    merge = result.merge
    added, updated, created, raised = (
        (_("would be added {id}: {name}"), _("would be updated {id}: {name} ({keys})"),
         _("would create group {id}: {name}"), _("member_count would be raised from {old} "
                                                 "to {new}")) if dry_run else
        (_("added {id}: {name}"), _("updated {id}: {name} ({keys})"),
         _("created group {id}: {name}"), _("member_count raised from {old} to {new}")))
    lines = [added.format(id=member_id, name=name) for member_id, name in merge.added]
    lines += [updated.format(id=member_id, name=name, keys=_(", ").join(keys))
              for member_id, name, keys in merge.updated]
    lines += [created.format(id=group_id, name=name) for group_id, name in merge.groups]
    if lines:  # one write: a roster can add a thousand members
        ui.info("\n".join(lines))
    if merge.count is not None:
        ui.info(raised.format(old=merge.count[0], new=merge.count[1]))
    if result.sheet.ignored:
        ui.info(_("columns ignored: {columns}").format(
            columns=_(", ").join(result.sheet.ignored)))
    summary = _("{added} added, {updated} updated, {unchanged} unchanged").format(
        added=len(merge.added), updated=len(merge.updated), unchanged=merge.unchanged)
    if dry_run:
        ui.info(_("dry run: {summary}; nothing written").format(summary=summary))
    elif result.commit:
        ui.success(_("{summary}; recorded {commit}").format(summary=summary,
                                                             commit=result.commit[:8]))
    elif merge.changed:
        ui.success(_("{summary} (not recorded: no workspace)").format(summary=summary))
    else:
        ui.info(_("{summary}; nothing to change").format(summary=summary))
