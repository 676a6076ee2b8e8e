### fluxstat-report
bin_PROGRAMS += tools/fluxstat-report
tools_fluxstat_report_SOURCES = tools/fluxstat-report.c
tools_fluxstat_report_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_fluxstat_report_LDADD = $(FS_LIBS)
dist_man_MANS += tools/fluxstat-report.1

# What may be sent, generated from the catalogue so the words cannot drift
# from the rules: what-is-sent.md (the README's "What is sent" section is
# the same text) and the man page fluxstat-catalog(7).
CATALOG_DOC_DEPS = tools/fluxstat-report$(EXEEXT) $(dist_catalog_DATA) \
	$(dist_vocab_DATA) $(dist_catvocab_DATA)
whatisdir = $(pkgdatadir)
nodist_whatis_DATA = what-is-sent.md
nodist_man7_MANS = fluxstat-catalog.7
CLEANFILES += what-is-sent.md fluxstat-catalog.7
what-is-sent.md: $(CATALOG_DOC_DEPS)
	$(AM_V_GEN)tools/fluxstat-report$(EXEEXT) \
	    --catalog $(srcdir)/share/catalog.json --catalog-doc >$@.tmp && \
	    mv $@.tmp $@
fluxstat-catalog.7: $(CATALOG_DOC_DEPS)
	$(AM_V_GEN)tools/fluxstat-report$(EXEEXT) \
	    --catalog $(srcdir)/share/catalog.json --catalog-doc=man >$@.tmp && \
	    mv $@.tmp $@

TESTS += tests/0700-report.t tests/0710-catalog-doc.t
EXTRA_DIST += tests/0700-report.t tests/0710-catalog-doc.t
