"""The frozen app's entry point: the same as the ``missiondesk`` console script."""

import multiprocessing
import sys

from missiondesk.app import main

if __name__ == "__main__":
    # A bundle import reads large readable sheets in a second process (``bundles.readable_job``):
    # in the frozen app that process is this executable, which must then run the job, not the app.
    multiprocessing.freeze_support()
    sys.exit(main())
