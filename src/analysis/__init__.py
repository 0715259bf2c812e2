"""Guangdong Carbon-Peak Tracker: data → validated frames → models → assessment → book."""

__version__ = "0.1.0"
