"""MissionDesk: an offline-first desk for missions that help SMEs and startups abroad."""

__version__ = "0.1.0"
APP_NAME = "MissionDesk"
