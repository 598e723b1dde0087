"""Widgets of the review TUI: the claims table, the detail pane, the story status bar."""
