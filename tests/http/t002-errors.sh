#!/usr/bin/env bash
# Error pages: 404, 405, invalid UTF-8 and bad percent-encoding (400),
# oversized body (413), oversized header (431/400), path traversal.
. "$(dirname "$0")/lib.sh"

start_server "[server]" "max_body = 4k" "max_header = 8k"

fetch /khong-co-trang-nay
expect_vi_error 404 "unknown path gives 404"
expect_header Content-Type 'text/html' "404 is HTML"

fetch /tin/khong-co-tin-nay-999999999
expect_vi_error 404 "unknown item id gives 404"

fetch / -X DELETE
expect_vi_error 405 "DELETE / gives 405"
expect_header Allow 'GET' "405 names the allowed methods in Allow"

fetch / -X PUT -d x=1
expect_status 405 "PUT / gives 405"

# Invalid UTF-8 (C3 28: a lead byte followed by an ASCII byte).
fetch '/tin/%C3%28-1'
expect_vi_error 400 "invalid UTF-8 in the path"
fetch '/tim-kiem?q=%C3%28'
expect_vi_error 400 "invalid UTF-8 in the query"
fetch '/tim-kiem?q=%FF%FE'
expect_vi_error 400 "invalid UTF-8 bytes FF FE in the query"
fetch '/tim-kiem?q=%C0%AF'
expect_vi_error 400 "overlong UTF-8 in the query"
fetch '/tim-kiem?q=a%00b'
expect_vi_error 400 "NUL in the query"
fetch /tim-kiem -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary 'q=%C3%28'
expect_vi_error 400 "invalid UTF-8 in a urlencoded POST body"

# Malformed percent-encoding.
fetch '/tim-kiem?q=%zz'
expect_vi_error 400 "malformed %zz in the query"
fetch '/tin/%zz-1'
expect_vi_error 400 "malformed %zz in the path"
fetch '/tim-kiem?q=%'
expect_status 400 "truncated % at the end of the query"

# Oversized body and header.
head -c 20000 /dev/zero | tr '\0' 'a' | sed 's/^/q=/' >"$T_TMP/big"
fetch /tim-kiem -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary @"$T_TMP/big"
expect_status 413 "a 20 kB body over max_body 4k gives 413"
# ttdt gives libmicrohttpd max_header plus some room for its own use, so
# the limit is not exact: 64 kB is far over it.
big=$(head -c 65536 /dev/zero | tr '\0' 'b')
fetch / -H "X-Big: $big"
expect_status_in "431 400 413" "a 64 kB header over max_header 8k is refused"
check "the server is alive after the big requests" server_alive

# Path traversal: never the file.
for p in '/static/../Makefile' '/static/%2e%2e/Makefile' \
	'/static/%2E%2E/Makefile' '/static/..%2fMakefile' \
	'/static/%2e%2e%2fMakefile' '/static/%252e%252e/Makefile' \
	'/static/%252e%252e%252fMakefile' '/static/..%5cMakefile' \
	'/static/....//Makefile' '/static//../Makefile' \
	'/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd' \
	'/static/../../../../../../etc/passwd' \
	'/media/..%2f..%2f..%2f..%2f..%2fetc/passwd' \
	'/media/../../../../../etc/passwd' '/media/%c0%ae%c0%ae/etc/passwd' \
	'/static/.%2e/Makefile' '/static/./../Makefile'; do
	fetch "$p"
	if [[ $STATUS != 200 ]] && ! grep -qE 'PKG_CONFIG|root:.*:0:0' "$BODY"
	then
		ok "traversal $p refused ($STATUS)"
	else
		not_ok "traversal $p served a file ($STATUS)"
	fi
	[[ $STATUS != 500 ]] || not_ok "traversal $p gave 500"
done

# Raw malformed requests must not kill the server, and none may get 200.
# (A raw NUL byte inside the request target is not among them:
# libmicrohttpd ends the target at the NUL before ttdt sees it, so
# "GET /<NUL> HTTP/1.1" is a request for "/"; an encoded %00 is refused
# with 400 above.)
python3 - "$T_PORT" >"$T_TMP/raw.out" 2>&1 <<'PY'
import socket, sys
port = int(sys.argv[1])
reqs = [b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        b"\xff\xfe\r\n\r\n"]
for r in reqs:
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(r)
    try:
        line = s.recv(200).split(b"\r\n", 1)[0]
    except Exception as e:
        line = repr(e).encode()
    print(r[:20], line)
    s.close()
PY
note "$(cat "$T_TMP/raw.out")"
fetch /healthz
expect_status 200 "the server still answers after raw malformed requests"
if grep -q " b'HTTP/1.[01] 200" "$T_TMP/raw.out"; then
	not_ok "a malformed raw request got 200"
else
	ok "no malformed raw request got 200"
fi
t_done
