"""What the admin's index shows each staff member above the list of models: what is going on
in their area (what is scheduled next, which drafts wait, which notices are running).

Apps register a panel maker in their admin module (`admin_index.register`); it gets the
request and returns a Panel, or None when the user may not see that area. Infrastructure knows
no app: the panels say what they show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Row:
    text: str
    url: str
    when: datetime | None = None
    # A few words after the text: "article", "urgent".
    note: str = ""


@dataclass(frozen=True)
class Panel:
    title: StrOrPromise
    # Said when there are no rows: "Nothing is scheduled."
    empty: StrOrPromise
    rows: list[Row] = field(default_factory=list)


PanelMaker = Callable[[HttpRequest], Panel | None]
PANEL_MAKERS: list[PanelMaker] = []


def register(maker: PanelMaker) -> PanelMaker:
    if maker not in PANEL_MAKERS:
        PANEL_MAKERS.append(maker)
    return maker


def panels(request: HttpRequest) -> list[Panel]:
    return [panel for maker in PANEL_MAKERS if (panel := maker(request)) is not None]
