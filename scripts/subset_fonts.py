#!/usr/bin/env python3
"""Cuts the vendored Fira Sans fonts down to the scripts the site is written in.

KERN ships Fira Sans with every script the font has (Latin, Greek, Cyrillic, Vietnamese …):
about 135 KB per weight, five weights on a page – 680 KB of fonts for a phone on a slow
connection, more than everything else on the page together (Lighthouse, issue 14). The
site's languages need Latin with Turkish letters, and Cyrillic for Ukrainian; Arabic is set
in the system's Arabic font anyway. The subset keeps those, the punctuation and symbols of
German typography (quotes, dashes, €, №, arrows), and the layout features the text uses (kerning,
ligatures, figures). It writes the same ranges into static/vendor/kern/fonts/fira-sans.css
(unicode-range), so a character outside them is drawn by the fallback font, not left blank,
and font-display: swap, so text shows at once in the fallback font.

Run after scripts/update-kern.sh (which brings back the full fonts); running it twice
changes nothing. Needs fontTools and brotli (requirements-dev.txt); no network.
Usage: python3 scripts/subset_fonts.py
"""

import re
from pathlib import Path

from fontTools import subset

FONTS = Path(__file__).resolve().parent.parent / "static" / "vendor" / "kern" / "fonts" / "fira-sans"
STYLESHEET = FONTS.parent / "fira-sans.css"

# Keep in step with unicode-range in fira-sans.css.
UNICODE_RANGES = (
    "U+0000-017F,U+0218-021B,U+02BC,U+02C6,U+02DA,U+02DC,U+0300-0301,U+0303,U+0308,U+0327,"
    "U+0400-045F,U+0490-0491,U+04B0-04B1,U+1E9E,U+2000-206F,U+20AC,U+20B4,U+20BA,U+2116,"
    "U+2122,U+2190-2193,U+2212,U+2215,U+FEFF,U+FFFD"
)


def unicodes():
    for part in UNICODE_RANGES.split(","):
        bounds = [int(bound, 16) for bound in part.removeprefix("U+").split("-")]
        yield from range(bounds[0], bounds[-1] + 1)


def declare_in_stylesheet():
    """Every @font-face of fira-sans.css gets font-display: swap and the unicode-range."""
    ranges = ", ".join(UNICODE_RANGES.split(","))

    def declare(match):
        body = re.sub(r"\n\s*(font-display|unicode-range):[^;]*;", "", match.group(1))
        return "@font-face {" + body.rstrip() + f"\n    font-display: swap;\n    unicode-range: {ranges};\n}}"

    text = STYLESHEET.read_text(encoding="utf-8")
    STYLESHEET.write_text(re.sub(r"@font-face\s*{([^}]*)}", declare, text), encoding="utf-8")


def main():
    options = subset.Options()
    options.flavor = "woff2"
    # fontTools' default features (kerning, ligatures, marks, fractions …) and the figures.
    options.layout_features += ["tnum", "lnum", "case"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    wanted = list(unicodes())
    for path in sorted(FONTS.glob("*.woff2")):
        before = path.stat().st_size
        font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        subset.save_font(font, str(path), options)
        print(f"{path.name}: {before // 1024} KB → {path.stat().st_size // 1024} KB")
    declare_in_stylesheet()


if __name__ == "__main__":
    main()
