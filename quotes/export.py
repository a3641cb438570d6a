"""Quote records in the shapes fact-checking and annotation tools read.

- schema.org ``Claim`` and ``ClaimReview`` (JSON-LD): what was said, by
  whom, where and when it appeared. A ``ClaimReview`` here is a draft: the
  verdict (``reviewRating``), the reviewer and the review's own URL are the
  fact-checker's to add.
- W3C Web Annotation: a ``TextPositionSelector`` (code-point offsets, as in
  the records) and a ``TextQuoteSelector`` whose ``prefix``/``suffix`` need the
  source text; without it only ``exact`` is given.

Metadata read from the record's ``meta``: the document's URL (``url``,
``link``, ``source_url``), title (``title``, ``headline``) and date
(:data:`quotes.dates.DATE_KEYS`).
"""

from __future__ import annotations

import uuid
from typing import Any

from quotes.dates import record_date

__all__ = ["CONTEXT_CHARS", "FORMATS", "claim_text", "export", "to_claim", "to_claim_review", "to_web_annotation"]

CONTEXT_CHARS = 32
"""Characters of text kept before and after a quote in a TextQuoteSelector."""

URL_KEYS = ("url", "link", "source_url")
TITLE_KEYS = ("title", "headline")

_ANNOTATION_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:quotes-attribution:annotation")


def _first(meta: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _author(speaker: dict[str, Any] | None) -> dict[str, Any] | None:
    if not speaker:
        return None
    author: dict[str, Any] = {
        "@type": "Organization" if speaker.get("type") == "organisation" else "Person",
        "name": speaker.get("name") or speaker.get("text"),
    }
    if speaker.get("title") and author["@type"] == "Person":
        author["jobTitle"] = speaker["title"]
    return author


def claim_text(record: dict[str, Any]) -> str:
    """The quoted words without the comma news style puts before the closing mark ("...," she said)."""
    return record["content"]["text"].strip().rstrip(",;:").rstrip()


def to_claim(record: dict[str, Any], *, context: bool = True) -> dict[str, Any]:
    """A schema.org ``Claim``: the quoted words, their author and where they appeared."""
    meta = record.get("meta") or {}
    claim: dict[str, Any] = {"@context": "https://schema.org"} if context else {}
    claim.update({"@type": "Claim", "identifier": record.get("quote_id"), "text": claim_text(record)})
    author = _author(record.get("speaker"))
    if author:
        claim["author"] = author
    dated = record_date(record)
    appearance = {"@type": "CreativeWork"}
    for key, value in (("url", _first(meta, URL_KEYS)), ("headline", _first(meta, TITLE_KEYS)),
                       ("datePublished", dated[1] if dated else None)):
        if value:
            appearance[key] = value
    if dated:
        claim["datePublished"] = dated[1]
    if len(appearance) > 1:
        claim["appearance"] = appearance
    return claim


def to_claim_review(record: dict[str, Any]) -> dict[str, Any]:
    """A draft schema.org ``ClaimReview`` of the quote: rating, reviewer and URL left to the fact-checker."""
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim_text(record),
        "itemReviewed": to_claim(record, context=False),
    }


def to_web_annotation(record: dict[str, Any], source_text: str | None = None, *,
                      context_chars: int = CONTEXT_CHARS) -> dict[str, Any]:
    """A W3C Web Annotation selecting the quoted words, with the speaker and cue as its body.

    The target's ``source`` is the document's URL when its metadata has one,
    else its id. ``prefix`` and ``suffix`` come from ``source_text``, the
    document the record was extracted from.
    """
    content = record["content"]
    start, end = content["start"], content["end"]
    quote_selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": content["text"]}
    if source_text is not None:
        if source_text[start:end] != content["text"]:
            raise ValueError(f"{record.get('quote_id')}: the source text does not hold this quote at {start}:{end}")
        quote_selector["prefix"] = source_text[max(0, start - context_chars):start]
        quote_selector["suffix"] = source_text[end:end + context_chars]
    body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": f"quote:{record.get('kind')}"}]
    speaker = record.get("speaker")
    if speaker:
        body.append({"type": "TextualBody", "purpose": "identifying",
                     "value": speaker.get("name") or speaker.get("text")})
    cue = record.get("cue")
    if cue:
        body.append({"type": "TextualBody", "purpose": "describing", "value": f"cue: {cue.get('text')}"})
    meta = record.get("meta") or {}
    annotation: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"urn:uuid:{uuid.uuid5(_ANNOTATION_NAMESPACE, str(record.get('quote_id')))}",
        "type": "Annotation",
        "motivation": "identifying",
        "body": body,
        "target": {
            "source": _first(meta, URL_KEYS) or str(record.get("doc_id")),
            "selector": [{"type": "TextPositionSelector", "start": start, "end": end}, quote_selector],
        },
    }
    return annotation


FORMATS = ("claim", "claimreview", "annotation")


def export(record: dict[str, Any], to: str, source_text: str | None = None) -> dict[str, Any]:
    """One record in the format ``to`` (one of :data:`FORMATS`)."""
    if to == "claim":
        return to_claim(record)
    if to == "claimreview":
        return to_claim_review(record)
    if to == "annotation":
        return to_web_annotation(record, source_text)
    raise ValueError(f"to must be one of {FORMATS}, not {to!r}")
