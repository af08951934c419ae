"""Actions of the desktop app."""
