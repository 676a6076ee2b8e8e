#!/bin/sh
# Device data from real machines (tests/data/device, see its README): every
# os-release file keeps the name, version and edition listed, every cpuinfo
# root names its CPU, and every real CPU model name passes the scrubber
# unchanged; the mainstream distributions are each checked by name.
. "$top_srcdir/tests/lib.sh"
plan 12

D=$top_srcdir/tests/data/device

# what a report would carry: fluxstat-sys, then fluxstat-scrub
device() {
	fluxstat-sys --root "$1" | fluxstat-scrub -q
}
value() { # metric < records
	sed -n "s/.*\"metric\":\"$1\",\"value\":\"\\(.*\\)\"}\$/\\1/p"
}

: >"$T/os.got"
for f in "$D"/os-release/*; do
	rm -rf "$T/r" && mkdir -p "$T/r/etc" && cp "$f" "$T/r/etc/os-release"
	device "$T/r" >"$T/rec"
	printf '%s\t%s\t%s\t%s\n' "${f##*/}" "$(value device.os.name <"$T/rec")" \
	    "$(value device.os.version <"$T/rec")" \
	    "$(value device.os.edition <"$T/rec")" >>"$T/os.got"
done
same "os-release: every real file gives the listed name, version, edition" \
    "$T/os.got" "$D/os-release.expected"
is "os-release: no file loses its name or version" \
    "$(awk -F'\t' '$2 == "" || $2 == "other" || $3 == "" { print $1 }' "$T/os.got")" ""

# the mainstream distributions, by the name and version they keep
is "mainstream: Debian, Ubuntu, RHEL, CentOS, Rocky, Alma, Oracle" \
    "$(grep -E '^(debian-12|ubuntu-24.04|rhel-9.4|centos-7|rocky-9.5|almalinux-9.6|ol-server-9.5)	' "$T/os.got" | cut -f2,3 | tr '\t\n' '=;')" \
    "AlmaLinux=9.6;CentOS Linux=7;Debian GNU/Linux=12;Oracle Linux Server=9.5;Red Hat Enterprise Linux=9.4;Rocky Linux=9.5;Ubuntu=24.04;"
is "mainstream: SLES, SLES for SAP, openSUSE Leap and Tumbleweed, older openSUSE" \
    "$(grep -E '^(sles-15.7|sles_sap-12.2|opensuse-leap-15.6|opensuse-tumbleweed-20240823|opensuse-13.2)	' "$T/os.got" | cut -f2,3 | tr '\t\n' '=;')" \
    "openSUSE=13.2;openSUSE Leap=15.6;openSUSE Tumbleweed=20240823;SLES=15.7;SLES_SAP=12.2;"
is "mainstream: Fedora editions, Amazon Linux 2, 2023 and AMI" \
    "$(grep -E '^(fedora-workstation-40|fedora-kde-40|amzn-2|amzn-2023|amzn-2018.03)	' "$T/os.got" | cut -f2,3,4 | tr '\t\n' '=;')" \
    "Amazon Linux=2=none;Amazon Linux AMI=2018.03=none;Amazon Linux=2023=none;Fedora Linux=40=kde;Fedora Linux=40=workstation;"
is "Debian testing: the version its codename will be; Arch: none" \
    "$(grep -E '^(debian-debian|arch-arch)	' "$T/os.got" | cut -f1,3 | tr '\t\n' '=;')" \
    "arch-arch=none;debian-debian=13;"

: >"$T/cpu.got"
for r in "$D"/cpuinfo/*; do
	printf '%s\t%s\n' "${r##*/}" "$(device "$r" | value device.cpu.model)" \
	    >>"$T/cpu.got"
done
same "cpuinfo: every real root gives the listed CPU name" "$T/cpu.got" \
    "$D/cpuinfo.expected"
is "cpuinfo: ARM, LoongArch, s390, POWER and RISC-V all named" \
    "$(awk -F'\t' '$2 == "" || $2 == "unknown" { print $1 }' "$T/cpu.got")" ""
cat "$D"/cpuinfo/s390-*/proc/cpuinfo |
    sed -n 's/.*identification = \([0-9A-F]*\).*/\1/p' | sort -u >"$T/ids"
ok "s390: there are CPU identifications to hold back" test -s "$T/ids"
is "s390: the identification (a serial) is never sent" \
    "$(for r in "$D"/cpuinfo/s390-*; do fluxstat-sys --root "$r"; done |
    grep -F -f "$T/ids" || true)" ""

# the broad list: real model names pass unchanged, the refused do not
while IFS= read -r c; do
	printf '{"labels":{},"metric":"device.cpu.model","value":"%s"}\n' "$c"
done <"$D/cpu-models.txt" >"$T/cpus"
run fluxstat-scrub -q "$T/cpus"
same "$(wc -l <"$D/cpu-models.txt") real CPU model names pass unchanged" \
    "$T/out" "$T/cpus"
while IFS= read -r c; do
	printf '{"labels":{},"metric":"device.cpu.model","value":"%s"}\n' "$c"
done <"$D/cpu-models-refused.txt" >"$T/cpus"
run fluxstat-scrub -q "$T/cpus"
is "the refused lines of the collection are dropped" "$(cat "$T/out")" ""
