"""Helpers the tests share: reading pages (htmlforms), their error summaries
(a11y) and posting bad values to every form (badinput)."""
