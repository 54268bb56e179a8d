"""Sources: turn what the user points at into a stream of RawDocument."""

from pipeline.sources.files import SourceError, expand_paths, iter_documents

__all__ = ["SourceError", "expand_paths", "iter_documents"]
