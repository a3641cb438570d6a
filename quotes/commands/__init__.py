"""One module per ``quotes`` command; see :mod:`quotes.cli`."""
