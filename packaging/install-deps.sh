#!/usr/bin/env bash
# Installs the Debian packages the project needs to build, test and run. This list is the one
# place that names them; ./dev calls this script before every build.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang-format git
  # libraries
  libsqlite3-dev sqlite3 libsodium-dev nlohmann-json3-dev libstb-dev
  libimgui-dev libsdl2-dev libfreetype-dev libzxing-dev libv4l-dev
  # the on-screen pinyin keyboard (decoder and its system dictionary)
  libgooglepinyin0-dev
  # the handwriting pad (zinnia recogniser and its simplified-Chinese model from Tegaki)
  libzinnia-dev tegaki-zinnia-simplified-chinese
  # the sync client (libcurl) and county server (cpp-httplib with TLS and gzip)
  libcpp-httplib-dev libcurl4-openssl-dev zlib1g-dev libssl-dev
  # the county server's PostgreSQL backend (libpq), and the server its tests start
  postgresql libpq-dev
  # command lines: -h/--help, --version, unknown options refused
  libcli11-dev
  # the staff pages' XLSX exports, and their HTML from Mustache templates (escaping by default)
  libxlsxwriter-dev libkainjow-mustache-dev
  # the kiosk: Chinese font, and Mesa for OpenGL without a display (SDL offscreen driver / EGL)
  fonts-noto-cjk libgl1-mesa-dri libegl-mesa0 libegl1 libgl1
  # read-aloud: espeak-ng and its voices (Mandarin)
  libespeak-ng-dev espeak-ng-data
  # systemd service protocol: readiness and watchdog keep-alives (sd_notify)
  libsystemd-dev
  # a real X server without a screen, for the idle-CPU benchmark
  xvfb
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # the TLS sync test makes a self-signed certificate
  openssl
  # the staff pages' browser end-to-end tests (headless, DevTools protocol over a pipe)
  chromium
  # the packaging test: a fresh Debian 12 root to install the .debs into (dpkg-deb and
  # dpkg-shlibdeps come with build-essential's dpkg-dev)
  debootstrap
)
# `install-deps.sh fuzz`: clang and its libFuzzer runtime as well (./dev fuzz only).
if [[ ${1:-} == fuzz ]]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
