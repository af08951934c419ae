"""Undo and redo: one QUndoStack per window, commands that pair two core calls."""
