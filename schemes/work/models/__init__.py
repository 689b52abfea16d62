"""The documents' models (``schemes.models`` gathers them for Django)."""
