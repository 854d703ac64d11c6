#!/bin/sh
# What `make bench` needs besides cbkpi's own packages: /usr/bin/time, pandas and XlsxWriter
# (the pandas anchor), openpyxl (reading workbooks back), Node.js and npm (the DuckDB anchor),
# and @duckdb/node-api in bench/node_modules. Installs what is missing when root, else prints
# the command to run; a missing anchor is then skipped by bench/run.py, not fatal.
set -eu
cd "$(dirname "$0")"
packages="time python3-pandas python3-xlsxwriter python3-openpyxl"
missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
# Node.js may come from elsewhere than Debian: only its absence counts.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "bench: missing Debian packages:$missing" >&2
        echo "Install them with:  sudo apt-get install -y$missing" >&2
    else
        echo "bench: installing missing Debian packages:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 ||
            { apt-get update -qq && apt-get install -y --no-install-recommends $missing >/dev/null; }
    fi
fi
# The DuckDB anchor's module, at the version package-lock.json pins.
if [ ! -f node_modules/@duckdb/node-api/package.json ] && command -v npm >/dev/null 2>&1; then
    echo "bench: installing @duckdb/node-api into bench/node_modules"
    npm ci --no-audit --no-fund --loglevel=error ||
        echo "bench: npm ci failed; the DuckDB anchor will be skipped" >&2
fi
