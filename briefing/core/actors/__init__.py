"""Actors, their aliases and pages, and their mentions in the text (found, suggested, confirmed)."""
