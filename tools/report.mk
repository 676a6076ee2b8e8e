### fluxstat-report
bin_PROGRAMS += tools/fluxstat-report
tools_fluxstat_report_SOURCES = tools/fluxstat-report.c
tools_fluxstat_report_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_fluxstat_report_LDADD = $(FS_LIBS)
dist_man_MANS += tools/fluxstat-report.1

# What may be sent, generated from the catalogue so the words cannot drift
# from the rules (the README's "What is sent" section is the same text).
whatisdir = $(pkgdatadir)
nodist_whatis_DATA = what-is-sent.md
CLEANFILES += what-is-sent.md
what-is-sent.md: tools/fluxstat-report$(EXEEXT) $(srcdir)/share/catalog.json
	$(AM_V_GEN)tools/fluxstat-report$(EXEEXT) \
	    --catalog $(srcdir)/share/catalog.json --catalog-doc >$@.tmp && \
	    mv $@.tmp $@

TESTS += tests/0700-report.t tests/0710-catalog-doc.t
EXTRA_DIST += tests/0700-report.t tests/0710-catalog-doc.t
