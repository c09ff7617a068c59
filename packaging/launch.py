"""What the built app runs: the same entry point as `workshop-app` from a virtual environment."""

import sys

from workshop_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
