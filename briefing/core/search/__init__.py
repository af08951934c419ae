"""Searching the library: what a reader types, the FTS5 queries, ranking, snippets, filters."""
