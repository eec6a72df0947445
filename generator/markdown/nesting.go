package markdown

import "bytes"

// maxNesting is how many characters of container prefix (indentation,
// ">" quote markers and list markers) a line may start with before the
// rest of the prefix is ignored.
//
// goldmark asks every open list and quote whether each new line continues
// it, and a list item measures the line's indentation to answer, so a
// line costs about (depth × indentation): a list nested 1,000 levels deep
// by indentation (a 1 MB file) took 6 s, 2,000 levels 18 s and 4,000
// levels three minutes, and 100,000 ">" on one line 6 s. Capping the
// prefix bounds both factors, which keeps the cost of a page linear in
// its size. No real page comes near the cap: ten levels of list with a
// code block in the deepest take about 50 characters.
const maxNesting = 100

// capNesting returns src with the container prefix of every line cut to
// maxNesting columns: the part of the prefix beyond the cap is dropped, so
// what followed it joins the deepest level kept. It returns the byte
// offset (in the returned text) of the first line it changed and how many
// lines it changed; src itself is returned when no line needed it.
func capNesting(src []byte) (out []byte, first, lines int) {
	first = -1
	var b []byte // nil until a line needs changing
	start := 0
	for start < len(src) {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start + 1 // keep the newline with its line
		}
		line := src[start:end]
		keep, skip := cutPrefix(line)
		if skip > keep {
			if b == nil {
				b = make([]byte, 0, len(src))
				b = append(b, src[:start]...)
			}
			if first < 0 {
				first = len(b)
			}
			lines++
			b = append(b, line[:keep]...)
			b = append(b, line[skip:]...)
		} else if b != nil {
			b = append(b, line...)
		}
		start = end
	}
	if b == nil {
		return src, -1, 0
	}
	return b, first, lines
}

// cutPrefix scans the container prefix of line: spaces, tabs (to the next
// multiple of four columns), ">" and list markers ("-", "*", "+" or up to
// nine digits and "." or ")", each followed by a space, a tab or the end
// of the line). It returns how many bytes of it fit in maxNesting columns
// and where the prefix ends; keep == end when the whole prefix fits.
func cutPrefix(line []byte) (keep, end int) {
	col := 0
	keep = -1
	i := 0
	for i < len(line) {
		c := line[i]
		next, width := i+1, 1
		switch {
		case c == ' ', c == '>':
		case c == '\t':
			width = 4 - col%4
		case c == '-' || c == '*' || c == '+':
			if !markerEnds(line, i+1) {
				return finish(keep, i)
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j >= len(line) || (line[j] != '.' && line[j] != ')') || !markerEnds(line, j+1) {
				return finish(keep, i)
			}
			next, width = j+1, j+1-i
		default:
			return finish(keep, i)
		}
		if keep < 0 && col+width > maxNesting {
			keep = i
		}
		col += width
		i = next
	}
	return finish(keep, i)
}

func finish(keep, end int) (int, int) {
	if keep < 0 {
		return end, end
	}
	return keep, end
}

// markerEnds reports whether a list marker ending just before line[i] is
// followed by a space, a tab or the end of the line.
func markerEnds(line []byte, i int) bool {
	return i >= len(line) || line[i] == ' ' || line[i] == '\t' || line[i] == '\n' || line[i] == '\r'
}
