#!/usr/bin/env bash
# Serving on the IPv6 loopback [::1].
. "$(dirname "$0")/lib.sh"

if ! python3 -c 'import socket; s = socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
	not_ok "this machine has no IPv6 loopback ::1"
	t_done
fi
T_HOST=::1
start_server
check "the server listens on $BASE" test "${BASE#"http://[::1]:"}" != "$BASE"
fetch /healthz
expect_status 200 "/healthz over IPv6"
fetch /
expect_status 200 "home page over IPv6"
expect_body 'lang="vi"' "home page over IPv6 is the Vietnamese page"
t_done
