#!/usr/bin/env bash
# Packaging test (issue 8): makes the two .debs from a built tree with CPack, checks their
# metadata, files and modes, verifies the systemd units, installs both with apt into a fresh
# Debian 12 root (debootstrap --variant=minbase in BUILD/packaging-test, cached by date under
# build/packaging-cache) and runs them there, upgrades, then purges and looks for leftovers.
#   package_test.sh BUILD_DIR
# Exit 77 (ctest: skipped) after the package checks where debootstrap cannot run (not root, or
# not installed); the message says so.
set -euo pipefail

build=$(realpath "$1")
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$build/packaging-test
cache=${STATION_PACKAGING_CACHE:-$src/build/packaging-cache}
debs=$work/debs
root=$work/root
started=$SECONDS

step() { echo "== [$((SECONDS - started))s] $*"; }
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
expect_in() {  # expect_in HAYSTACK NEEDLE WHAT
    [[ $1 == *"$2"* ]] || fail "$3: expected \"$2\" in: $1"
}

# --- the packages ---------------------------------------------------------------------------
# One run per build tree at a time: a second would delete the root the first is working in.
mkdir -p "$work"
exec 9>"$work/lock"
flock -n 9 || fail "another packaging test is running in $work"

step "cpack in $build"
rm -rf "$debs"
mkdir -p "$debs"
(cd "$build" && cpack -G DEB -B "$debs" >"$work/cpack.log" 2>&1) ||
    { cat "$work/cpack.log" >&2; fail "cpack"; }
kiosk_deb=$(echo "$debs"/station-kiosk_*.deb)
server_deb=$(echo "$debs"/county-server_*.deb)
[[ -f $kiosk_deb && -f $server_deb ]] || fail "expected two .deb files, got: $(ls "$debs")"

# check_deb DEB PACKAGE "depends..." "mode path..." : control fields, Depends, files and modes.
check_deb() {
    local deb=$1 name=$2 depends=$3 files=$4
    expect_in "$(dpkg-deb -f "$deb" Package)" "$name" "Package"
    expect_in "$(dpkg-deb -f "$deb" Architecture)" "$(dpkg --print-architecture)" "Architecture"
    [[ -n $(dpkg-deb -f "$deb" Version) ]] || fail "$name: no Version"
    local dep
    dep=$(dpkg-deb -f "$deb" Depends)
    for d in $depends; do
        grep -qE "(^|, )$d( |,|$)" <<<"$dep" || fail "$name: Depends lacks $d: $dep"
    done
    local listing
    listing=$(dpkg-deb -c "$deb")
    while read -r mode path; do
        [[ -z $mode ]] && continue
        grep -qE "^$mode root/root .* \./$path\$" <<<"$listing" ||
            fail "$name: no $mode ./$path in: $listing"
    done <<<"$files"
    # Nothing outside the places the package owns.
    local stray
    stray=$(awk '{print $6}' <<<"$listing" |
        grep -vE '^\./($|usr/$|usr/bin/|usr/share/$|usr/share/doc/|lib/$|lib/systemd/|etc/$|etc/default/|etc/pam\.d/)' ||
        true)
    [[ -z $stray ]] || fail "$name: unexpected files: $stray"
    local control
    control=$(dpkg-deb --ctrl-tarfile "$deb" | tar -tvf -)
    for script in postinst prerm postrm; do
        grep -qE "^-rwxr-xr-x .* \./$script\$" <<<"$control" || fail "$name: no $script 0755"
    done
}

step "checking $(basename "$kiosk_deb") and $(basename "$server_deb")"
check_deb "$kiosk_deb" station-kiosk \
    "adduser cage libpam-systemd fonts-noto-cjk libgooglepinyin0 tegaki-zinnia-simplified-chinese libzinnia0 espeak-ng-data libgl1-mesa-dri libegl1 libgl1 libsdl2-2.0-0 libsqlite3-0 libsodium23 libcurl4" \
    "-rwxr-xr-x usr/bin/station-kiosk
     -rwxr-xr-x usr/bin/stationctl
     -rw-r--r-- lib/systemd/system/station-kiosk.service
     -rw-r--r-- etc/default/station-kiosk
     -rw-r--r-- etc/pam.d/station-kiosk
     -rw-r--r-- usr/share/doc/station-kiosk/OPERATIONS.md"
check_deb "$server_deb" county-server \
    "adduser fonts-noto-cjk libpq5 libsqlite3-0 libsodium23 libxlsxwriter4 libfreetype6" \
    "-rwxr-xr-x usr/bin/county-server
     -rw-r--r-- lib/systemd/system/county-server.service
     -rw-r----- etc/default/county-server
     -rw-r--r-- usr/share/doc/county-server/OPERATIONS.md"
expect_in "$(dpkg-deb -I "$kiosk_deb" conffiles)" "/etc/default/station-kiosk" "kiosk conffiles"
expect_in "$(dpkg-deb -I "$server_deb" conffiles)" "/etc/default/county-server" "server conffiles"
expect_in "$(dpkg-deb -f "$server_deb" Recommends)" "postgresql" "server Recommends"
# A server has no screen: nothing of the kiosk's display, camera or sound stack comes along.
for lib in libsdl2 libgl1 libespeak-ng libv4l; do
    [[ "$(dpkg-deb -f "$server_deb" Depends)" != *"$lib"* ]] || fail "county-server depends on $lib"
done
for deb in "$kiosk_deb" "$server_deb"; do
    sh -n <(dpkg-deb -I "$deb" postinst) || fail "$deb: postinst does not parse"
done

# --- a fresh Debian 12 root ----------------------------------------------------------------
if [[ $(id -u) -ne 0 ]] || ! command -v debootstrap >/dev/null; then
    echo "SKIPPED the install test: debootstrap needs root and the debootstrap package" \
        "(packaging/install-deps.sh installs it); the .deb checks above passed."
    exit 77
fi

# The apt sources this machine uses (deb822 or one-line form), comments left out.
source_uri() {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
        2>/dev/null | grep -v '^[[:space:]]*#' | grep -oE '(https?|file)://[^ ]+' |
        grep -E "$1" | head -1 || true
}
mirror=$(source_uri '/debian/?$')
mirror=${mirror:-http://deb.debian.org/debian}
security=$(source_uri '/debian-security/?$')
security=${security:-http://deb.debian.org/debian-security}
include=()
[[ $mirror == https:* ]] && include=(--include=ca-certificates)

# debootstrap mounts proc, sys and dev/pts while it works; this test proc and the cache.
mounts=("$root/proc" "$root/sys" "$root/dev/pts" "$root/var/cache/apt/archives")
unmount_all() {  # also what a killed earlier run left, mounted up to 5 deep
    local m i
    for m in "${mounts[@]}"; do
        for i in 1 2 3 4 5; do
            mountpoint -q "$m" || break
            umount -l "$m" || true
        done
    done
}
remove_root() {  # never through a mount: the bind-mounted cache is on the same file system
    unmount_all
    if grep -qF " $root/" /proc/mounts; then fail "still mounted below $root; not deleting it"; fi
    rm -rf --one-file-system "$root"
}
trap unmount_all EXIT
remove_root

# Downloaded .debs are kept in the cache; this machine's own apt cache seeds it where hard links
# can (same file system), so that a fresh clone downloads only what this machine never had.
mkdir -p "$cache/debs"
cp -l -n /var/cache/apt/archives/*.deb "$cache/debs/" 2>/dev/null || true
tarball=$cache/bookworm-minbase-$(date +%Y%m%d).tar
if [[ ! -f $tarball ]]; then
    step "debootstrap --variant=minbase bookworm from $mirror"
    find "$cache" -maxdepth 1 -name 'bookworm-minbase-*.tar' -delete
    mkdir -p "$root"
    debootstrap --variant=minbase "${include[@]}" --cache-dir="$cache/debs" bookworm "$root" \
        "$mirror" >"$work/debootstrap.log" 2>&1 ||
        { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap (log: $work/debootstrap.log)"; }
    tar -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
else
    step "Debian root from $(basename "$tarball")"
    mkdir -p "$root"
    tar -C "$root" -xf "$tarball"
fi
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
SOURCES
# Nothing starts services in here.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc"
mount --bind "$cache/debs" "$root/var/cache/apt/archives"
mkdir -p "$root/tmp/debs"
cp "$kiosk_deb" "$server_deb" "$root/tmp/debs/"

in_root() {
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
        chroot "$root" "$@"
}
logged() {  # logged NAME COMMAND...: runs in the root into NAME.log, shows its end on failure
    local name=$1
    shift
    in_root "$@" >"$work/$name.log" 2>&1 && return 0
    tail -30 "$work/$name.log" >&2
    fail "$* (log: $work/$name.log)"
}
stat_of() { in_root stat -c '%a %U %G' "$1"; }

step "apt-get install station-kiosk county-server (Depends from $mirror)"
logged update apt-get update -q
logged install apt-get install -y -q --no-install-recommends \
    "/tmp/debs/$(basename "$kiosk_deb")" "/tmp/debs/$(basename "$server_deb")"

step "checking the installed packages"
in_root id station >/dev/null || fail "no station user"
in_root id county-server >/dev/null || fail "no county-server user"
expect_in "$(in_root id -nG station)" "video" "station's groups"
[[ $(stat_of /var/lib/station-kiosk) == "700 station station" ]] || fail "/var/lib/station-kiosk"
[[ $(stat_of /var/lib/station-kiosk/station.db) == "600 station station" ]] || fail "station.db"
[[ $(stat_of /var/lib/county-server) == "700 county-server county-server" ]] ||
    fail "/var/lib/county-server: $(stat_of /var/lib/county-server)"
[[ $(stat_of /etc/default/county-server) == "640 root county-server" ]] ||
    fail "/etc/default/county-server: $(stat_of /etc/default/county-server)"
[[ $(stat_of /etc/county-server/tls) == "750 root county-server" ]] || fail "/etc/county-server/tls"

db=/var/lib/station-kiosk/station.db
out=$(in_root stationctl --db "$db" status) || fail "stationctl status: $out"
echo "$out"
expect_in "$out" "代表：0 名" "stationctl status on the new store"
out=$(in_root county-server --version) || fail "county-server --version"
echo "$out"
expect_in "$out" "county-server $(dpkg-deb -f "$server_deb" Version)" "county-server --version"

# Provisioning as docs/OPERATIONS.md has it: the county registers the station (with its
# self-signed certificate), the station enrolls with the file.
cs() {
    in_root runuser -u county-server -- \
        county-server --db sqlite:/var/lib/county-server/county.db "$@"
}
cs init --county 430321 --name 测试县 >/dev/null || fail "county-server init"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout "$work/key.pem" -out "$root/tmp/cert.pem" \
    -subj /CN=county.test >/dev/null 2>&1 || fail "openssl: a test certificate"
chmod 0644 "$root/tmp/cert.pem"
enroll=/var/lib/county-server/430321-test.json
if cs station add --id 430321-bad --name 坏 --ca-cert /etc/hostname --out /tmp/bad.json 2>/dev/null; then
    fail "station add took a --ca-cert that is no certificate"
fi
cs station add --id 430321-test --name 测试联络站 --server https://county.test:8443 \
    --ca-cert /tmp/cert.pem --out "$enroll" >/dev/null || fail "county-server station add"
[[ $(stat_of "$enroll") == "600 county-server county-server" ]] || fail "enrollment file mode"
grep -q 'BEGIN CERTIFICATE' "$root$enroll" || fail "no ca_cert in the enrollment file"
in_root install -m 0600 -o station -g station "$enroll" /var/lib/station-kiosk/enroll.json
in_root runuser -u station -- stationctl --db "$db" enroll /var/lib/station-kiosk/enroll.json \
    >/dev/null || fail "stationctl enroll"
expect_in "$(in_root stationctl --db "$db" sync status)" "enrolled	yes" "sync status"
expect_in "$(in_root stationctl --db "$db" status)" "430321-test" "status after enroll"
[[ $(stat_of "$db") == "600 station station" ]] || fail "station.db after enroll: $(stat_of "$db")"

step "the kiosk runs headless (fonts, Mesa, dictionaries from Depends)"
printf 'wait 200\nexpect "我要反映"\n' >"$root/tmp/home.script"
# As the unit runs it: the station user with UMask=0077.
out=$(in_root runuser -u station -- sh -c 'umask 077 && exec "$@"' sh station-kiosk --db "$db" \
    --headless --size 540x960 --script /tmp/home.script --labels-out /tmp/labels.tsv 2>&1) ||
    fail "station-kiosk --headless: $out"
# The labels it drew: the Chinese UI text, so the strings and the font were there.
grep -q '代表信息' "$root/tmp/labels.tsv" || fail "no Home labels drawn: $(cat "$root/tmp/labels.tsv")"
# Database, journal files, glyph cache, enrollment copy: all the station user's, 0600/0700,
# although root ran stationctl on it too.
[[ -f $root/var/lib/station-kiosk/cache/glyph-atlas.bin ]] || fail "the kiosk saved no glyph cache"
loose=$(in_root find /var/lib/station-kiosk \( ! -user station -o -perm /077 \) -printf '%m %u %p\n')
[[ -z $loose ]] || fail "not the station user's alone: $loose"

step "systemd-analyze verify (inside the root)"
# It reports a unit's mistakes (unknown keys too) on stderr, some with exit 0: any output fails.
printf '[Service]\nExecStart=/usr/bin/no-such-program\nNoSuchKey=1\n' >"$root/tmp/broken.service"
out=$(in_root systemd-analyze verify /tmp/broken.service 2>&1) || true
expect_in "$out" "NoSuchKey" "systemd-analyze verify of a broken unit"
out=$(in_root systemd-analyze verify /lib/systemd/system/station-kiosk.service \
    /lib/systemd/system/county-server.service 2>&1) || fail "systemd-analyze verify: $out"
[[ -z $out ]] || fail "systemd-analyze verify printed: $out"

step "upgrade in place keeps the data, the modes and the enabled units"
in_root systemctl enable station-kiosk.service county-server.service >/dev/null 2>&1
# A backup root made by hand (0644, root's): the upgrade gives it back to the station user.
in_root sh -c 'umask 022 && cp /var/lib/station-kiosk/station.db /var/lib/station-kiosk/by-root.db'
logged dpkg-reinstall dpkg -i "/tmp/debs/$(basename "$kiosk_deb")" "/tmp/debs/$(basename "$server_deb")"
expect_in "$(in_root stationctl --db "$db" status)" "430321-test" "status after upgrade"
[[ $(stat_of "$db") == "600 station station" ]] || fail "station.db after upgrade: $(stat_of "$db")"
[[ $(stat_of /var/lib/station-kiosk/by-root.db) == "600 station station" ]] ||
    fail "a root-made file after upgrade: $(stat_of /var/lib/station-kiosk/by-root.db)"
wants=/etc/systemd/system/multi-user.target.wants
[[ -L $root$wants/station-kiosk.service && -L $root$wants/county-server.service ]] ||
    fail "units not enabled after upgrade"

step "purge: nothing left but the county data the admin kept"
in_root touch /var/lib/county-server/keep-on-purge
logged purge apt-get purge -y -q station-kiosk county-server
leftovers=$(cd "$root" && find etc lib usr var \( -path var/cache/apt -o -path var/log \) -prune \
    -o \( -name '*station-kiosk*' -o -name '*county-server*' \) -print | sort)
[[ $leftovers == "var/lib/county-server" ]] || fail "left after purge: $leftovers"
[[ -f $root/var/lib/county-server/county.db ]] || fail "the kept county database is gone"

remove_root
step "packaging test passed"
