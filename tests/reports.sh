# tests/reports.sh: received reports for the fleet tests, sourced after
# tests/lib.sh.  Every report is made the way the agent makes it
# (fluxstat-report, then fluxstat-pack), so it is byte for byte what a
# receiver gets.
#
#   records SEED DAYNUM    metric records of one installation-day on stdout
#                          (SEED picks the setup, DAYNUM varies the usage)
#   report TREE ID DAY SEED [ZONE]
#                          TREE/installations/ID/reports/DAY.json.gz, the
#                          period DAY in ZONE (default Europe/Berlin)
#   fleet TREE N D         N installations x D days from 2026-10-01, some
#                          days missing, three zones

records() {
	_s=$1
	_d=$2
	_v=$((_s % 3))
	printf '{"metric":"install.version","value":"10.%s.%s"}\n' "$_v" "$((_d % 4))"
	printf '{"metric":"install.license.edition","value":"%s"}\n' \
		"$(echo "standard professional enterprise" | cut -d' ' -f$((_s % 3 + 1)))"
	printf '{"metric":"install.license.seats","value":%s}\n' "$((_s % 7 + 1))"
	printf '{"labels":{"addon":"web-shop"},"metric":"install.addon","value":"1.%s.0"}\n' "$_v"
	printf '{"metric":"device.os.name","value":"Debian GNU/Linux"}\n'
	printf '{"metric":"device.os.version","value":"12"}\n'
	printf '{"metric":"device.cpu.model","value":"AMD EPYC 7B13 64-Core Processor"}\n'
	printf '{"metric":"device.cpu.count","value":%s}\n' "$((2 << (_s % 3)))"
	printf '{"labels":{"model":"AccurioPress C14000"},"metric":"config.printers","value":%s}\n' "$((_s % 2 + 1))"
	printf '{"labels":{"setting":"hot_folders"},"metric":"config.system.setting","value":%s}\n' "$((_s % 2))"
	printf '{"labels":{"job_type":"booklet"},"metric":"usage.jobs.printed","value":%s}\n' "$((_s * 3 + _d))"
	printf '{"labels":{"job_type":"flat"},"metric":"usage.jobs.printed","value":%s}\n' "$(((_s + _d) % 11))"
	printf '{"labels":{"color":"color"},"metric":"usage.pages.printed","value":%s}\n' "$((_s * 100 + _d * 7))"
	printf '{"labels":{"error":"E_RIP"},"metric":"health.jobs.failed","value":%s}\n' "$(((_s * _d) % 3))"
	printf '{"labels":{"quantile":"0.95"},"metric":"health.jobs.duration_ms","value":%s.5}\n' "$((1000 + _s * 10 + _d))"
	for _src in install device monitoring mongodb webshop webshop_items jobs; do
		printf '{"labels":{"source":"%s"},"metric":"health.source.status","value":"ok"}\n' "$_src"
	done
}

report() { # TREE ID DAY SEED [ZONE]
	_zone=${5:-Europe/Berlin}
	_next=$(date -u -d "$3 +1 day" +%F)
	_rf=$(TZ=$_zone date -d "$3 00:00" +%Y-%m-%dT%H:%M:%S%:z)
	_rt=$(TZ=$_zone date -d "$_next 00:00" +%Y-%m-%dT%H:%M:%S%:z)
	_dn=$(date -u -d "$3" +%-j)
	mkdir -p "$1/installations/$2/reports"
	records "$4" "$_dn" |
		fluxstat-report --from "$_rf" --to "$_rt" --installation-id "$2" \
			--trigger midnight --generated-at "${_next}T00:04:11Z" |
		fluxstat-pack -o "$1/installations/$2/reports/$3.json.gz"
}

fleet() { # TREE N D
	_i=1
	while [ "$_i" -le "$2" ]; do
		_id=$(printf '%08x-0000-4000-8000-%012x' "$_i" "$_i")
		_zone=$(echo "Europe/Berlin America/New_York Asia/Tokyo" | cut -d' ' -f$((_i % 3 + 1)))
		_j=0
		while [ "$_j" -lt "$3" ]; do
			# every installation misses some days
			if [ $(((_i + _j) % 5)) -ne 4 ]; then
				report "$1" "$_id" "$(date -u -d "2026-10-01 +$_j days" +%F)" "$_i" "$_zone"
			fi
			_j=$((_j + 1))
		done
		_i=$((_i + 1))
	done
}
