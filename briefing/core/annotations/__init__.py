"""Annotations (claims, mentions, highlights, notes): spans of one article; removing and
restoring them; W3C Web Annotation in and out."""
