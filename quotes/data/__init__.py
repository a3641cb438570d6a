"""Package data: the cue lexicon, title and organisation word lists, the calibration table."""
