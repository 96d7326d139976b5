"""osallisuus: recommends client-participation methods for Finnish social, health and early-childhood services."""

__version__ = "0.1.0"
