### fluxstat-sys
