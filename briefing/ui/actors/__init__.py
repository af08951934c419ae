"""Actor pages (issue 7): filled in by the actor-pages work."""
