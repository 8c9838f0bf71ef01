#!/bin/sh
# Install the Debian packages that fioscope's build, tests and demo need,
# when they are missing.  As root: apt-get; otherwise print the command.
set -eu
pkgs="gcc make pkg-config libjson-c-dev libsqlite3-dev zlib1g-dev libssl-dev
      libcairo2-dev libpng-dev librsvg2-bin gnuplot-nox fonts-dejavu-core sqlite3
      libxml2-utils clang valgrind time bc chromium man-db mandoc python3 fio
      librsvg2-dev libzip-dev poppler-utils libreoffice-impress unzip"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends $missing >&2
else
	echo "deps: missing Debian packages; run as root:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi
