"""tutor: a terminal tutor that teaches you to end phone calls well."""

__version__ = "0.1.0"
