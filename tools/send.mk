### fluxstat-send
