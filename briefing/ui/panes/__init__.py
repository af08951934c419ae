"""A row of panes around a main one (the reader, the briefing editor) that keeps the main
pane readable: side panes fold to a labelled strip when the row is too narrow for them, and
come back when it is wide enough again or when the reader asks (fit.py decides, row.py
shows; strip.py is the fold).
"""
