### fluxstat-json
