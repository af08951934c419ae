"""Claims: who says what, about whom, resting on which sources, and how credible it is."""
