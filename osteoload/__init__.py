"""osteoload: bone-health strength training, safe by construction."""

__version__ = "0.1.0"
