"""The team library: sharing this library through PostgreSQL (`library.team`)."""
