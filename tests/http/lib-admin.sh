# tests/http/lib-admin.sh: helpers for the newsroom tests (t2xx), sourced
# after lib.sh.  Each browser is a curl cookie jar; forms are posted with
# the Origin a browser would send and the token the page gave.
# shellcheck shell=bash

# sql QUERY: runs QUERY on the test's database with the sqlite3 shell.
sql() {
	sqlite3 "$T_TMP/t.db" "$1"
}

# jar NAME: the cookie jar file of browser NAME.
jar() {
	echo "$T_TMP/$1.jar"
}

# page_token: the CSRF token of the form in the last body.
page_token() {
	grep -oE 'name="csrf" value="[0-9a-f]*"' "$BODY" | head -n 1 |
		sed 's/.*value="//; s/"$//'
}

# session_cookie NAME: the ttdt_session value in browser NAME's jar.
session_cookie() {
	awk '$6 == "ttdt_session" { v = $7 } END { print v }' "$(jar "$1")"
}

# get NAME PATH [CURL ARGS...]: a GET as browser NAME.
get() {
	local j
	j=$(jar "$1")
	fetch "$2" -b "$j" -c "$j" "${@:3}"
}

# post NAME PATH [CURL ARGS...]: a same-origin POST as browser NAME;
# the arguments add the fields (--data-urlencode csrf=...).
post() {
	local j
	j=$(jar "$1")
	fetch "$2" -b "$j" -c "$j" -H "Origin: $BASE" "${@:3}"
}

# login NAME EMAIL PASSWORD: opens the log-in page and posts it as
# browser NAME.  STATUS and the headers are the POST's.
login() {
	local tok
	get "$1" /quan-tri/dang-nhap
	tok=$(page_token)
	post "$1" /quan-tri/dang-nhap --data-urlencode "csrf=$tok" \
		--data-urlencode "email=$2" --data-urlencode "mat_khau=$3"
}

# form_token NAME PATH: the form token of page PATH for browser NAME.
form_token() {
	get "$1" "$2"
	page_token
}

# expect_location PATH DESCRIPTION: a 303 to PATH (a prefix of it is
# enough when PATH ends with '*').
expect_location() {
	local loc
	loc=$(header Location)
	if [[ $STATUS == 303 && $loc == $1 ]]; then
		ok "$2 (303 $loc)"
	else
		not_ok "$2: status $STATUS, Location '$loc', want 303 $1"
		note "$(head -c 400 "$BODY")"
	fi
}

# last_action: the newest audit entry's action.
last_action() {
	sql "select action from audit order by id desc limit 1"
}
