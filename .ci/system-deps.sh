#!/usr/bin/env bash
# Checks (and, as root, installs) the Debian packages the portal needs.
#   .ci/system-deps.sh            WeasyPrint's libraries and gettext (make run)
#   .ci/system-deps.sh --browser  the same plus Chromium, poppler-utils and Java for
#                                 the HTML checker (make test, .ci/run)
# Without harfbuzz-subset WeasyPrint still works but renders PDFs ~3x slower,
# so it is required here rather than left to chance. fonts-noto-color-emoji
# prints emoji and flags in PDFs as themselves rather than as empty boxes
# (templates/pdf/base.html names it after DejaVu Sans); the tests read PDFs
# back with poppler-utils (pdfinfo, pdffonts).
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
  fonts-noto-color-emoji gettext)
if [[ "${1:-}" == "--browser" ]]; then
  packages+=(chromium poppler-utils openjdk-17-jre-headless)
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "Missing system packages: ${missing[*]}" >&2
echo "Install them with:" >&2
echo "  sudo apt-get install -y ${missing[*]}" >&2
exit 1
