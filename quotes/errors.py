"""The exceptions ``quotes`` raises on purpose, so callers can tell them from bugs.

Content problems in one document never raise (they become error records);
these are for what stops a whole run: a missing spaCy pipeline, an input or
output that cannot be used at all.
"""

from __future__ import annotations


class QuotesError(Exception):
    """Base class: a problem the user can fix, reported in one line."""


class ModelNotFound(QuotesError):
    """The spaCy pipeline asked for is not installed; the message names the install command."""


class BadInput(QuotesError):
    """A record file that cannot be read: the message names the source, the line and the cause."""
