"""newsetl: raw news pages in, normalized PostgreSQL tables out."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
