"""Sync: the authority's merge engine and change feed, and the replica side of a laptop."""
