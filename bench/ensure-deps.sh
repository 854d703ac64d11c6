#!/bin/sh
# What `make bench` needs besides cbkpi's own packages: /usr/bin/time, pandas and XlsxWriter
# (the pandas anchor), openpyxl (reading workbooks back), Node.js and npm (the DuckDB anchor),
# and @duckdb/node-api in bench/node_modules. Installs what is missing when root, else prints
# the command to run; a missing anchor is then skipped by bench/run.py, not fatal.
set -eu
cd "$(dirname "$0")"
packages="time python3-pandas python3-xlsxwriter python3-openpyxl"
# Node.js may come from elsewhere than Debian: only its absence counts.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || packages="$packages nodejs npm"
# A missing anchor is skipped by bench/run.py, so a refusal here is not fatal.
../tools/ensure-deps.sh $packages || true
# The DuckDB anchor's module, at the exact version package.json names (which pins its native
# bindings exactly in turn), so no lock file is kept.
if [ ! -f node_modules/@duckdb/node-api/package.json ] && command -v npm >/dev/null 2>&1; then
    echo "bench: installing @duckdb/node-api into bench/node_modules"
    npm install --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null ||
        echo "bench: npm install failed; the DuckDB anchor will be skipped" >&2
fi
