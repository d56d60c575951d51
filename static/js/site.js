/*
 * ttdt public site: small enhancements only; every page works without
 * this file.  Loaded from <head> (the Content-Security-Policy forbids
 * inline script), so the saved font size and contrast apply before the
 * page is drawn; the buttons are wired once the document is parsed.
 *
 *  - font size (A-, A, A+): a class fs-N on <html>, N in -1..3;
 *  - high contrast: the class hc on <html>;
 *  - both remembered in localStorage (nothing is sent to the server);
 *  - the main menu starts folded on narrow screens;
 *  - the print view's "print" button.
 */
(function () {
	"use strict";

	var root = document.documentElement;
	var FONT_KEY = "ttdt-font", HC_KEY = "ttdt-contrast";
	var FONT_MIN = -1, FONT_MAX = 3;

	function load(key) {
		try {
			return window.localStorage.getItem(key);
		} catch (e) {
			return null; /* storage disabled: just do not remember */
		}
	}

	function save(key, value) {
		try {
			if (value === null)
				window.localStorage.removeItem(key);
			else
				window.localStorage.setItem(key, value);
		} catch (e) {
			/* ignore */
		}
	}

	function fontLevel() {
		var n = parseInt(load(FONT_KEY), 10);
		return isNaN(n) ? 0 : Math.max(FONT_MIN, Math.min(FONT_MAX, n));
	}

	function applyFont(n) {
		for (var i = FONT_MIN; i <= FONT_MAX; i++)
			root.classList.remove("fs-" + i);
		if (n !== 0)
			root.classList.add("fs-" + n);
	}

	function applyContrast(on) {
		root.classList.toggle("hc", on);
	}

	applyFont(fontLevel());
	applyContrast(load(HC_KEY) === "1");

	function wire() {
		var tools = document.querySelectorAll(".a11y-tools");
		var i;

		for (i = 0; i < tools.length; i++)
			tools[i].hidden = false;

		var fontButtons = document.querySelectorAll("[data-font]");
		for (i = 0; i < fontButtons.length; i++) {
			fontButtons[i].addEventListener("click", function () {
				var step = parseInt(this.getAttribute("data-font"), 10);
				var n = step === 0 ? 0 : fontLevel() + step;

				n = Math.max(FONT_MIN, Math.min(FONT_MAX, n));
				save(FONT_KEY, n === 0 ? null : String(n));
				applyFont(n);
			});
		}

		var hc = document.querySelectorAll("[data-contrast]");
		for (i = 0; i < hc.length; i++) {
			hc[i].setAttribute("aria-pressed",
				root.classList.contains("hc") ? "true" : "false");
			hc[i].addEventListener("click", function () {
				var on = !root.classList.contains("hc");

				applyContrast(on);
				save(HC_KEY, on ? "1" : null);
				for (var j = 0; j < hc.length; j++)
					hc[j].setAttribute("aria-pressed",
						on ? "true" : "false");
			});
		}

		/* The menu is an open <details> so it works without script;
		 * on a narrow screen fold it, on a wide one keep it open
		 * (its toggle is hidden there). */
		var menu = document.querySelector(".nav-menu");
		if (menu && window.matchMedia) {
			var wide = window.matchMedia("(min-width: 48rem)");
			var sync = function () {
				menu.open = wide.matches;
			};
			sync();
			if (wide.addEventListener)
				wide.addEventListener("change", sync);
			else if (wide.addListener)
				wide.addListener(sync);
		}

		var print = document.querySelectorAll("[data-print]");
		for (i = 0; i < print.length; i++) {
			print[i].hidden = false;
			print[i].addEventListener("click", function () {
				window.print();
			});
		}
	}

	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", wire);
	else
		wire();
})();
