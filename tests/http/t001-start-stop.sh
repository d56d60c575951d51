#!/usr/bin/env bash
# Starts ttdt, checks /healthz and --help/--version, then stops it with
# SIGTERM while a slow request is in flight: the request must be answered
# and the server must exit 0.
. "$(dirname "$0")/lib.sh"

check "ttdt --version prints the version" \
	bash -c '"$0" --version | grep -qE "^ttdt [0-9]+\.[0-9]+"' "$TTDT"
check "ttdt --help lists the commands" \
	bash -c '"$0" --help | grep -q "serve" && "$0" --help | grep -q backup' \
	"$TTDT"
check "ttdt with an unknown command exits non-zero" \
	bash -c '! "$0" no-such-command 2>/dev/null' "$TTDT"
check "ttdt serve with a missing database fails" \
	bash -c '! timeout 10 "$0" serve --db /nonexistent/x.db \
		--listen 127.0.0.1:1 >/dev/null 2>&1' "$TTDT"

start_server
fetch /healthz
expect_status 200 "/healthz answers"
fetch /healthz -I
expect_status 200 "HEAD /healthz answers"

# A client that sends its POST body slowly: the request is in flight when
# SIGTERM arrives, and must still get a complete answer.
python3 - "$T_PORT" "$T_TMP/slow.sent" >"$T_TMP/slow.out" 2>&1 <<'PY' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=15)
body = b"q=tu+phap&x=" + b"a" * 40
s.sendall(b"POST /tim-kiem HTTP/1.1\r\nHost: localhost\r\n"
          b"Content-Type: application/x-www-form-urlencoded\r\n"
          b"Connection: close\r\n"
          b"Content-Length: %d\r\n\r\n" % len(body) + body[:10])
open(sys.argv[2], "w").close()
time.sleep(1.5)
s.sendall(body[10:])
data = b""
try:
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
except socket.timeout:
    pass
print(data.split(b"\r\n", 1)[0].decode("latin-1"))
PY
slow=$!
# SIGTERM once the client has sent the first part of its request.
for ((i = 0; i < 100; i++)); do
	[[ -f $T_TMP/slow.sent ]] && break
	sleep 0.1
done
sleep 0.2
t0=$(date +%s)
stop_server
t1=$(date +%s)
wait "$slow"
check "stopping took under 10 s ($((t1 - t0)) s)" test $((t1 - t0)) -lt 10
if grep -qE '^HTTP/1\.[01] [1-5][0-9][0-9]' "$T_TMP/slow.out"; then
	ok "the in-flight request was answered: $(head -n 1 "$T_TMP/slow.out")"
else
	not_ok "the in-flight request got no answer"
	note "$(cat "$T_TMP/slow.out")"
fi
check "the port is closed after stop" \
	bash -c '! curl -s -o /dev/null --max-time 2 "$0/healthz"' "$BASE"
t_done
