"""The writes on a scheme's documents (``schemes.services`` gathers them)."""
