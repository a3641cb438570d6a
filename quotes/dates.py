"""When a quote record's document was published, read from its metadata.

Grouping orders a quotation's appearances by it and the exports give it as
``datePublished``; it lives apart from both so that reading it loads neither.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

__all__ = ["DATE_KEYS", "record_date"]

DATE_KEYS = ("date", "publication_date", "published", "published_at", "pubdate", "publish_date",
             "datePublished", "date_published")
"""Metadata fields read, in this order, for when a document was published."""


def record_date(record: dict[str, Any]) -> tuple[datetime, str] | None:
    """When the record's document was published, from its metadata, or None.

    Returns the parsed time (UTC) for ordering and the value as given.
    """
    meta = record.get("meta") or {}
    for key in DATE_KEYS:
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        text = value.strip().replace("Z", "+00:00")
        for candidate in (text, text[:10]):
            try:
                when = datetime.fromisoformat(candidate)
            except ValueError:
                continue
            when = when.astimezone(timezone.utc) if when.tzinfo else when.replace(tzinfo=timezone.utc)
            return when, value
    return None
