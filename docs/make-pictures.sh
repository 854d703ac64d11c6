#!/bin/sh
# Renders the first sheet of each workbook that `make run` writes into docs/*.png, for the
# README: LibreOffice (headless) to PDF, then pdftoppm for the first page.
# Needs: apt-get install libreoffice-calc-nogui poppler-utils
set -eu
cd "$(dirname "$0")/.."
make run >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for book in evaluation needs-2025 scorecard; do
    soffice --headless --norestore --convert-to pdf --outdir "$tmp" "out/$book.xlsx" >/dev/null 2>&1
    pdftoppm -png -r 90 -f 1 -l 1 -singlefile "$tmp/$book.pdf" "docs/$book"
    echo "docs/$book.png"
done
