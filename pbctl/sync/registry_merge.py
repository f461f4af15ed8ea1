"""Shim: the records.yaml merge driver now lives in :mod:`pbctl.records.registry_merge`.

Clones set up before the move name ``python -m pbctl.sync.registry_merge`` as the merge
driver in their ``.git/config``; this module keeps that command working until the next
``pbctl sync`` rewrites the config to the new path.
"""

from __future__ import annotations

import sys

from pbctl.records.registry_merge import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
