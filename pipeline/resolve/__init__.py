"""Resolve: article-local entities to canonical people and organizations across the corpus."""
