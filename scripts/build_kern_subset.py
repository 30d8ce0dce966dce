#!/usr/bin/env python3
"""Builds static/vendor/kern/kern.subset.min.css: the vendored KERN UX stylesheet without
the rules for KERN components our templates never use.

The full kern.min.css is about 340 KB; a visitor on an old phone pays for parsing all of it
on every page even when it arrives compressed. The subset keeps everything that can match
our HTML: every rule without a KERN class (custom properties, @font-face, base element
rules, focus styles, attribute and state selectors), every media query around a kept rule,
and every selector whose KERN classes all occur in our templates or in the Python code that
renders HTML. A selector is dropped only if it needs an element carrying a KERN class that
no template uses, so it cannot match any page.

Run it after a template change that uses a KERN class for the first time (the page-weight
test tells you) and after scripts/update-kern.sh; review the diff, commit the result.
Needs only Python 3; reads nothing from the network.
Usage: python3 scripts/build_kern_subset.py [--check]
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERN = ROOT / "static" / "vendor" / "kern"
SOURCE = KERN / "kern.min.css"
TARGET = KERN / "kern.subset.min.css"

# KERN classes our code builds from values (e.g. class="kern-alert--{{ level }}"), which a
# search for whole class names cannot see. Add every value such a template can produce.
SAFELIST = set()

# Where class names come from: templates, and Python that renders HTML (form widgets,
# blocks, template tags). Tests and migrations render nothing a visitor sees.
SKIP_DIRS = {".venv", "node_modules", "static", "staticfiles", "media", "tests", "migrations", ".git", "bench", "scripts"}

CLASS_NAME = re.compile(r"(?<![\w-])kern-[\w-]*")


def source_files(root=ROOT):
    for path in sorted(root.rglob("*")):
        if path.suffix not in {".html", ".py", ".txt"} or not path.is_file():
            continue
        parts = set(path.relative_to(root).parts[:-1])
        if parts & SKIP_DIRS:
            continue
        if path.suffix != ".py" and "templates" not in parts:
            continue
        yield path


def used_kern_classes(root=ROOT):
    """Every KERN class name our templates and HTML-rendering Python can put on a page.
    Raises if a class name is assembled from a value, which only SAFELIST can cover."""
    used = set(SAFELIST)
    dynamic = []
    for path in source_files(root):
        text = path.read_text(encoding="utf-8")
        for match in CLASS_NAME.finditer(text):
            name = match.group()
            # "kern-alert--{{ level }}" or "kern-alert--" + level; a complete name followed by
            # "{% if %} kern-…" is a separate class and fine.
            if name.endswith(("-", "_")) or text.startswith(("{{", "%s", "{}"), match.end()):
                dynamic.append(f"{path.relative_to(root)}: {name}…")
            else:
                used.add(name)
    if dynamic:
        raise ValueError(
            "KERN class names built from values; list every value they can take in SAFELIST "
            "(scripts/build_kern_subset.py):\n  " + "\n  ".join(dynamic)
        )
    return used


# --- a small CSS reader, enough for a minified stylesheet without nesting ----------------


def skip_string(css, i):
    quote = css[i]
    i += 1
    while css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def find_top_level(css, start, stops):
    """Index of the first character in `stops` at bracket depth 0, outside strings and
    comments; len(css) if there is none."""
    depth = 0
    i = start
    while i < len(css):
        char = css[i]
        if char in "\"'":
            i = skip_string(css, i)
            continue
        if css.startswith("/*", i):
            i = css.index("*/", i + 2) + 2
            continue
        if depth == 0 and char in stops:
            return i
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        i += 1
    return len(css)


def matching_brace(css, open_index):
    depth = 0
    i = open_index
    while True:
        char = css[i]
        if char in "\"'":
            i = skip_string(css, i)
            continue
        if css.startswith("/*", i):
            i = css.index("*/", i + 2) + 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1


def parse(css):
    """A list of (prelude, body) for blocks and (statement, None) for @charset/@import;
    the bodies of grouping at-rules are parsed again into such lists."""
    rules = []
    i = 0
    while i < len(css):
        if css[i].isspace():
            i += 1
            continue
        if css.startswith("/*", i):
            i = css.index("*/", i + 2) + 2
            continue
        end = find_top_level(css, i, "{;")
        if end == len(css) or css[end] == ";":
            rules.append((css[i : end + 1].strip(), None))
            i = end + 1
            continue
        close = matching_brace(css, end)
        prelude, body = css[i:end].strip(), css[end + 1 : close]
        if prelude.startswith(("@media", "@supports", "@layer", "@container")):
            body = parse(body)
        rules.append((prelude, body))
        i = close + 1
    return rules


def split_selectors(prelude):
    selectors, start = [], 0
    while start <= len(prelude):
        end = find_top_level(prelude, start, ",")
        selectors.append(prelude[start:end].strip())
        start = end + 1
    return selectors


def remove_functions(selector, names):
    """The selector without the arguments of the given pseudo-classes, e.g. :not(...)."""
    pattern = re.compile(r":(?:%s)\(" % "|".join(names))
    while match := pattern.search(selector):
        close = find_top_level(selector, match.end(), ")")
        selector = selector[: match.start()] + selector[close + 1 :]
    return selector


ATTRIBUTE = re.compile(r"\[\s*class\s*([*^$|~]?=)\s*[\"']?([^\"'\]\s]+)[\"']?\s*\]")


def can_match(selector, used):
    """False only if the selector requires an element with a KERN class we never use.
    Classes under :not() never require anything; under :is()/:where() (lists of
    alternatives) we do not look, which keeps such selectors."""
    required = remove_functions(selector, ["not", "is", "where"])
    for operator, value in ATTRIBUTE.findall(required):
        if value.startswith("kern-"):
            tests = {
                "*=": lambda name: value in name,
                "^=": lambda name: name.startswith(value),  # first class: approximated by any class
                "$=": lambda name: name.endswith(value),
                "|=": lambda name: name == value or name.startswith(value + "-"),
                "=": lambda name: name == value,
                "~=": lambda name: name == value,
            }
            if not any(tests[operator](name) for name in used):
                return False
    without_attributes = re.sub(r"\[[^\]]*\]", "", required)
    return all(name in used for name in re.findall(r"\.(kern-[\w-]+)", without_attributes))


def subset(rules, used):
    kept = []
    for prelude, body in rules:
        if body is None or prelude.startswith("@"):
            if isinstance(body, list):
                inner = subset(body, used)
                if inner:
                    kept.append((prelude, inner))
            else:
                kept.append((prelude, body))
            continue
        selectors = [selector for selector in split_selectors(prelude) if can_match(selector, used)]
        if selectors:
            kept.append((",".join(selectors), body))
    return kept


def drop_unused_keyframes(rules):
    text = serialize(rules)
    def keep(rule):
        prelude = rule[0]
        if not prelude.startswith("@keyframes"):
            return True
        name = prelude.split()[1]
        return re.search(r"animation(?:-name)?:[^;}]*\b%s\b" % re.escape(name), text) is not None
    return [rule for rule in rules if keep(rule)]


def serialize(rules):
    out = []
    for prelude, body in rules:
        if body is None:
            out.append(prelude)
        elif isinstance(body, list):
            out.append(prelude + "{" + serialize(body) + "}")
        else:
            out.append(prelude + "{" + body + "}")
    return "".join(out)


def build(source_css, used):
    rules = drop_unused_keyframes(subset(parse(source_css), used))
    version = (KERN / "VERSION").read_text().strip() if (KERN / "VERSION").exists() else "?"
    charset = [rule for rule in rules if rule[0].startswith("@charset")]
    rest = [rule for rule in rules if not rule[0].startswith("@charset")]
    banner = (
        f"/* KERN UX {version} (@kern-ux/native), EUPL-1.2, see LICENSE.md. Generated from "
        "kern.min.css by scripts/build_kern_subset.py: only the rules our templates can use. "
        "Do not edit; rerun the script. */"
    )
    return serialize(charset) + banner + serialize(rest) + "\n"


def main(argv):
    try:
        used = used_kern_classes()
    except ValueError as error:
        raise SystemExit(str(error)) from None
    missing = sorted(name for name in used if f".{name}" not in SOURCE.read_text(encoding="utf-8"))
    if missing:
        print("Not in KERN's stylesheet (typo, or a class of our own with the kern- prefix?):", ", ".join(missing))
    result = build(SOURCE.read_text(encoding="utf-8"), used)
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != result:
            raise SystemExit(f"{TARGET.relative_to(ROOT)} is out of date: run scripts/build_kern_subset.py")
        print(f"{TARGET.relative_to(ROOT)} is up to date")
        return
    TARGET.write_text(result, encoding="utf-8")
    print(f"{len(used)} KERN classes in use; {TARGET.relative_to(ROOT)}: {len(result.encode())} bytes "
          f"(from {SOURCE.stat().st_size})")


if __name__ == "__main__":
    main(sys.argv[1:])
