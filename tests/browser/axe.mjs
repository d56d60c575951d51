// Accessibility and layout checks of the public site in Debian's Chromium.
//
//   BASE=http://127.0.0.1:8080 node tests/browser/axe.mjs
//
// For every public page type (home, section, item, print view, search
// results, empty search, 404, site map, accessibility statement):
//   - axe-core with tags wcag2a, wcag2aa, wcag21a, wcag21aa at 1280 px and
//     320 px: zero violations (each printed with its nodes);
//   - the same once with high contrast and A+ switched on through the
//     page's own buttons, pressed from the keyboard (focus + Enter);
//   - no horizontal scroll at 320 px;
//   - no script error and no Content-Security-Policy refusal, with the
//     site's own CSP in force;
//   - best-practice findings are listed, never failed.
// Then the newsroom behind its log-in: signed in through the log-in form
// as the demo IT administrator (who sees every newsroom page), every page
// reachable by following /quan-tri links (no query strings, no downloads),
// axe at 1280 px and 320 px and no horizontal scroll at 320 px.
// Prints "ok - ..." / "not ok - ..." per check and "N passed, N failed".
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const BASE = (process.env.BASE || 'http://127.0.0.1:8080').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];

let passed = 0;
let failed = 0;
const ok = (msg) => { passed++; console.log(`ok - ${msg}`); };
const notOk = (msg) => { failed++; console.log(`not ok - ${msg}`); };
const note = (msg) => {
	for (const line of String(msg).split('\n'))
		console.log(`    # ${line}`);
};

const dirs = [];
async function launch(options) {
	const dir = mkdtempSync(join(tmpdir(), 'ttdt-chromium-'));
	dirs.push(dir);
	return chromium.launchPersistentContext(dir, {
		executablePath: CHROMIUM,
		headless: true,
		args: ARGS,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		...options,
	});
}

// The pages to check, found by following the site's own links.
async function discover(page) {
	const pages = [
		['home', '/'],
		['site map', '/so-do-trang'],
		['accessibility statement', '/tro-nang-tiep-can'],
		['units directory', '/gioi-thieu/don-vi'],
		['search results', '/tim-kiem?q=tu+phap'],
		['empty search', '/tim-kiem?q='],
		['404 page', '/khong-co-trang-nay'],
		['newsroom log-in', '/quan-tri/dang-nhap'],
	];
	await page.goto(BASE + '/');
	const first = async (re) => {
		const hrefs = await page.$$eval('a[href]', (as) =>
			as.map((a) => a.getAttribute('href')));
		return hrefs.find((h) => re.test(h));
	};
	const section = await first(/^\/chuyen-muc\/[a-z0-9-]+$/);
	const item = await first(/^\/tin\/[^/?#]+-[0-9]+$/);
	if (section)
		pages.splice(1, 0, ['section', section]);
	else
		notOk('the home page links to no section');
	if (item) {
		pages.splice(2, 0, ['item', item], ['print view', item + '/ban-in']);
	} else {
		notOk('the home page links to no item');
	}
	return pages;
}

function printViolations(list) {
	for (const v of list) {
		note(`${v.id} (${v.impact}): ${v.help}`);
		note(`  ${v.helpUrl}`);
		for (const n of v.nodes.slice(0, 8)) {
			note(`  at ${n.target.join(' ')}`);
			note(`    ${n.html.slice(0, 200)}`);
			if (n.failureSummary)
				note('    ' + n.failureSummary.replace(/\n/g, '\n      '));
		}
		if (v.nodes.length > 8)
			note(`  ... and ${v.nodes.length - 8} more nodes`);
	}
}

async function runAxe(page, tags) {
	if (!(await page.evaluate(() => typeof window.axe !== 'undefined')))
		await page.addScriptTag({ path: AXE_PATH });
	return page.evaluate((t) => window.axe.run(document, {
		runOnly: { type: 'tag', values: t },
		resultTypes: ['violations'],
	}), tags);
}

const bestPractice = new Map();

async function checkPage(page, label, path, expectStatus) {
	const resp = await page.goto(BASE + path, { waitUntil: 'load' });
	const status = resp ? resp.status() : 0;
	if (status !== expectStatus) {
		notOk(`${label}: GET ${path} gave ${status}, want ${expectStatus}`);
		return false;
	}
	const res = await runAxe(page, WCAG);
	if (res.violations.length === 0) {
		ok(`${label}: no WCAG 2.1 A/AA violation`);
	} else {
		notOk(`${label}: ${res.violations.length} WCAG 2.1 A/AA ` +
			`violation(s) on ${path}`);
		printViolations(res.violations);
	}
	const bp = await runAxe(page, ['best-practice']);
	for (const v of bp.violations) {
		const key = `${v.id}: ${v.help}`;
		if (!bestPractice.has(key))
			bestPractice.set(key, new Set());
		bestPractice.get(key).add(path);
	}
	return true;
}

async function checkScroll(page, label) {
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	if (w <= 320) {
		ok(`${label}: no horizontal scroll (scrollWidth ${w})`);
	} else {
		notOk(`${label}: horizontal scroll, scrollWidth ${w} > 320`);
		const wide = await page.evaluate(() => {
			const out = [];
			for (const el of document.querySelectorAll('body *')) {
				const r = el.getBoundingClientRect();
				if (r.right > 321 && out.length < 6)
					out.push(`${el.tagName.toLowerCase()}` +
						`${el.id ? '#' + el.id : ''}` +
						`${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}` +
						` right=${Math.round(r.right)}`);
			}
			return out;
		});
		note('too wide: ' + wide.join(', '));
	}
}

// The page's own settings buttons.
function contrastButton(page) {
	return page.getByRole('button', { name: /tương phản/i })
		.or(page.getByRole('link', { name: /tương phản/i })).first();
}
function largerButton(page) {
	return page.getByRole('button', { name: /^A\+$|tăng cỡ chữ|chữ lớn|phóng to/i })
		.or(page.getByRole('link', { name: /^A\+$|tăng cỡ chữ|chữ lớn/i }))
		.first();
}

async function looks(page) {
	return page.evaluate(() => {
		const s = getComputedStyle(document.body);
		const h = getComputedStyle(document.documentElement);
		return { bg: s.backgroundColor, color: s.color,
			size: parseFloat(h.fontSize) || 0,
			bodySize: parseFloat(s.fontSize) || 0 };
	});
}

// Presses button (located by fn) with the keyboard; waits for any
// navigation it causes.
async function pressWithKeyboard(page, fn) {
	const btn = fn(page);
	if ((await btn.count()) === 0)
		return false;
	await btn.focus();
	const focused = await page.evaluate(() =>
		document.activeElement && document.activeElement !== document.body);
	if (!focused)
		return false;
	await Promise.all([
		page.waitForLoadState('load'),
		page.keyboard.press('Enter'),
	]);
	await page.waitForTimeout(150);
	await page.waitForLoadState('load');
	return true;
}

// Signs in through the newsroom's log-in form, typed as a person would.
async function signIn(page, email, password) {
	await page.goto(BASE + '/quan-tri/dang-nhap', { waitUntil: 'load' });
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
	await Promise.all([
		page.waitForURL((u) => !u.pathname.endsWith('/dang-nhap')),
		page.getByRole('button', { name: 'Đăng nhập' }).click(),
	]);
	return new URL(page.url()).pathname;
}

// The newsroom's pages, found from its navigation and lists.
async function newsroomPages(page) {
	const seen = new Set(['/quan-tri']);
	const queue = ['/quan-tri'];
	const MAX_PAGES = 40;
	while (queue.length && seen.size < MAX_PAGES) {
		const path = queue.shift();
		await page.goto(BASE + path, { waitUntil: 'load' });
		const hrefs = await page.$$eval('main a[href], nav a[href]', (as) =>
			as.map((a) => a.getAttribute('href')));
		for (const h of hrefs) {
			if (!/^\/quan-tri(\/[^?#]*)?$/.test(h) || /\.csv$/.test(h))
				continue;
			// One page of each kind of record is enough.
			const kind = h.replace(/\/[0-9]+(\/|$)/, '/N$1');
			if (seen.has(h) || seen.has('kind:' + kind))
				continue;
			seen.add(h);
			if (kind !== h)
				seen.add('kind:' + kind);
			queue.push(h);
		}
	}
	return [...seen].filter((p) => !p.startsWith('kind:'));
}

// The IT administrator sees the administration pages; the Head of the
// Board, who has no such page, sees the workflow queues.  Each page is
// checked once, as the first account that reaches it, but the dashboard,
// which differs by role, is checked for each.
const NEWSROOM_ACCOUNTS = ['cntt', 'truongban'];

async function newsroom() {
	for (const width of [1280, 320]) {
		const checked = new Set();
		for (const who of NEWSROOM_ACCOUNTS) {
			const ctx = await launch({ bypassCSP: true,
				viewport: { width, height: width > 400 ? 900 : 640 } });
			const page = ctx.pages()[0] || await ctx.newPage();
			const landed = await signIn(page, `${who}@stp-kontum.example`,
				`Demo-${who}-2026`);
			if (landed !== '/quan-tri') {
				notOk(`newsroom (${who}) @${width}px: signing in landed on ${landed}`);
				await ctx.close();
				continue;
			}
			const paths = (await newsroomPages(page))
				.filter((p) => p === '/quan-tri' || !checked.has(p));
			paths.forEach((p) => checked.add(p));
			if (width === 1280)
				note(`newsroom pages (${who}): ${paths.join(' ')}`);
			for (const path of paths) {
				const label = `newsroom ${path} @${width}px`;
				const loaded = await checkPage(page, label, path, 200);
				if (loaded && width === 320)
					await checkScroll(page, label);
			}
			await ctx.close();
		}
	}
}

async function main() {
	// 1. The site's own CSP in force: no refused resource, no script error.
	let ctx = await launch({ viewport: { width: 1280, height: 900 } });
	let page = ctx.pages()[0] || await ctx.newPage();
	const pages = await discover(page);
	for (const [label, path] of pages) {
		const errors = [];
		const onConsole = (m) => {
			if (m.type() === 'error' && !/status of 404|status of 410/.test(m.text()))
				errors.push(m.text());
		};
		const onError = (e) => errors.push(String(e));
		page.on('console', onConsole);
		page.on('pageerror', onError);
		await page.goto(BASE + path, { waitUntil: 'load' });
		await page.waitForTimeout(100);
		page.off('console', onConsole);
		page.off('pageerror', onError);
		if (errors.length === 0) {
			ok(`${label}: no script error or CSP refusal`);
		} else {
			notOk(`${label}: ${errors.length} console error(s)`);
			note(errors.slice(0, 5).join('\n'));
		}
	}
	await ctx.close();

	// 2. axe at 1280 and 320 px, with CSP bypassed so axe can be injected.
	for (const width of [1280, 320]) {
		ctx = await launch({ bypassCSP: true,
			viewport: { width, height: width > 400 ? 900 : 640 } });
		page = ctx.pages()[0] || await ctx.newPage();
		for (const [label, path] of pages) {
			const want = label === '404 page' ? 404 : 200;
			const loaded = await checkPage(page, `${label} @${width}px`,
				path, want);
			if (loaded && width === 320)
				await checkScroll(page, `${label} @320px`);
		}
		await ctx.close();
	}

	// 3. High contrast and A+ through the page's buttons, by keyboard.
	ctx = await launch({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
	page = ctx.pages()[0] || await ctx.newPage();
	await page.goto(BASE + '/', { waitUntil: 'load' });
	const before = await looks(page);
	if (await pressWithKeyboard(page, contrastButton)) {
		const after = await looks(page);
		if (after.bg !== before.bg || after.color !== before.color)
			ok(`high contrast by keyboard changes the colours (${after.color} on ${after.bg})`);
		else
			notOk('high contrast pressed by keyboard changed no colour');
	} else {
		notOk('no focusable "tương phản" (high contrast) button on the home page');
	}
	const mid = await looks(page);
	if (await pressWithKeyboard(page, largerButton)) {
		const after = await looks(page);
		if (after.size > mid.size || after.bodySize > mid.bodySize)
			ok(`A+ by keyboard enlarges the text (${mid.size}px -> ${after.size}px)`);
		else
			notOk(`A+ pressed by keyboard did not enlarge the text (${mid.size}px)`);
	} else {
		notOk('no focusable A+ (larger text) button on the home page');
	}
	const on = await looks(page);
	await page.reload({ waitUntil: 'load' });
	const kept = await looks(page);
	if (on.bg === before.bg && on.size === before.size)
		note('no setting took effect, so none to keep over a reload');
	else if (kept.bg === on.bg && kept.size === on.size)
		ok('the settings survive a reload');
	else
		notOk('the settings are lost on reload');
	for (const [label, path] of pages) {
		const want = label === '404 page' ? 404 : 200;
		await checkPage(page, `${label} @1280px high contrast + A+`, path, want);
	}
	await page.setViewportSize({ width: 320, height: 640 });
	for (const [label, path] of pages) {
		await page.goto(BASE + path, { waitUntil: 'load' });
		await checkScroll(page, `${label} @320px high contrast + A+`);
	}
	await ctx.close();

	// 4. The newsroom.
	await newsroom();

	if (bestPractice.size) {
		console.log(`# best-practice findings (listed, not failed): ${bestPractice.size}`);
		for (const [k, paths] of bestPractice)
			note(`${k} — ${[...paths].slice(0, 4).join(' ')}`);
	}
}

try {
	await main();
} catch (e) {
	notOk(`browser test aborted: ${e && e.stack ? e.stack : e}`);
} finally {
	for (const d of dirs)
		rmSync(d, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
