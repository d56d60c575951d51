#!/usr/bin/env bash
# The daily job (issue 3 items 5 and 9): `ttdt maintenance` disables an
# account unused for 46 days (not one of 44), audits it as the person who
# ran the command, records the day so a server does not run it again
# (--if-due says so); `ttdt serve` runs it at start when today's run is
# due, as "system:daily-job", once per day however often it restarts,
# and still stops promptly on SIGTERM.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-admin.sh"

demo_db "$T_TMP" || {
	not_ok "cannot make the demo database"
	t_done
}
DB=$T_TMP/t.db
OUT=$T_TMP/out
today=$(TZ=Asia/Ho_Chi_Minh date +%F)
id_of() { sql "select id from account where email = '$1@stp-kontum.example'"; }
active() { sql "select active from account where id = $1"; }
old=$(id_of chuyenvien)
recent=$(id_of vanphong)
sql "update account set last_login_at = strftime('%s', 'now') - 46 * 86400 where id = $old"
sql "update account set last_login_at = strftime('%s', 'now') - 44 * 86400 where id = $recent"
n0=$(sql "select count(*) from audit")

"$TTDT" maintenance --db "$DB" >"$OUT" 2>&1
rc=$?
check "ttdt maintenance exits 0" test "$rc" -eq 0
check "it reports one account disabled" \
	grep -q '1 account disabled for inactivity' "$OUT"
check "46 days unused: disabled" test "$(active "$old")" = 0
check "44 days unused: still active" test "$(active "$recent")" = 1
check "the disabling is audited, by the person who ran the command" \
	test "$(sql "select count(*) from audit where action = 'user.disable' \
		and object_id = $old and actor_name like 'cli:%' \
		and detail like '%\"reason\":\"inactive\"%'")" = 1
check "the run itself is audited (maintenance.run)" \
	test "$(sql "select count(*) from audit where id > $n0 and action = 'maintenance.run'")" = 1
check "the day is recorded" \
	test "$(sql "select value from setting where key = 'maintenance_day'")" = "$today"
"$TTDT" maintenance --db "$DB" --if-due >"$OUT" 2>&1
rc=$?
check "--if-due after a run today: exits 0" test "$rc" -eq 0
check "--if-due after a run today: already done" grep -q 'already done today' "$OUT"
check "--if-due ran nothing" \
	test "$(sql "select count(*) from audit where action = 'maintenance.run'")" = 1
"$TTDT" audit verify --db "$DB" >"$OUT" 2>&1
check "the audit chain verifies afterwards" test $? -eq 0
"$TTDT" maintenance >"$OUT" 2>&1
check "without --db: a usage error" test $? -eq 2

# The server's own run: a new day is due (the record is cleared), a
# third account has aged.
other=$(id_of thuky)
sql "delete from setting where key = 'maintenance_day'"
sql "update account set last_login_at = strftime('%s', 'now') - 50 * 86400 where id = $other"
start_server
check "serve's start-up run disabled the aged account" test "$(active "$other")" = 0
check "audited as the daily job" \
	test "$(sql "select actor_name from audit where action = 'user.disable' and object_id = $other")" = system:daily-job
check "serve recorded the day" \
	test "$(sql "select value from setting where key = 'maintenance_day'")" = "$today"
login a thuky@stp-kontum.example Demo-thuky-2026
expect_body 'E-mail hoặc mật khẩu không đúng.' "the disabled account cannot log in"
t0=$(date +%s%N)
stop_server
ms=$((($(date +%s%N) - t0) / 1000000))
check "SIGTERM stops it promptly, the hourly wait notwithstanding (${ms} ms)" \
	test "$ms" -lt 5000
start_server
stop_server
check "a restart the same day runs nothing again" \
	test "$(sql "select count(*) from audit where action = 'maintenance.run'")" = 2
t_done
