#!/usr/bin/env bash
# Debian packages the tests use: chromium for browser tests, poppler-utils (pdftoppm) to render
# PDFs, npm to install axe-core for the accessibility checks, libreoffice-impress (soffice) to
# render the slide deck as another program than PowerPoint would. The app needs none of them.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-impress)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
