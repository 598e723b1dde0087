"""Screens of the review TUI: the review screen and its dialogs."""
