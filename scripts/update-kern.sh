#!/usr/bin/env bash
# Refreshes the vendored KERN UX build (@kern-ux/native) in static/vendor/kern/.
# KERN is vendored rather than installed at set-up so that the site needs nothing but
# Python to run, and every visitor gets the files from our own origin.
# Usage: scripts/update-kern.sh [VERSION]   (needs npm and python3; run it, review the diff, commit)
set -euo pipefail
version="${1:-2.7.2}"
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/static/vendor/kern"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@kern-ux/native@$version" >/dev/null && tar xzf kern-ux-native-*.tgz)
rm -rf "$dest"
mkdir -p "$dest/fonts/fira-sans"
cp "$tmp/package/dist/kern.min.css" "$tmp/package/LICENSE.md" "$dest/"
cp "$tmp/package/dist/fonts/fira-sans.css" "$dest/fonts/"
# Only the font files the stylesheet refers to.
grep -o 'FiraSans-[A-Za-z]*\.woff2' "$dest/fonts/fira-sans.css" | sort -u | while read -r f; do
  cp "$tmp/package/dist/fonts/fira-sans/$f" "$dest/fonts/fira-sans/"
done
echo "$version" > "$dest/VERSION"
# Pages link the subset with only the rules our templates use, not the full stylesheet.
python3 "$here/scripts/build_kern_subset.py"
echo "KERN UX $version vendored into $dest"
