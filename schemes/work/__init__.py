"""The work of a scheme: its documents (needs analysis, national context,
mentor profile, good practice, support group, visits, action plan,
self-assessments), their annex templates, services and one history. Each
kind is declared once, beside its model (``incluportal.documents``). It
builds on ``schemes.network`` and imports nothing of ``schemes.coordination``."""
