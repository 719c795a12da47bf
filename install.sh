#!/bin/sh
# Installs the self-contained sandbox-daemon (no Java needed on the machine) from a release
# tarball, a local file or a URL, after checking the SHA-256 published beside it (<tarball>.sha256):
#
#   sh install.sh ./sandbox-daemon-0.1.0-linux-x64.tar.gz
#   curl -fsSL https://host/install.sh | sh -s -- https://host/sandbox-daemon-0.1.0-linux-x64.tar.gz
#
# It unpacks into a versioned folder, <prefix>/sandbox-daemon-<version>/, and links
# <bin dir>/sandbox-daemon and <bin dir>/sandbox-agent (the seed system's name) to it. Running it
# again with the same tarball changes nothing; a newer one is installed beside the old and takes
# over the links. A bad checksum or a broken archive installs nothing.
#   --prefix DIR   where versions go  (default: $SANDBOX_DAEMON_PREFIX, else /opt/sandbox-daemon as
#                  root, else ~/.local/share/sandbox-daemon)
#   --bin-dir DIR  where the links go (default: $SANDBOX_DAEMON_BIN_DIR, else /usr/local/bin as
#                  root, else ~/.local/bin)
# POSIX sh only (tested with dash); needs tar, gzip, sha256sum (or shasum, or openssl), and curl
# or wget for a URL.
set -eu

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

if [ "$(id -u)" = 0 ]; then
    prefix=${SANDBOX_DAEMON_PREFIX:-/opt/sandbox-daemon}
    bindir=${SANDBOX_DAEMON_BIN_DIR:-/usr/local/bin}
else
    prefix=${SANDBOX_DAEMON_PREFIX:-$HOME/.local/share/sandbox-daemon}
    bindir=${SANDBOX_DAEMON_BIN_DIR:-$HOME/.local/bin}
fi
source=
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; prefix=$2; shift 2 ;;
        --bin-dir) [ $# -ge 2 ] || die "--bin-dir needs a folder"; bindir=$2; shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" 2>/dev/null; exit 0 ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) [ -z "$source" ] || die "give one tarball, not several"; source=$1; shift ;;
    esac
done
[ -n "$source" ] || die "give the tarball to install: a file or an http(s) URL (see --help)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sandbox-daemon-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

fetch() { # fetch URL FILE
    if command -v curl >/dev/null 2>&1; then
        curl -fsSL --retry 2 -o "$2" "$1" || die "cannot download $1 (curl failed); nothing was installed"
    elif command -v wget >/dev/null 2>&1; then
        wget -q -O "$2" "$1" || die "cannot download $1 (wget failed); nothing was installed"
    else
        die "neither curl nor wget is installed: install one, or download the tarball and its .sha256 and give the file"
    fi
}

sha256() { # prints the SHA-256 of a file
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d ' ' -f 1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d ' ' -f 1
    elif command -v openssl >/dev/null 2>&1; then
        openssl dgst -sha256 "$1" | sed 's/.*= *//'
    else
        die "no sha256sum, shasum or openssl to check the download with"
    fi
}

name=${source##*/}
case $name in
    *.tar.gz) ;;
    *) die "$source is not a .tar.gz release of sandbox-daemon" ;;
esac
tarball=$tmp/$name
case $source in
    http://*|https://*)
        say "downloading $source"
        fetch "$source" "$tarball"
        fetch "$source.sha256" "$tarball.sha256" ;;
    *)
        [ -f "$source" ] || die "no such file: $source"
        [ -f "$source.sha256" ] || die "no checksum beside the tarball: $source.sha256 is missing; nothing was installed"
        cp "$source" "$tarball"
        cp "$source.sha256" "$tarball.sha256" ;;
esac

expected=$(cut -d ' ' -f 1 < "$tarball.sha256" | tr 'A-F' 'a-f')
actual=$(sha256 "$tarball")
case $expected in
    ????????????????????????????????????????????????????????????????) ;;
    *) die "$name.sha256 holds no SHA-256 ('$expected'); nothing was installed" ;;
esac
[ "$expected" = "$actual" ] || die "checksum mismatch for $name: expected $expected, got $actual (a broken or tampered download); nothing was installed"

mkdir -p "$tmp/unpacked"
tar -xzf "$tarball" -C "$tmp/unpacked" || die "cannot unpack $name; nothing was installed"
version_dir=
for d in "$tmp"/unpacked/sandbox-daemon-*; do
    [ -x "$d/bin/sandbox-daemon" ] && version_dir=${d##*/}
done
[ -n "$version_dir" ] || die "$name holds no sandbox-daemon-<version>/bin/sandbox-daemon; nothing was installed"
printf '%s\n' "$actual" > "$tmp/unpacked/$version_dir/.sha256"

mkdir -p "$prefix" "$bindir"
target=$prefix/$version_dir
if [ -f "$target/.sha256" ] && [ "$(cat "$target/.sha256")" = "$actual" ]; then
    say "$version_dir is already installed in $target"
else
    # Moved in whole (a rename within $prefix), so the folder is never half there.
    staging=$prefix/.$version_dir.$$
    rm -rf "$staging"
    cp -pR "$tmp/unpacked/$version_dir" "$staging" || { rm -rf "$staging"; die "cannot copy into $prefix; nothing was installed"; }
    rm -rf "$target"
    mv "$staging" "$target"
    say "installed $version_dir into $target"
fi

for link in sandbox-daemon sandbox-agent; do
    ln -sf "$target/bin/sandbox-daemon" "$bindir/.$link.$$"
    mv -f "$bindir/.$link.$$" "$bindir/$link"
done
say "$bindir/sandbox-daemon and $bindir/sandbox-agent run it"
case ":$PATH:" in
    *":$bindir:"*) ;;
    *) say "add $bindir to PATH, e.g. export PATH=\"$bindir:\$PATH\"" ;;
esac
