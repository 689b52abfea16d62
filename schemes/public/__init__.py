"""The portal's public face: what a city chooses to publish.

Two things are readable without signing in: the good practices a city has
published (a copy frozen when it published, ``PublishedPractice``) and each
city's one-stop information page for newcomers (``CityGuide``, published as
``GuidePublication`` snapshots). Nothing else is: every public view reads
only these tables, and never the session.

The top layer of ``schemes``: it reads the work of the cities (good
practices) and the network (organisations); nothing below imports it.
"""
