"""A review page: the text with every quote, speaker and cue marked.

A fact-checker or an annotator checks extraction by reading: each quote is
highlighted in the text, its speaker mention and cue carry the same colour,
and a side list gives each quote's canonical speaker, title, kind and
confidence, with unattributed or doubtful quotes flagged for review.

The page is one self-contained HTML file: inline CSS, no script, no font or
image from anywhere, and a Content-Security-Policy that forbids fetching
any. Every piece of text is escaped (articles are untrusted input). It
prints legibly: one column, colours kept, marks also told apart by
underlines so a black-and-white print still shows them.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["REVIEW_BELOW", "PageDocument", "check_offsets", "render_page", "review_reasons"]

PALETTE = ("#ffe08a", "#a8e6cf", "#ffb3c1", "#b5d8ff", "#e2c2ff", "#ffd0a8", "#c8f08f", "#a8f0ee")
"""Background colours cycled over a document's quotes; speaker and cue borrow their quote's."""

REVIEW_BELOW = 0.5
"""Quotes attributed with less confidence than this are flagged for review."""

_CSS = """
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 Georgia,"Times New Roman",serif;color:#1b1b1b;background:#fafafa}
header.page{padding:12px 24px;background:#263238;color:#fff;font-family:system-ui,Arial,sans-serif}
header.page h1{margin:0;font-size:20px}
header.page p{margin:4px 0 0;font-size:14px;opacity:.85}
nav.toc{padding:8px 24px;font:14px system-ui,Arial,sans-serif}
article.doc{margin:16px 24px;padding:16px;background:#fff;border:1px solid #ddd;border-radius:6px}
article.doc h2{margin:0 0 4px;font-family:system-ui,Arial,sans-serif;font-size:18px}
.docmeta{margin:0 0 12px;color:#555;font:13px system-ui,Arial,sans-serif}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(260px,2fr);gap:24px}
.text{white-space:pre-wrap;overflow-wrap:break-word}
.quote{border-radius:3px;padding:1px 0;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.quote::before{content:attr(data-n);font:bold 10px system-ui,Arial,sans-serif;vertical-align:super;
  margin-right:2px;color:#333}
.quote.unattributed{outline:2px dashed #c62828;outline-offset:1px}
.speaker{border-bottom:3px solid #333;font-weight:bold}
.cue{border-bottom:2px dotted #333;font-style:italic}
aside.quotes{font:14px/1.4 system-ui,Arial,sans-serif}
aside.quotes h3{margin:0 0 8px;font-size:15px}
aside.quotes ol{list-style:none;margin:0;padding:0}
aside.quotes li{margin:0 0 10px;padding:8px;border-left:8px solid #ccc;background:#f6f6f6;border-radius:3px}
aside.quotes li.review{background:#fdecea}
.excerpt{display:block;margin:2px 0 4px;font-family:Georgia,serif}
.who{font-weight:bold}
.facts{color:#444;font-size:12px}
.badge{display:inline-block;margin-top:4px;padding:1px 6px;border-radius:8px;background:#c62828;color:#fff;
  font-size:12px}
.warning{color:#8a4b00;font:13px system-ui,Arial,sans-serif}
:target{outline:3px solid #263238}
@media screen and (min-width:801px){
  aside.quotes{position:sticky;top:8px;align-self:start;max-height:calc(100vh - 16px);overflow:auto}
}
@media (max-width:800px){.layout{grid-template-columns:1fr}}
@media print{
  body{background:#fff;font-size:11pt}
  header.page{background:#fff;color:#000;border-bottom:2px solid #000}
  nav.toc{display:none}
  article.doc{border:0;margin:0;padding:0;break-before:page}
  article.doc:first-of-type{break-before:auto}
  .layout{display:block}
  aside.quotes{margin-top:12pt;break-inside:auto}
  aside.quotes li{break-inside:avoid}
  .quote,.speaker,.cue,aside.quotes li{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@dataclass(frozen=True, slots=True)
class PageDocument:
    """A document to show: its exact text and the quote records found in it."""

    doc_id: str
    text: str
    records: Sequence[dict[str, Any]]
    meta: dict[str, Any] = field(default_factory=dict)


def check_offsets(text: str, record: dict[str, Any]) -> bool:
    """Whether every span of a record points at its own text in ``text``.

    Records read back from a file may come from another version of the
    document; their marks would land on the wrong words.
    """
    for key in ("quote", "content", "speaker", "cue"):
        span = record.get(key)
        if span is None:
            continue
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            return False
        if text[start:end] != span.get("text"):
            return False
    return True


def _attr(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _text(value: Any) -> str:
    return html.escape(str(value), quote=False)


def review_reasons(record: dict[str, Any]) -> list[str]:
    """Why a quote needs a human look, if it does."""
    speaker = record.get("speaker")
    if speaker is None:
        return ["no speaker found"]
    reasons = []
    if not speaker.get("name"):
        reasons.append("speaker not resolved to a name")
    if float(record.get("confidence") or 0.0) < REVIEW_BELOW:
        reasons.append("low confidence")
    return reasons


class _Marks:
    """Opening and closing tags at text positions, kept well nested.

    Quotes never overlap one another; a speaker or cue mention is cut at quote
    boundaries, and one that overlaps an earlier mention is left out.
    """

    def __init__(self) -> None:
        self.events: list[tuple[int, int, str]] = []  # (position, order, tag)
        self._quotes: list[tuple[int, int]] = []
        self._inline: list[tuple[int, int]] = []

    def add_quote(self, start: int, end: int, opening: str) -> bool:
        if start >= end or any(start < e and s < end for s, e in self._quotes):
            return False
        self._quotes.append((start, end))
        self.events += [(start, 2, opening), (end, 1, "</span>")]
        return True

    def add_inline(self, start: int, end: int, opening: str) -> None:
        if start >= end or any(start < e and s < end for s, e in self._inline):
            return
        self._inline.append((start, end))
        cuts = sorted({p for s, e in self._quotes for p in (s, e) if start < p < end})
        for piece_start, piece_end in zip([start, *cuts], [*cuts, end], strict=True):
            self.events += [(piece_start, 3, opening), (piece_end, 0, "</span>")]

    def apply(self, text: str) -> str:
        out, at = [], 0
        for position, _, tag in sorted(self.events, key=lambda e: (e[0], e[1])):
            out.append(_text(text[at:position]))
            out.append(tag)
            at = position
        out.append(_text(text[at:]))
        return "".join(out)


def _document_section(number: int, doc: PageDocument) -> str:
    usable = [r for r in doc.records if check_offsets(doc.text, r)]
    mismatched = len(doc.records) - len(usable)
    usable.sort(key=lambda r: r["quote"]["start"])
    marks = _Marks()
    shown: list[tuple[int, str, dict[str, Any]]] = []
    mentions: dict[tuple[str, int, int], list[tuple[str, int]]] = defaultdict(list)
    for record in usable:
        n = len(shown) + 1
        anchor = f"q-{number}-{n}"
        colour = f"c{(n - 1) % len(PALETTE)}"
        classes = f"quote {colour}" + (" unattributed" if record.get("speaker") is None else "")
        opening = (f'<span class="{classes}" id="{anchor}" data-n="{n}" '
                   f'data-quote-id="{_attr(record.get("quote_id", ""))}" data-kind="{_attr(record.get("kind", ""))}">')
        if not marks.add_quote(record["quote"]["start"], record["quote"]["end"], opening):
            mismatched += 1
            continue
        shown.append((n, anchor, record))
        for role in ("speaker", "cue"):
            span = record.get(role)
            if span is not None:
                mentions[(role, span["start"], span["end"])].append((str(record.get("quote_id", "")), n))
    for (role, start, end), owners in sorted(mentions.items(), key=lambda item: (item[0][1], item[0][0])):
        colour = f"c{(owners[0][1] - 1) % len(PALETTE)}"
        ids = " ".join(quote_id for quote_id, _ in owners)
        numbers = " ".join(str(n) for _, n in owners)
        marks.add_inline(start, end, f'<span class="{role} {colour}" data-quote-ids="{_attr(ids)}" '
                                      f'data-n="{numbers}">')
    title = doc.meta.get("title") or doc.meta.get("headline") or doc.doc_id
    facts = [f"id {doc.doc_id}"] + [f"{key} {doc.meta[key]}" for key in ("date", "publication_date", "url")
                                    if isinstance(doc.meta.get(key), str)]
    review = sum(1 for _, _, r in shown if review_reasons(r))
    facts.append(f"{len(shown)} quote{'s' if len(shown) != 1 else ''}, {review} to review")
    warning = ""
    if mismatched:
        noun, verb = ("record", "is") if mismatched == 1 else ("records", "are")
        warning = (f'<p class="warning">{mismatched} {noun} did not match this text (other offsets, or '
                   f"overlapping another quote) and {verb} not shown.</p>\n")
    items = "\n".join(_list_item(n, anchor, record) for n, anchor, record in shown)
    return (
        f'<article class="doc" id="doc-{number}" data-doc-id="{_attr(doc.doc_id)}">\n'
        f"<h2>{_text(title)}</h2>\n<p class=\"docmeta\">{_text(' · '.join(facts))}</p>\n{warning}"
        f'<div class="layout">\n<div class="text">{marks.apply(doc.text)}</div>\n'
        f'<aside class="quotes"><h3>Quotes</h3><ol>\n{items}\n</ol></aside>\n</div>\n</article>'
    )


def _list_item(n: int, anchor: str, record: dict[str, Any]) -> str:
    speaker = record.get("speaker") or {}
    name = speaker.get("name") or speaker.get("text") or "unattributed"
    mention = speaker.get("text") if speaker.get("text") and speaker.get("text") != name else None
    cue = record.get("cue") or {}
    content = record["content"]["text"]
    excerpt = content if len(content) <= 160 else content[:157].rstrip() + "…"
    facts = [f"kind {record.get('kind')}", f"confidence {float(record.get('confidence') or 0):.2f}"]
    if cue:
        facts.append(f"cue {cue.get('text')}")
    if speaker.get("resolved_by") and speaker.get("resolved_by") != "direct":
        facts.append(f"resolved by {speaker.get('resolved_by')}")
    reasons = review_reasons(record)
    colour = PALETTE[(n - 1) % len(PALETTE)]
    who = _text(name) + (f" <small>({_text(mention)})</small>" if mention else "")
    title = f'<br><span class="facts">{_text(speaker["title"])}</span>' if speaker.get("title") else ""
    badge = "".join(f'<br><span class="badge">review: {_text(r)}</span>' for r in reasons)
    return (
        f'<li class="item{" review" if reasons else ""}" style="border-left-color:{colour}" '
        f'data-quote-id="{_attr(record.get("quote_id", ""))}"><a href="#{anchor}">#{n}</a> '
        f'<span class="who">{who}</span>{title}<span class="excerpt">{_text(excerpt)}</span>'
        f'<span class="facts">{_text(" · ".join(facts))}</span>{badge}</li>'
    )


def render_page(documents: Iterable[PageDocument], *, title: str = "Quotes") -> str:
    """One self-contained HTML page showing every document with its quotes marked."""
    docs = list(documents)
    sections = [_document_section(number, doc) for number, doc in enumerate(docs, 1)]
    total = sum(len(doc.records) for doc in docs)
    toc = ""
    if len(docs) > 1:
        links = " · ".join(f'<a href="#doc-{n}">{_text(doc.meta.get("title") or doc.doc_id)}</a>'
                           for n, doc in enumerate(docs, 1))
        toc = f'<nav class="toc">{links}</nav>\n'
    colours = "".join(f".c{i}{{background:{c}}}" for i, c in enumerate(PALETTE))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(title)}</title>\n<style>{_CSS}{colours}</style>\n</head>\n<body>\n"
        f'<header class="page"><h1>{_text(title)}</h1><p>{len(docs)} document{"s" if len(docs) != 1 else ""}, '
        f"{total} quote{'s' if total != 1 else ''}. Each quote is highlighted; its speaker is underlined and its "
        "cue dotted in the same colour.</p></header>\n"
        f"{toc}" + "\n".join(sections) + "\n</body>\n</html>\n"
    )
