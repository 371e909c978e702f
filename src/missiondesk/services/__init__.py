"""Use cases that the desktop app, the CLI and the HQ server call.

Each public call is one unit of work and returns plain records or changes,
never ORM objects or open connections.
"""
