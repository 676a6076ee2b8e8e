### fluxstat-report
