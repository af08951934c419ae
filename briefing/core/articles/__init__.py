"""Articles: reading, listing, correcting and deleting them."""
