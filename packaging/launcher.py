"""The frozen app's entry point: the same as the ``missiondesk`` console script."""

import sys

from missiondesk.app import main

if __name__ == "__main__":
    sys.exit(main())
