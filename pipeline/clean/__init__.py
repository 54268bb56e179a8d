"""Clean: RawDocument -> Article (or Rejection). Pure functions, no I/O."""

from pipeline.clean.article import clean_document, clean_documents, site_furniture

__all__ = ["clean_document", "clean_documents", "site_furniture"]
