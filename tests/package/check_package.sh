#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Debian package from a finished build tree (cpack, into a temporary folder) and
# checks it the way a user meets it: the file list, the Depends line, the desktop file and
# AppStream metainfo against the freedesktop validators, the man pages through groff, the bash
# completion against the commands the program itself lists, and both programs run from the
# unpacked package (no build-tree library paths, nothing missing).
#
# Usage: check_package.sh BUILD_DIR VERSION GUI(ON|OFF)
# Exit 77 (skipped) where there is no dpkg tool chain or LibTorch is not Debian's.
set -uo pipefail

build=${1:?build dir}
version=${2:?project version}
gui=${3:-ON}
export LC_ALL=C.UTF-8

for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
if ! grep -q 'CPACK_DEBIAN_PACKAGE_SHLIBDEPS "ON"' "$build/CPackConfig.cmake"; then
  echo "FAIL: CPackConfig.cmake does not compute Depends with dpkg-shlibdeps"; exit 1
fi
torch_dir=$(sed -n 's/^Torch_DIR:PATH=//p' "$build/CMakeCache.txt")
if [[ $torch_dir != /usr/* ]]; then
  echo "SKIP: LibTorch from $torch_dir is not a Debian package; such builds are not packaged"
  exit 77
fi

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok:   $*"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/catdpo-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- build the package -------------------------------------------------------------------------
start=$SECONDS
if ! cpack --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log"
  echo "FAIL: cpack did not build the package"; exit 1
fi
debs=("$tmp"/out/*.deb)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
  echo "FAIL: expected one .deb, got: ${debs[*]}"; exit 1
fi
deb=${debs[0]}
ok "cpack built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) in $((SECONDS - start)) s"
[[ $(basename "$deb") == catdpo-studio_${version}_*.deb ]] || fail "file name $(basename "$deb")"

# --- the file list -----------------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's#^\./#/#' >"$tmp/files"
icons=/usr/share/icons/hicolor
expect=(/usr/bin/catdpo /usr/share/man/man1/catdpo.1.gz /usr/share/bash-completion/completions/catdpo
        /usr/share/doc/catdpo-studio/copyright $icons/scalable/apps/catdpo-studio.svg)
icon_sizes=(16 22 24 32 48 64 128 256 512)
if [ "$gui" = ON ]; then
  expect+=(/usr/bin/catdpo-studio /usr/share/man/man1/catdpo-studio.1.gz
           /usr/share/applications/org.catdpo.studio.desktop
           /usr/share/metainfo/org.catdpo.studio.metainfo.xml
           /usr/share/mime/packages/catdpo-studio.xml)
  for s in "${icon_sizes[@]}"; do expect+=("$icons/${s}x${s}/apps/catdpo-studio.png"); done
fi
missing=0
for f in "${expect[@]}"; do
  grep -qxF "$f" "$tmp/files" || { fail "package lacks $f"; missing=1; }
done
[ $missing -eq 0 ] && ok "package holds all ${#expect[@]} expected files"
stray=$(grep -v -E '^/usr/(bin|share)/|/$' "$tmp/files" || true)
if [ -z "$stray" ]; then ok "nothing installed outside /usr/bin and /usr/share"
else fail "stray files: $stray"; fi

# --- control fields ----------------------------------------------------------------------------
dpkg-deb -I "$deb" >"$tmp/info"
depends=$(dpkg-deb -f "$deb" Depends)
echo "      Depends: $depends"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] && ok "Version $version" ||
  fail "Version is $(dpkg-deb -f "$deb" Version), CMake says $version"
grep -q '^ Package: catdpo-studio$' "$tmp/info" || fail "dpkg-deb -I: no 'Package: catdpo-studio'"
need=(libc6 libstdc++6 libtorch1.13 libopenblas0-pthread libsqlite3-0 zlib1g libutf8proc2)
[ "$gui" = ON ] &&
  need+=(libqt6core6 libqt6widgets6 libqt6svg6 libqcustomplot2.1-qt6 qt6-qpa-plugins)
for p in "${need[@]}"; do
  [[ ", $depends," =~ [\ ,]${p//+/\\+}[\ ,\(] ]] || fail "Depends lacks $p"
done
[[ $depends == *'${'* ]] && fail "Depends holds an unexpanded variable"
[[ $depends =~ libtorch1\.13\ \(\>=\ [0-9] ]] && ok "Depends names LibTorch with a version" ||
  fail "Depends has no versioned libtorch (did dpkg-shlibdeps run?)"

# --- unpack: validators ------------------------------------------------------------------------
root="$tmp/root"
dpkg -x "$deb" "$root" || { echo "FAIL: dpkg -x"; exit 1; }
if [ "$gui" = ON ]; then
  desktop="$root/usr/share/applications/org.catdpo.studio.desktop"
  if command -v desktop-file-validate >/dev/null; then
    out=$(desktop-file-validate "$desktop" 2>&1)
    [ -z "$out" ] && ok "desktop-file-validate: clean" || fail "desktop-file-validate: $out"
  else
    echo "note: desktop-file-validate not installed (desktop-file-utils)"
  fi
  grep -qx 'Exec=catdpo-studio %f' "$desktop" || fail "desktop file does not open a file with %f"
  for m in application/jsonl application/x-ndjson application/json application/gzip; do
    grep -q "^MimeType=.*$m;" "$desktop" || fail "desktop file lacks MimeType $m"
  done
  grep -qx 'Icon=catdpo-studio' "$desktop" || fail "desktop file Icon is not catdpo-studio"
  metainfo="$root/usr/share/metainfo/org.catdpo.studio.metainfo.xml"
  if command -v appstreamcli >/dev/null; then
    if out=$(appstreamcli validate --no-net --pedantic "$metainfo" 2>&1); then
      ok "appstreamcli validate: $(tail -1 <<<"$out")"
    else
      fail "appstreamcli validate: $out"
    fi
  else
    echo "note: appstreamcli not installed (appstream)"
  fi
  grep -q "<release version=\"$version\"" "$metainfo" || fail "metainfo has no release $version"
  for s in "${icon_sizes[@]}"; do
    png="$root/usr/share/icons/hicolor/${s}x${s}/apps/catdpo-studio.png"
    # PNG signature, then IHDR width and height as 32-bit big-endian at bytes 16 and 20
    read -r w h < <(od -An -j16 -N8 -tu1 "$png" |
                    awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4, (($5 * 256 + $6) * 256 + $7) * 256 + $8 }')
    magic=$(head -c 4 "$png" | od -An -c | tr -d ' ')
    [ "$magic" = '211PNG' ] && [ "$w" = "$s" ] && [ "$h" = "$s" ] ||
      fail "icon ${s}x${s} is not a ${s}x${s} PNG (got ${w}x${h})"
  done
  ok "icons are PNGs of their size"
fi

# --- the programs run from the unpacked package ------------------------------------------------
for exe in catdpo catdpo-studio; do
  [ "$exe" = catdpo-studio ] && [ "$gui" != ON ] && continue
  bin="$root/usr/bin/$exe"
  rpath=$(readelf -d "$bin" | grep -E 'RPATH|RUNPATH')
  [ -z "$rpath" ] || fail "$exe carries an RPATH: $rpath"
  libs=$(ldd "$bin")
  grep -q 'not found' <<<"$libs" && fail "$exe: $(grep 'not found' <<<"$libs")"
  grep -qF "$build" <<<"$libs" && fail "$exe links a library from the build tree"
  readelf -S "$bin" | grep -qE '\.(symtab|debug_info)' && fail "$exe is not stripped"
done
got=$(env -u CATDPO_HOME HOME="$tmp/home" "$root/usr/bin/catdpo" --version 2>&1)
if [[ $got == "Cat-DPO Studio $version "* ]]; then ok "catdpo --version: $got"
else fail "catdpo --version: $got"; fi
if [ "$gui" = ON ]; then
  got=$(HOME="$tmp/home" QT_QPA_PLATFORM=offscreen timeout 60 "$root/usr/bin/catdpo-studio" --version 2>&1)
  if [[ $got == *"$version"* ]]; then ok "catdpo-studio --version: $got"
  else fail "catdpo-studio --version: $got"; fi
fi

# --- man pages and completion agree with the program -------------------------------------------
# The commands and options as the program lists them, read independently of cli-docs.sh.
commands=$("$root/usr/bin/catdpo" --help |
           awk '/^Subcommands:/ { on = 1; next } on && /^  [^ ]/ { print $1 } on && /^[^ ]/ { on = 0 }')
[ -n "$commands" ] || fail "catdpo --help lists no commands"
man="$root/usr/share/man/man1/catdpo.1.gz"
for c in $commands; do
  zcat "$man" | grep -qxF ".SS \"catdpo $c\"" || fail "man page lacks command $c"
done
for page in "$man" "$root/usr/share/man/man1/catdpo-studio.1.gz"; do
  [ -f "$page" ] && command -v groff >/dev/null || continue
  warnings=$(zcat "$page" | groff -man -Tutf8 -ww -z 2>&1)
  if [ -z "$warnings" ]; then ok "groff reads $(basename "$page") without warnings"
  else fail "groff $(basename "$page"): $warnings"; fi
done
zcat "$man" | grep -q '^\\fB\\-\\-db\\fR' || fail "man page lacks the global --db option"

completion="$root/usr/share/bash-completion/completions/catdpo"
complete_words() {  # prints what bash would offer after the given words
  bash -c 'source "$1"; shift; COMP_WORDS=(catdpo "$@"); COMP_CWORD=$#
           _catdpo; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$@" 2>&1
}
offered=$(complete_words "" | sort)
if [ "$offered" = "$(sort <<<"$commands")" ]; then ok "completion offers all $(wc -l <<<"$commands") commands"
else fail "completion offers [$(echo $offered)], catdpo --help lists [$(echo $commands)]"; fi
for c in $commands; do
  opts=$("$root/usr/bin/catdpo" "$c" --help |
         awk '/^[^ ].*:$/ { on = ($0 != "Subcommands:") } on && /^(  |    )-/ { print $1 }' | tr ',' '\n')
  offered=$(complete_words "$c" "--")
  for o in $opts; do
    [[ $o == --* ]] || continue
    grep -qxF -- "$o" <<<"$offered" || fail "completion of 'catdpo $c --' lacks $o"
  done
done
grep -qx 'info' <<<"$(complete_words in)" || fail "completion of 'catdpo in' does not offer info"
grep -qx -- '--db' <<<"$(complete_words --d)" || fail "completion of 'catdpo --d' lacks --db"
ok "completion checked for every command's options"

echo
if [ $failures -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "package checks passed in $((SECONDS - start)) s"
