package publish

import (
	"bytes"
	"testing"
)

// BenchmarkMinifyPage minifies a page the size and shape of a built
// handbook page.
func BenchmarkMinifyPage(b *testing.B) {
	var page bytes.Buffer
	page.WriteString("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Page – Handbook</title>\n</head>\n<body>\n")
	for i := 0; i < 60; i++ {
		page.WriteString("<h2 id=\"section\">A section heading</h2>\n<p>Partners sit on the committees where the trust checks how safe its care is. A <a href=\"../committee/\">committee</a> is a group of people.</p>\n<ul>\n<li>one item</li>\n<li>another item</li>\n</ul>\n")
	}
	page.WriteString("</body>\n</html>\n")
	m := NewMinifier()
	b.SetBytes(int64(page.Len()))
	for b.Loop() {
		m.Minify("index.html", page.Bytes())
	}
}
