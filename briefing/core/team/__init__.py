"""The team library: sharing this library through PostgreSQL (`library.team`)."""

# Which side a settled conflict keeps. Here rather than in service.py, so that the command
# line can offer the choices without loading the sync (about 20 ms at start-up).
KEEP = ("mine", "theirs")
