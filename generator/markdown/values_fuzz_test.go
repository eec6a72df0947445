package markdown

import (
	"bytes"
	"testing"
)

// FuzzValueReference checks the grammar parser on any bytes: it never
// panics, never claims more than it was given, and what it claims starts
// with "{{" and ends with "}}"; the name it returns is written inside that
// match, and parsing the match alone gives the same result.
func FuzzValueReference(f *testing.F) {
	for _, s := range []string{
		"{{ trust.name }}", `{{ contact "sponsor" }}`, `{{contact "a \" b" "c"}}`,
		"{{ a.b.c }} rest", "{{< shortcode >}}", "{% liquid %}", "{{", "{{}}", "{{ 1a }}",
		"{{ a\t\"x\"\t}}", `{{ a "\z" }}`, "{{ a.\u00e9 }}", "{{ a. }}", "{{ _x.0 }}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		name, args, n, ok := parseReference(b)
		if !ok {
			if n != 0 || name != "" || args != nil {
				t.Errorf("no match, but got name %q, args %q, n %d", name, args, n)
			}
			return
		}
		if n > len(b) || n < 4 {
			t.Fatalf("n = %d for %d bytes", n, len(b))
		}
		m := b[:n]
		if !bytes.HasPrefix(m, []byte("{{")) || !bytes.HasSuffix(m, []byte("}}")) {
			t.Errorf("match %q does not start with {{ and end with }}", m)
		}
		if name == "" || !bytes.Contains(m, []byte(name)) {
			t.Errorf("name %q is not inside the match %q", name, m)
		}
		name2, args2, n2, ok2 := parseReference(bytes.Clone(m))
		if !ok2 || n2 != n || name2 != name || len(args2) != len(args) {
			t.Errorf("the match %q alone parses as %q %q %d %v, want %q %q %d", m, name2, args2, n2, ok2, name, args, n)
		}
		for i := range args {
			if args[i] != args2[i] {
				t.Errorf("argument %d: %q alone, %q in context", i, args2[i], args[i])
			}
		}
	})
}
