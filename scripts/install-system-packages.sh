#!/usr/bin/env bash
# System packages the tests and PDF/PNG export use: LibreOffice Calc (headless), poppler
# (pdftoppm) and metric-compatible fonts. Installed with apt-get when missing; a no-op otherwise.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi carlito || need+=(fonts-crosextra-carlito fonts-liberation2)
if [ ${#need[@]} -eq 0 ]; then
  echo "System packages already present."
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "Installing ${need[*]} with apt-get ..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "Installed: ${need[*]}"
