"""``python -m exolabel`` and the ``exolabel`` command (:func:`run`).

The cyclic GC is paused before anything is imported: start-up makes long-lived objects only (importing typer alone
runs some 11 million instructions of collections), and :func:`exolabel.cli.main` turns the collector back on once
the command has loaded what it needs (see ``exolabel._fast.gcpause``).
"""

import gc


def run() -> None:
    gc.disable()
    from exolabel.cli import run as run_cli

    run_cli(gc_paused=True)


if __name__ == "__main__":
    run()
