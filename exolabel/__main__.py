"""``python -m exolabel``."""

from exolabel.cli import run

run()
