"""Briefings: claims, notes and sub-headings gathered into titled sections, ready to export."""
