"""osallisuus: recommends client-participation methods for Finnish services.

Social, health and early-childhood services; Finnish and English.
"""

__version__ = "0.1.0"
