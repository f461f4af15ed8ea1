"""Workspace settings: ``pbctl.yaml`` at the workspace root."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field

from pbctl.definition.model import NonEmpty, _Model


class Fonts(_Model):
    """Font names written into documents (GB/T 9704 practice); set on w:eastAsia too."""

    title: NonEmpty = "方正小标宋简体"
    body: NonEmpty = "仿宋_GB2312"
    kai: NonEmpty = "楷体_GB2312"
    hei: NonEmpty = "黑体"
    page_number: NonEmpty = "宋体"
    latin: NonEmpty = "Times New Roman"


class Weights(_Model):
    """Points per fact in the joint evaluation (成效联评); keys are the fact names."""

    meetings_attended: Annotated[float, Field(ge=0, le=1000)] = 2
    meetings_held: Annotated[float, Field(ge=0, le=1000)] = 0
    activities_hosted: Annotated[float, Field(ge=0, le=1000)] = 3
    activities_joined: Annotated[float, Field(ge=0, le=1000)] = 1
    plan_owned: Annotated[float, Field(ge=0, le=1000)] = 1
    plan_done_on_time: Annotated[float, Field(ge=0, le=1000)] = 4
    needs_claimed: Annotated[float, Field(ge=0, le=1000)] = 1
    needs_closed: Annotated[float, Field(ge=0, le=1000)] = 3
    decisions_owned: Annotated[float, Field(ge=0, le=1000)] = 1
    decisions_done_on_time: Annotated[float, Field(ge=0, le=1000)] = 2


class Evaluation(_Model):
    """The joint evaluation (``pbctl evaluate``)."""

    weights: Weights = Weights()


class News(_Model):
    """Byline and review chain of news releases and briefs (``pbctl render news``)."""

    source: NonEmpty | None = Field(None, description="来源: where the release is published")
    reporters: list[NonEmpty] = Field([], description="通讯员")
    editor: NonEmpty | None = Field(None, description="责编")
    reviewers: list[NonEmpty] = Field([], max_length=3, description="一审, 二审, 三审 in order")
    publisher: NonEmpty | None = Field(
        None, description="编印单位 of the brief (default: the secretariat)")


class Settings(_Model):
    """``pbctl.yaml``."""

    fonts: Fonts = Fonts()
    renewal_days: Annotated[int, Field(ge=0, le=3650)] = 60
    render_timeout: Annotated[float, Field(gt=0, le=3600)] = Field(
        10.0, description="Seconds a document's template may run before it is stopped")
    author: NonEmpty | None = Field(
        None, description="Author written into document properties (default: the alliance)"
    )
    evaluation: Evaluation = Evaluation()
    news: News = News()


def load_settings(path: Path, display: str | None = None) -> Settings:
    """Load ``pbctl.yaml``; a missing file gives the defaults."""
    from pbctl.definition.problems import load_optional

    return load_optional(path, Settings, display)
