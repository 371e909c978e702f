import sys

from missiondesk.app import main

sys.exit(main())
