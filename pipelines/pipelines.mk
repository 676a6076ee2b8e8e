### pipelines/ and fluxstat-run
##
## The scripts are made from pipelines/*.in (and the scheduling files from
## share/*/*.in) by sed, with the installation directories filled in.  The
## per-source scripts and lib.sh go to $(pkglibexecdir); fluxstat-run finds
## them beside itself when run from the build tree (tests, ./quickstart).
##
## Scheduling files go where a packager says:
##   make install systemdunitdir=/lib/systemd/system crondir=/etc/cron.d

fs_pipeline_names = install device monitoring mongodb webshop webshop_items jobs
fs_pipeline_scripts = pipelines/install pipelines/device pipelines/monitoring \
	pipelines/mongodb pipelines/webshop pipelines/webshop_items pipelines/jobs

bin_SCRIPTS = pipelines/fluxstat-run
pkglibexec_SCRIPTS = $(fs_pipeline_scripts) pipelines/lib.sh pipelines/config.sh
dist_man_MANS += pipelines/fluxstat-run.8

systemdunitdir = $(prefix)/lib/systemd/system
systemdunit_DATA = share/systemd/fluxstat.service share/systemd/fluxstat.timer \
	share/systemd/fluxstat-startup.service
crondir = $(sysconfdir)/cron.d
cron_DATA = share/cron/fluxstat
examplesdir = $(pkgdatadir)/examples
examples_DATA = share/examples/fluxstat.conf

pipelinejqdir = $(pkgdatadir)/jq
dist_pipelinejq_DATA = share/jq/mongo-settings.jq share/jq/preflight.jq

fs_generated = pipelines/fluxstat-run pipelines/lib.sh pipelines/config.sh $(fs_pipeline_scripts) \
	$(systemdunit_DATA) $(cron_DATA) $(examples_DATA)
CLEANFILES += $(fs_generated)
EXTRA_DIST += $(fs_generated:=.in)

fs_edit = $(SED) \
	-e 's|@bindir[@]|$(bindir)|g' \
	-e 's|@pkglibexecdir[@]|$(pkglibexecdir)|g' \
	-e 's|@pkgdatadir[@]|$(pkgdatadir)|g' \
	-e 's|@sysconfdir[@]|$(sysconfdir)|g' \
	-e 's|@localstatedir[@]|$(localstatedir)|g' \
	-e 's|@abs_top_srcdir[@]|$(abs_top_srcdir)|g' \
	-e 's|@VERSION[@]|$(VERSION)|g'

$(fs_generated): Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && rm -f $@ $@.tmp && \
	$(fs_edit) $(srcdir)/$@.in >$@.tmp && \
	case $@ in pipelines/*) chmod +x $@.tmp ;; esac && \
	chmod a-w $@.tmp && mv -f $@.tmp $@

pipelines/fluxstat-run: $(srcdir)/pipelines/fluxstat-run.in
pipelines/lib.sh: $(srcdir)/pipelines/lib.sh.in
pipelines/config.sh: $(srcdir)/pipelines/config.sh.in
pipelines/install: $(srcdir)/pipelines/install.in
pipelines/device: $(srcdir)/pipelines/device.in
pipelines/monitoring: $(srcdir)/pipelines/monitoring.in
pipelines/mongodb: $(srcdir)/pipelines/mongodb.in
pipelines/webshop: $(srcdir)/pipelines/webshop.in
pipelines/webshop_items: $(srcdir)/pipelines/webshop_items.in
pipelines/jobs: $(srcdir)/pipelines/jobs.in
share/systemd/fluxstat.service: $(srcdir)/share/systemd/fluxstat.service.in
share/systemd/fluxstat.timer: $(srcdir)/share/systemd/fluxstat.timer.in
share/systemd/fluxstat-startup.service: $(srcdir)/share/systemd/fluxstat-startup.service.in
share/cron/fluxstat: $(srcdir)/share/cron/fluxstat.in
share/examples/fluxstat.conf: $(srcdir)/share/examples/fluxstat.conf.in

# Tests need the scripts built (make check builds *_SCRIPTS through all).
TESTS += tests/1000-run.t tests/1010-pipelines.t tests/1020-shellcheck.t \
	tests/1200-e2e.t
EXTRA_DIST += tests/1000-run.t tests/1010-pipelines.t tests/1020-shellcheck.t \
	tests/1200-e2e.t

# bench/run.sh: the whole daily job at several scales (run from the build folder)
EXTRA_DIST += bench/run.sh
