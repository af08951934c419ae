"""Where annotations sit in an article's text, and where they go when the text changes."""
