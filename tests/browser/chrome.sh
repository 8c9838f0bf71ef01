# tests/browser/chrome.sh: sourced by the tests that open a page in
# headless Chromium, as the issue asks: a fresh profile, no network.
# chrome ARGS...: run chromium --headless with ARGS (120 s at most).
chrome() {
	prof=$(mktemp -d) &&
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$prof" --allow-file-access-from-files \
		--enable-logging=stderr --v=0 "$@"
	rc=$?
	rm -rf "$prof"
	return $rc
}
