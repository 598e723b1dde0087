"""Claim Tracker: claims and attributions in news stories, reviewed and audited."""

__version__ = "0.1.0"
