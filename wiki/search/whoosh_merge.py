"""``python -m wiki.search.whoosh_merge DIRECTORY LOCK_TIMEOUT``: merge the index's segments.

The Whoosh backend starts this process after a write that leaves segments due for merging
(``WhooshBackend._run_merge_process``), so the merge runs beside the worker, not in its GIL.
Exit status: 0 merged or nothing to merge, ``MERGE_BUSY`` the write lock stayed held.
"""

import os
import sys
from collections.abc import Sequence

from wiki.search.base import IndexBusy
from wiki.search.whoosh_backend import MERGE_BUSY, WhooshBackend


def main(argv: Sequence[str]) -> int:
    os.nice(10)  # the workers' requests first
    directory, timeout = argv
    try:
        WhooshBackend(directory).merge_segments(timeout=float(timeout))
    except IndexBusy:
        return MERGE_BUSY
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
