# bench/section.sh, sourced by the bench scripts.
# put_section NAME FILE: FILE (which starts with "<!-- NAME: begin" and
# ends with "<!-- NAME: end -->") replaces that section of
# bench/results.md, or is appended when the file has none yet.
put_section() {
	if grep -q "<!-- $1: begin" bench/results.md; then
		awk -v f="$2" -v b="<!-- $1: begin" -v e="<!-- $1: end" '
			index($0, b) == 1 { while ((getline l < f) > 0) print l; skip = 1; next }
			index($0, e) == 1 { skip = 0; next }
			!skip' bench/results.md >"$2.all" &&
		mv "$2.all" bench/results.md
	else
		{ echo; cat "$2"; } >>bench/results.md
	fi
}
