"""The claims table (issue 7): filled in by the claims-table work."""
