"""The network's models (``schemes.models`` gathers them for Django)."""
