#!/usr/bin/env bash
# Search: accent-insensitive matching with <mark> highlights, phrases,
# polite messages for empty/long/odd queries, section and date filters.
. "$(dirname "$0")/lib.sh"

start_server

# marks: the highlighted words of the last page, one per line.
marks() {
	grep -oE '<mark>[^<]*</mark>' "$BODY" | sed 's/<[^>]*>//g'
}
# results: result links of the last page.
results() {
	grep -oE 'href="/tin/[^"]+-[0-9]+"' "$BODY" | sort -u
}

fetch '/tim-kiem?q=tu+phap'
expect_status 200 "search 'tu phap'"
if marks | grep -qiE '^(tư|Tư|TƯ)( pháp| PHÁP)?$|^(pháp|Pháp)$'; then
	ok "'tu phap' highlights 'Tư pháp' with <mark>"
else
	not_ok "'tu phap' highlights no 'Tư pháp'"
	note "$(marks | sort | uniq -c | head)"
fi
n_all=$(results | wc -l)
check "'tu phap' has results ($n_all)" test "$n_all" -gt 0

fetch '/tim-kiem?q=t%C6%B0+ph%C3%A1p'
expect_status 200 "search 'tư pháp'"
check "'tư pháp' has results" test "$(results | wc -l)" -gt 0

# Pairs with and without diacritics: when the accented form is found,
# the folded one must find it too.
for pair in 'hòa giải|hoa giai' 'hộ tịch|ho tich' 'Đảng|dang' \
	'pháp luật|phap luat' 'phổ biến|pho bien'; do
	vi=${pair%|*} ascii=${pair#*|}
	fetch "/tim-kiem?q=$(python3 -c 'import sys, urllib.parse
print(urllib.parse.quote_plus(sys.argv[1]))' "$vi")"
	first=${vi%% *}
	# Only words the demo text really has: an accented query also
	# matches other words with the same letters ("Đảng" finds "đăng").
	if [[ $STATUS != 200 ]] || ! marks | grep -qiF "$first"; then
		note "'$vi' not in the demo content ($STATUS); skipping its pair"
		continue
	fi
	fetch "/tim-kiem?q=${ascii// /+}"
	expect_status 200 "search '$ascii'"
	if marks | grep -qiF "${first,,}"; then
		ok "'$ascii' finds and marks '$vi'"
	elif marks | grep -qF "$first"; then
		ok "'$ascii' finds and marks '$vi'"
	else
		not_ok "'$ascii' does not mark '$vi'"
		note "$(marks | sort | uniq -c | sort -rn | head -n 5)"
	fi
done

fetch '/tim-kiem?q=%22t%C6%B0+ph%C3%A1p%22'
expect_status 200 "quoted phrase '\"tư pháp\"'"
check "the phrase has results" test "$(results | wc -l)" -gt 0

fetch '/tim-kiem?q=xyzzyqwvutsr'
expect_status 200 "a word found nowhere"
check "a word found nowhere gives no results" test "$(results | wc -l)" -eq 0
expect_body 'lang="vi"' "no-result page is Vietnamese"

fetch '/tim-kiem?q='
expect_status 200 "empty query gives a polite page"
check "empty query lists nothing" test -z "$(marks)"
fetch '/tim-kiem'
expect_status 200 "the search page without a query"
expect_body_re '<form[^>]*action="/tim-kiem"' "the search page has a form"
expect_body_re '<label' "the search form has labels"

long=$(python3 -c 'print("tư pháp " * 38)')
fetch "/tim-kiem?q=$(python3 -c 'import sys, urllib.parse
print(urllib.parse.quote_plus(sys.argv[1]))' "$long")"
expect_status_in "200 400" "a 300-character query gets a polite page"
expect_body 'lang="vi"' "the long-query page is Vietnamese"

for q in '%22' '*' 'NEAR(' "'" '%22%22%22' 'a*' 'AND' 'OR+OR' 'NOT' \
	'tu+NEAR(phap' '-' '%5E' 'col%3Avalue' '(((' '%2B%2B%2B' \
	'tu%22phap' '%E2%80%8B' '..' '%F0%9F%98%80'; do
	fetch "/tim-kiem?q=$q"
	expect_status 200 "odd query q=$q gets a polite page"
done

# Section filter: results of one section are a subset of all results.
fetch /so-do-trang
sec=$(grep -oE 'href="/chuyen-muc/[a-z0-9-]+"' "$BODY" | head -n 1 |
	sed 's|href="/chuyen-muc/||; s|"||')
fetch "/tim-kiem?q=tu+phap&chuyen-muc=$sec"
expect_status 200 "search in section $sec"
n_sec=$(results | wc -l)
check "the section filter narrows or keeps ($n_sec <= $n_all)" \
	test "$n_sec" -le "$n_all"
fetch "/tim-kiem?q=tu+phap&chuyen-muc=khong-co-chuyen-muc-nay"
expect_status_in "200 400 404" "an unknown section filter is polite"

# Date filters.
fetch '/tim-kiem?q=tu+phap&tu-ngay=01/01/2099'
expect_status 200 "from 01/01/2099"
check "nothing published after 2099" test "$(results | wc -l)" -eq 0
fetch '/tim-kiem?q=tu+phap&den-ngay=01/01/1990'
expect_status 200 "until 01/01/1990"
check "nothing published before 1990" test "$(results | wc -l)" -eq 0
fetch '/tim-kiem?q=tu+phap&tu-ngay=01/01/2000&den-ngay=31/12/2098'
expect_status 200 "from 2000 to 2098"
check "results between 2000 and 2098" test "$(results | wc -l)" -gt 0
fetch '/tim-kiem?q=tu+phap&tu-ngay=31/02/2024'
expect_status_in "200 400" "an impossible date 31/02/2024 is polite"
expect_body 'lang="vi"' "the bad-date page is Vietnamese"
fetch '/tim-kiem?q=tu+phap&tu-ngay=abc&den-ngay=99/99/9999'
expect_status_in "200 400" "malformed dates are polite"
fetch '/tim-kiem?q=tu+phap&trang=2'
expect_status_in "200 404" "search page 2"
fetch '/tim-kiem?q=tu+phap&trang=abc'
expect_status_in "200 400 404" "search ?trang=abc"
t_done
