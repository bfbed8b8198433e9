"""Can this Python run the course? Run it before the install (README, "For students"):

    python3 tools/check_python.py        (Windows: py tools\\check_python.py)

It prints one line and exits with 0 for Python 3.10 to 3.13, or explains what to install and
exits with 1. (pip alone would only say "No matching distribution found for numpy==2.2.6"
on macOS's own python3, which is 3.9.) Written for any Python 3.6 or newer (f-strings).
"""

import sys

OLDEST, NEWEST = (3, 10), (3, 13)


def verdict(version_info, platform):
    """(ok, message) for a Python ``version_info`` on ``platform`` (``sys.platform``)."""
    version = "{}.{}.{}".format(*version_info[:3])
    if OLDEST <= tuple(version_info[:2]) <= NEWEST:
        return True, f"Python {version}: fine for the course."
    if tuple(version_info[:2]) > NEWEST:
        return True, (
            f"Python {version}: newer than the course's tested 3.10 to 3.13; if the install fails, "
            "use Python 3.13."
        )
    advice = {
        "darwin": "macOS's own python3 is 3.9: install Python 3.13 from python.org (or "
        "`brew install python@3.13`), then use python3.13 instead of python3.",
        "win32": "Install Python 3.13 from python.org or the Microsoft Store, then use "
        "`py -3.13` instead of `py`.",
    }.get(
        platform, "Install Python 3.10 or newer (e.g. `sudo apt install python3.11`), then use it."
    )
    return False, f"Python {version} is too old: the course needs Python 3.10 to 3.13. {advice}"


if __name__ == "__main__":
    ok, message = verdict(sys.version_info, sys.platform)
    print(message)
    sys.exit(0 if ok else 1)
