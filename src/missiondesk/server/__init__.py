"""The HQ sync server: an HTTP face on the authority (``missiondesk-server``)."""
