"""Helpers of the quote stage: quotation marks, cue words and speakers."""
