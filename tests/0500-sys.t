#!/bin/sh
# fluxstat-sys: device.* records from fake roots (every file present, each
# missing, other architectures' cpuinfo) and from this host.
. "$top_srcdir/tests/lib.sh"
plan 26

run fluxstat-sys --help
is "--help: exit 0" "$rc" 0
like "--help: usage on stdout" "$T/out" '^usage: fluxstat-sys \[--root DIR\]'
run fluxstat-sys --version
like "--version" "$T/out" '^fluxstat-sys \(fluxstat\) [0-9]'
fails 64 "an operand: usage error" fluxstat-sys extra
fails 64 "an unknown option: usage error" fluxstat-sys --nonesuch

# a full root: quoting of os-release, the first CPU, ranges of CPUs
R=$T/root
mkdir -p "$R/etc" "$R/proc" "$R/sys/devices/system/cpu" "$R/usr/lib"
cat >"$R/etc/os-release" <<'EOF'
# a comment
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID='12'
VERSION="12 (bookworm)"
VARIANT_ID=server\ edition
ID=debian
EOF
echo 'NAME="Not this one"' >"$R/usr/lib/os-release"
cat >"$R/proc/cpuinfo" <<'EOF'
processor	: 0
vendor_id	: GenuineIntel
cpu family	: 6
model		: 85
model name	: Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz
cpu MHz		: 2100.000

processor	: 1
vendor_id	: GenuineIntel
model name	: Some Other CPU
EOF
echo '0-3,5,8-9' >"$R/sys/devices/system/cpu/online"
cat >"$R/proc/meminfo" <<'EOF'
MemFree:         1000000 kB
MemTotal:       16314244 kB
MemAvailable:   12000000 kB
EOF
cat >"$T/want" <<'EOF'
{"labels":{},"metric":"device.cpu.count","value":7}
{"labels":{},"metric":"device.cpu.model","value":"Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz"}
{"labels":{},"metric":"device.os.edition","value":"server edition"}
{"labels":{},"metric":"device.os.name","value":"Debian GNU/Linux"}
{"labels":{},"metric":"device.os.version","value":"12"}
{"labels":{},"metric":"device.ram.bytes","value":16705785856}
EOF
run fluxstat-sys --root "$R"
is "full root: exit 0" "$rc" 0
same "full root: every device.* record, unquoted, first CPU, 0-3,5,8-9 is 7" "$T/out" "$T/want"

# /usr/lib/os-release when /etc has none; no VARIANT_ID is "none"
rm "$R/etc/os-release"
printf 'NAME=Fedora\nVERSION_ID="39"\n' >"$R/usr/lib/os-release"
run fluxstat-sys --root "$R"
like "no /etc/os-release: /usr/lib/os-release" "$T/out" '"device.os.name","value":"Fedora"'
like "no VARIANT_ID: edition none" "$T/out" '"device.os.edition","value":"none"'
printf 'ID=arch\n' >"$R/usr/lib/os-release"
run fluxstat-sys --root "$R"
like "no NAME: named by ID" "$T/out" '"device.os.name","value":"Arch Linux"'
like "no VERSION_ID: none (a rolling release)" "$T/out" '"device.os.version","value":"none"'
printf 'ID=mydistro\nVERSION_ID=v2.1\n' >"$R/usr/lib/os-release"
run fluxstat-sys --root "$R"
like "no NAME, unknown ID: os-release's default Linux" "$T/out" '"device.os.name","value":"Linux"'
like "a leading v is not part of the version" "$T/out" '"device.os.version","value":"2.1"'
printf 'NAME="Pop!_OS Remix"\nID=popremix\nID_LIKE="ubuntu debian"\nVERSION_ID=edge\n' >"$R/usr/lib/os-release"
run fluxstat-sys --root "$R"
like "an unknown NAME: the family of ID_LIKE's first known word" "$T/out" '"device.os.name","value":"Ubuntu derivative"'
like "a VERSION_ID without a digit: none" "$T/out" '"device.os.version","value":"none"'

# other architectures name the model differently
printf 'processor\t: 0\nProcessor\t: ARMv7 Processor rev 10 (v7l)\nHardware\t: BCM2835\n' >"$R/proc/cpuinfo"
run fluxstat-sys --root "$R"
like "32-bit ARM: Processor" "$T/out" '"device.cpu.model","value":"ARMv7 Processor rev 10 \(v7l\)"'
printf 'system type\t\t: MediaTek MT7621\nprocessor\t\t: 0\ncpu model\t\t: MIPS 1004Kc V2.15\n' >"$R/proc/cpuinfo"
run fluxstat-sys --root "$R"
like "MIPS: cpu model" "$T/out" '"device.cpu.model","value":"MIPS 1004Kc V2.15"'
printf 'processor\t: 0\ncpu\t\t: POWER9 (architected), altivec supported\nclock\t\t: 2200MHz\n' >"$R/proc/cpuinfo"
run fluxstat-sys --root "$R"
like "PowerPC: cpu" "$T/out" '"device.cpu.model","value":"POWER9 \(architected\), altivec supported"'
printf 'processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n' >"$R/proc/cpuinfo"
run fluxstat-sys --root "$R"
like "no model line at all: unknown" "$T/out" '"device.cpu.model","value":"unknown"'

# ARM servers as their cpuinfo says them (tests/0510 has real dumps):
# Graviton2 and Ampere Altra are Neoverse-N1, Kunpeng 920 is HiSilicon's
arm() { # implementer part
	printf 'processor\t: 0\nBogoMIPS\t: 243.75\nCPU implementer\t: %s\nCPU architecture: 8\nCPU variant\t: 0x3\nCPU part\t: %s\nCPU revision\t: 1\n' "$1" "$2" >"$R/proc/cpuinfo"
	fluxstat-sys --root "$R" | sed -n 's/.*"device.cpu.model","value":"\(.*\)"}$/\1/p'
}
is "ARM servers: Graviton2/Altra, Graviton3, Graviton4, Kunpeng 920, AmpereOne, unknown part" \
    "$(arm 0x41 0xd0c);$(arm 0x41 0xd40);$(arm 0x41 0xd4f);$(arm 0x48 0xd01);$(arm 0xc0 0xac3);$(arm 0x41 0xfff)" \
    "ARM Neoverse-N1;ARM Neoverse-V1;ARM Neoverse-V2;HiSilicon Kunpeng-920;Ampere Ampere-1;ARM 0xfff"

echo '0-3,x' >"$R/sys/devices/system/cpu/online"
run fluxstat-sys --root "$R"
is "a CPU list that does not parse: no count, still exit 0" \
	"$rc:$(grep -c device.cpu.count "$T/out" || true)" "0:0"

# an empty root: infos unknown, gauges left out, never a failure
mkdir "$T/empty"
cat >"$T/want" <<'EOF'
{"labels":{},"metric":"device.cpu.model","value":"unknown"}
{"labels":{},"metric":"device.os.edition","value":"unknown"}
{"labels":{},"metric":"device.os.name","value":"unknown"}
{"labels":{},"metric":"device.os.version","value":"unknown"}
EOF
run fluxstat-sys --root "$T/empty"
is "empty root: exit 0" "$rc" 0
same "empty root: infos unknown, no invented gauges" "$T/out" "$T/want"
is "empty root: nothing on stderr" "$(wc -c <"$T/err")" 0

# this host
run fluxstat-sys
is "this host: exit 0, six records" "$rc:$(wc -l <"$T/out")" "0:6"
is "this host: device.cpu.count is the online CPUs" \
	"$(grep device.cpu.count "$T/out" | sed 's/.*"value"://; s/}//')" "$(getconf _NPROCESSORS_ONLN)"
