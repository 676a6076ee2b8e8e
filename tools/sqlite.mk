### fluxstat-sqlite
bin_PROGRAMS += tools/fluxstat-sqlite
tools_fluxstat_sqlite_SOURCES = tools/fluxstat-sqlite.c
tools_fluxstat_sqlite_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_fluxstat_sqlite_LDADD = $(FS_LIBS)
dist_man_MANS += tools/fluxstat-sqlite.1

# the statements for Monitoring.db and FluxWeb.db (fluxstat-sqlite -f sql/NAME)
sqldir = $(pkgdatadir)/sql
dist_sql_DATA = share/sql/monitoring.sql share/sql/webshop.sql

TESTS += tests/0300-sqlite.t
EXTRA_DIST += tests/0300-sqlite.t
