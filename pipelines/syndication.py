"""The storage side's name for the body fingerprints: ``newscrawler.common.fingerprints``.

The functions live in ``newscrawler.common`` because the spider's extraction workers compute the same
fingerprints (the values are stored, so both sides must agree to the bit); the dedupe stage, the
repository and migration 0004 import them from here. Definitions and the stored format: see that module.
"""

from __future__ import annotations

from newscrawler.common.fingerprints import *  # noqa: F403  (the same public names, no second list)
from newscrawler.common.fingerprints import __all__ as __all__
