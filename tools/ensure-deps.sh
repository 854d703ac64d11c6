#!/bin/sh
# Installs the Debian packages cbkpi needs when they are missing (as root), or prints the one
# command to run. Quiet when everything is there. Arguments name other packages to check
# instead (the benchmark's, the fuzzers').
set -eu
packages="${*:-gcc make pkg-config libcsv-dev libxlsxwriter-dev libcriterion-dev python3 python3-openpyxl valgrind time}"
missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "cbkpi needs these Debian packages:$missing" >&2
    echo "Install them with:  sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "Installing missing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y --no-install-recommends $missing; }
echo "Installed:$missing"
