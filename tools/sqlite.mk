### fluxstat-sqlite
