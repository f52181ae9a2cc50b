"""POST data for the contact point's admin form with its three inlines, as a browser sends it."""

from __future__ import annotations

from typing import Any

from tests.helpers import admin_form

INLINES = ["phone_numbers", "opening_hours", "exceptions"]


def contact_point_form(
    *,
    name: str = "Visas",
    email: str = "visas@example.org",
    in_header: bool = False,
    phones: list[dict[str, Any]] | None = None,
    hours: list[dict[str, Any]] | None = None,
    exceptions: list[dict[str, Any]] | None = None,
    initial: dict[str, int] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """Rows are dicts of their fields; an existing row carries its "id" (and "DELETE": "on" to
    delete it). `initial` gives how many rows of each inline already exist."""
    data: dict[str, Any] = {
        "name": name,
        "email": email,
        "address": fields.pop("address", "1 Example Gardens\nLondon W8 0AA"),
        "notes": fields.pop("notes", ""),
        "order": fields.pop("order", 0),
        **fields,
    }
    if in_header:
        data["in_header"] = "on"
    rows = {
        "phone_numbers": phones or [],
        "opening_hours": hours or [],
        "exceptions": exceptions or [],
    }
    for prefix in INLINES:
        data[f"{prefix}-TOTAL_FORMS"] = len(rows[prefix])
        data[f"{prefix}-INITIAL_FORMS"] = (initial or {}).get(prefix, 0)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for index, row in enumerate(rows[prefix]):
            for key, value in row.items():
                data[f"{prefix}-{index}-{key}"] = value
    return admin_form(data)


def phone(number: str, **fields: Any) -> dict[str, Any]:
    return {"number": number, "label": fields.pop("label", ""), "order": 0, **fields}


def opening(weekday: int, opens: str, closes: str, **fields: Any) -> dict[str, Any]:
    return {"weekday": weekday, "opens": opens, "closes": closes, **fields}


def exception(day: str, reason: str, opens: str = "", closes: str = "", **fields):
    return {"date": day, "opens": opens, "closes": closes, "reason": reason, **fields}
