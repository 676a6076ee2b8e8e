### fluxstat-bson
