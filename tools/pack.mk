### fluxstat-pack
