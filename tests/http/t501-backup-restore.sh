#!/usr/bin/env bash
# `ttdt backup` of a live database under load, `ttdt restore` into a new
# path, equal row counts; restore refuses a file that is not a database.
. "$(dirname "$0")/lib.sh"

# counts DB: "table rows" for every table, sorted.
counts() {
	python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
# Virtual tables (the FTS5 index) need ttdt's tokenizer to be read; their
# shadow tables hold the same data and are counted instead.
names = [r[0] for r in db.execute(
    "select name from sqlite_master where type = 'table' "
    "and name not like 'sqlite_%' "
    "and sql not like 'CREATE VIRTUAL TABLE%' order by name")]
for n in names:
    print(n, db.execute(f'select count(*) from "{n}"').fetchone()[0])
print("integrity", db.execute("pragma integrity_check").fetchone()[0])
PY
}

start_server
fetch /
item=$(first_link '/tin/[^"/?#]+-[0-9]+')

# Load: a bounded curl loop (at most 30 s) until the backup is done.
(
	end=$((SECONDS + 30))
	while [[ ! -f $T_TMP/stop-load ]] && ((SECONDS < end)); do
		for u in / "$item" /tim-kiem?q=tu+phap /rss.xml; do
			curl -s -o /dev/null --max-time 10 \
				-w '%{http_code}\n' "$BASE$u"
		done
	done
) >"$T_TMP/load.codes" 2>&1 &
load=$!
sleep 1

if "$TTDT" backup --db "$T_TMP/t.db" --to "$T_TMP/backup.db" \
	>"$T_TMP/backup.out" 2>&1; then
	ok "ttdt backup of the live database exits 0"
else
	not_ok "ttdt backup failed"
	note "$(cat "$T_TMP/backup.out")"
fi
sleep 0.5
touch "$T_TMP/stop-load"
wait "$load"
n=$(wc -l <"$T_TMP/load.codes")
bad=$(grep -vc '^200$' "$T_TMP/load.codes")
check "every request during the backup got 200 ($n requests, $bad not)" \
	test "$n" -gt 0 -a "$bad" -eq 0
check "the backup file exists and is not empty" test -s "$T_TMP/backup.db"
if "$TTDT" backup --db "$T_TMP/t.db" --to "$T_TMP/backup.db" \
	>"$T_TMP/backup2.out" 2>&1; then
	note "a second backup over an existing file succeeded (overwrite)"
else
	note "a second backup over an existing file was refused:" \
		"$(head -n 2 "$T_TMP/backup2.out")"
fi
stop_server

if "$TTDT" restore --from "$T_TMP/backup.db" --db "$T_TMP/restored.db" \
	>"$T_TMP/restore.out" 2>&1; then
	ok "ttdt restore into a new path exits 0"
else
	not_ok "ttdt restore failed"
	note "$(cat "$T_TMP/restore.out")"
fi
# The restored copy equals the backup; the live database went on counting
# views after the backup, so only its content tables are compared.
counts "$T_TMP/backup.db" >"$T_TMP/c1" 2>&1
counts "$T_TMP/restored.db" >"$T_TMP/c2" 2>&1
counts "$T_TMP/t.db" >"$T_TMP/c0" 2>&1
if [[ -s $T_TMP/c1 ]] && diff "$T_TMP/c1" "$T_TMP/c2" >"$T_TMP/cd"; then
	ok "the restored database has the backup's row counts" \
		"($(grep -c . "$T_TMP/c1") tables)"
else
	not_ok "row counts differ between the backup and the restored copy"
	note "$(cat "$T_TMP/cd")"
fi
if diff <(grep -E '^(item|category|setting) ' "$T_TMP/c0") \
	<(grep -E '^(item|category|setting) ' "$T_TMP/c2") >"$T_TMP/cd" &&
	grep -q '^item ' "$T_TMP/c0"; then
	ok "items, sections and settings equal the live database's"
else
	not_ok "items, sections or settings differ from the live database"
	note "$(cat "$T_TMP/cd" "$T_TMP/c0")"
fi
check "integrity_check of the restored database is ok" \
	grep -qx 'integrity ok' "$T_TMP/c2"
items=$(grep -E '^items? ' "$T_TMP/c2" | awk '{ print $2 }')
check "the restored database has items (${items:-none})" \
	test "${items:-0}" -gt 0

# The restored database serves.
cp "$T_TMP/restored.db" "$T_TMP/t.db"
rm -f "$T_TMP/t.db-wal" "$T_TMP/t.db-shm"
start_server
fetch "$item"
expect_status 200 "the restored database serves $item"
stop_server

# Refusals, with plain English and nothing written.
printf 'this is not a database\n' >"$T_TMP/junk"
if "$TTDT" restore --from "$T_TMP/junk" --db "$T_TMP/x.db" \
	>"$T_TMP/junk.out" 2>&1; then
	not_ok "restore accepted a text file"
else
	ok "restore refuses a text file"
fi
note "$(cat "$T_TMP/junk.out")"
check "the refusal says why in English" \
	grep -qiE 'not a (usable |valid )?(sqlite |ttdt )*(database|backup)|invalid|corrupt' \
	"$T_TMP/junk.out"
check "nothing was written at the target" test ! -e "$T_TMP/x.db"
head -c 8192 /dev/urandom >"$T_TMP/noise"
if "$TTDT" restore --from "$T_TMP/noise" --db "$T_TMP/x.db" \
	>/dev/null 2>&1; then
	not_ok "restore accepted random bytes"
else
	ok "restore refuses random bytes"
fi
python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("create table t (x)"); db.commit()' \
	"$T_TMP/other.db"
if "$TTDT" restore --from "$T_TMP/other.db" --db "$T_TMP/x.db" \
	>"$T_TMP/other.out" 2>&1; then
	not_ok "restore accepted an SQLite file that is not a ttdt database"
else
	ok "restore refuses an SQLite file that is not a ttdt database"
fi
if "$TTDT" restore --from "$T_TMP/missing.db" --db "$T_TMP/x.db" \
	>/dev/null 2>&1; then
	not_ok "restore accepted a missing file"
else
	ok "restore refuses a missing file"
fi
if "$TTDT" backup --db "$T_TMP/missing.db" --to "$T_TMP/y.db" \
	>/dev/null 2>&1; then
	not_ok "backup of a missing database succeeded"
else
	ok "backup of a missing database fails"
fi
t_done
