"""A briefing out of the library: Markdown with footnotes, standalone HTML, CSL-JSON."""
