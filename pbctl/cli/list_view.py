"""The three lists as tables on the terminal (``pbctl list show``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pbctl.tracking.plan_status import YearState


def print_lists(state: YearState) -> None:
    from rich.table import Table

    from pbctl.cli import ui
    from pbctl.cli.ui import escape
    from pbctl.tracking.plan_status import STATE_LABELS

    con = ui.console()
    titles = {"resources": "资源清单", "services": "服务清单", "needs": "需求清单"}
    for kind in ("resources", "services", "needs"):
        items = state.items_of(kind)
        table = Table(title=f"{titles[kind]} ({kind}): {len(items)}", title_justify="left")
        for name in ("ref", "item", "member", "raised", "claimed by", "due", "state"):
            table.add_column(name, overflow="fold")
        for i in items:
            label = STATE_LABELS[i.state] + ("（逾期）" if i.overdue else "")
            table.add_row(i.ref, escape(i.text), escape(i.member_name), i.raised.isoformat(),
                          escape(i.claimed_by_name), i.due_by.isoformat() if i.due_by else "",
                          label)
        con.print(table)
