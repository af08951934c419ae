"""Turning files and pasted text into articles: one module per kind of input."""
