"""The Qt desktop app. It calls briefing.core and never writes SQL itself.

Entry point: `briefing.ui.app.run(library_path)`.
"""
