"""prcheck: audit the documents of an Express Entry permanent-residence application."""

__version__ = "0.1.0"
