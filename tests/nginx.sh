# tests/nginx.sh: a real HTTPS receiver for the upload tests, sourced after
# shellcheck disable=SC2034,SC2154 # RX_* are for the tests that source
# this; top_srcdir comes from make check, _nginx_rc is set in the trap
# tests/lib.sh.  It runs share/receiver/fluxstat-receiver.conf itself (only
# its paths and listen address replaced) under a private nginx on loopback:
#
#   nginx_start   make a test CA and a server certificate (SAN 127.0.0.1,
#                 localhost), two tokens, and start nginx; sets
#                 RX_URL       https://127.0.0.1:PORT (the reference receiver)
#                 RX_TEST_URL  https://127.0.0.1:PORT2 (test-only answers:
#                              /busy/ 503 + Retry-After 1, /busy-long/ 503 +
#                              Retry-After 120, /slow/ a stalled upstream,
#                              /echo/ /echo-json/ /echo-bare/ 400 pages that
#                              echo the Authorization header or the token)
#                 RX_MTLS_URL  https://127.0.0.1:PORT3 (client certificates)
#                 RX_CA        the CA file; RX_OTHER_CA a CA that signed nothing
#                 RX_WWW       the folder the receiver writes into
#                 RX_LOG       the access log: "METHOD URI STATUS CT CE UA"
#                 RX_CLIENT_CERT, RX_CLIENT_KEY, RX_DOWN_PORT (nothing listens)
#   RX_TOKEN_A/RX_ID_A, RX_TOKEN_B/RX_ID_B   two installations the receiver
#                 knows (set when sourced)
#   nginx_stop    stop it (also run at exit, whatever happens)
#   nginx_count PATTERN   requests in the access log matching PATTERN
#
# Everything stays in $T; no file outside it is read or written except
# nginx's own binary and modules.  Needs nginx (Debian: nginx or nginx-light)
# and openssl; without them the test is skipped, saying so.

unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy 2>/dev/null || true

NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
nginx_have() {
	[ -x "$NGINX" ] && command -v openssl >/dev/null 2>&1 &&
		"$NGINX" -V 2>&1 | grep -q -- --with-http_dav_module
}

# the tokens of two installations (lowercase hex, as the example says)
RX_TOKEN_A=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
RX_TOKEN_B=fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210
RX_ID_A=11111111-2222-4333-8444-555555555555
RX_ID_B=66666666-7777-4888-9999-aaaaaaaaaaaa

_nginx_pids=
nginx_stop() {
	for _p in $_nginx_pids; do
		kill "$_p" 2>/dev/null || true
	done
	for _p in $_nginx_pids; do
		wait "$_p" 2>/dev/null || true
	done
	_nginx_pids=
}
trap '_nginx_rc=$?; nginx_stop; (exit $_nginx_rc); _tap_end' EXIT
trap 'exit 130' INT TERM

nginx_count() {
	grep -c -- "$1" "$RX_LOG" 2>/dev/null || true
}

_nginx_cert() { # name CA-name subject-alt-names
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$RX/$1.key" -out "$RX/$1.csr" -subj "/CN=$1" 2>/dev/null
	printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$3" >"$RX/$1.ext"
	openssl x509 -req -in "$RX/$1.csr" -CA "$RX/$2.crt" -CAkey "$RX/$2.key" \
		-CAcreateserial -days 2 -out "$RX/$1.crt" -extfile "$RX/$1.ext" 2>/dev/null
}

nginx_start() {
	RX=$T/rx
	RX_WWW=$T/www
	RX_LOG=$RX/access.log
	mkdir -p "$RX" "$RX_WWW" "$T/www2"
	for _ca in ca otherca; do
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
			-keyout "$RX/$_ca.key" -out "$RX/$_ca.crt" -days 2 \
			-subj "/CN=fluxstat test $_ca" 2>/dev/null
	done
	_nginx_cert server ca "IP:127.0.0.1,DNS:localhost"
	_nginx_cert client ca "DNS:client.invalid"
	RX_CA=$RX/ca.crt
	RX_OTHER_CA=$RX/otherca.crt
	RX_CLIENT_CERT=$RX/client.crt
	RX_CLIENT_KEY=$RX/client.key

	printf '"Bearer %s" %s;\n"Bearer %s" %s;\n' "$RX_TOKEN_A" "$RX_ID_A" \
		"$RX_TOKEN_B" "$RX_ID_B" >"$RX/tokens.map"

	_port=$(stall-server -p)
	_port2=$(stall-server -p)
	_port3=$(stall-server -p)
	RX_DOWN_PORT=$(stall-server -p)
	stall-server "$RX/stall.port" 120 &
	_nginx_pids="$_nginx_pids $!"
	_i=0
	while [ ! -s "$RX/stall.port" ] && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	RX_STALL_PORT=$(cat "$RX/stall.port")

	sed -e "s|/etc/fluxstat-receiver/|$RX/|g" \
		-e "s|/srv/fluxstat|$RX_WWW|g" \
		-e "s|listen 443 ssl;|listen 127.0.0.1:$_port ssl;|" \
		"$top_srcdir/share/receiver/fluxstat-receiver.conf" >"$RX/receiver.conf"
	if [ "$(id -u)" -eq 0 ]; then _user="user root;"; else _user=; fi
	cat >"$RX/nginx.conf" <<EOF_NGINX
$_user
worker_processes 1;
daemon off;
pid $RX/nginx.pid;
error_log $RX/error.log info;
events { worker_connections 64; }
http {
	log_format fluxstat '\$request_method \$uri \$status ct=\$content_type ce=\$http_content_encoding ua=\$http_user_agent';
	access_log $RX/access.log fluxstat;
	client_body_temp_path $RX/body;
	proxy_temp_path $RX/proxy;
	fastcgi_temp_path $RX/fastcgi;
	uwsgi_temp_path $RX/uwsgi;
	scgi_temp_path $RX/scgi;
	include $RX/receiver.conf;

	# answers the reference receiver never gives, for the tests only
	server {
		listen 127.0.0.1:$_port2 ssl;
		listen 127.0.0.2:$_port2 ssl;
		ssl_certificate $RX/server.crt;
		ssl_certificate_key $RX/server.key;
		location /busy/ {
			add_header Retry-After 1 always;
			return 503;
		}
		location /busy-long/ {
			add_header Retry-After 120 always;
			return 503;
		}
		# a 400 that echoes the request's credentials, as some proxies'
		# error pages do: in a page, in JSON, and the bare token
		location /echo/ {
			default_type text/html;
			return 400 "<pre>\nAuthorization: \$http_authorization\nX-Forwarded-For: \$remote_addr\n</pre>\n";
		}
		location /echo-json/ {
			default_type application/json;
			return 400 '{"error":"bad request","headers":{"authorization":"\$http_authorization","host":"\$host"}}';
		}
		location /echo-bare/ {
			default_type text/plain;
			if (\$http_authorization ~ "^Bearer (.*)\$") {
				return 400 "unknown token \$1 for this path\n";
			}
			return 400 "no token\n";
		}
		location /slow/ {
			proxy_pass http://127.0.0.1:$RX_STALL_PORT;
			proxy_read_timeout 100s;
		}
	}
	server {
		listen 127.0.0.1:$_port3 ssl;
		ssl_certificate $RX/server.crt;
		ssl_certificate_key $RX/server.key;
		ssl_client_certificate $RX/ca.crt;
		ssl_verify_client on;
		root $T/www2;
		location / {
			dav_methods PUT;
			create_full_put_path on;
		}
	}
}
EOF_NGINX
	"$NGINX" -p "$RX" -e "$RX/error.log" -c "$RX/nginx.conf" &
	_nginx_pids="$_nginx_pids $!"
	# the pid file is written once the sockets listen
	_i=0
	while [ ! -s "$RX/nginx.pid" ] && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	if [ ! -s "$RX/nginx.pid" ]; then
		echo "# nginx did not start:"
		sed 's/^/# /' "$RX/error.log" | tail -n 20
		return 1
	fi
	RX_URL=https://127.0.0.1:$_port
	RX_TEST_URL=https://127.0.0.1:$_port2
	RX_MTLS_URL=https://127.0.0.1:$_port3
}
