"""The network: organisations (cities, associations, partners) and their
members, programmes and who takes part in them, invitations, and the schemes
that pair cities. The lowest layer of ``schemes``: it imports nothing of
``schemes.work`` or ``schemes.coordination`` (pyproject.toml, make lint)."""
