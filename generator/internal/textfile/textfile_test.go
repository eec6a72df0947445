package textfile

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr string
	}{
		{"plain", "a\nb\n", "a\nb\n", ""},
		{"crlf", "a\r\nb\r\n", "a\nb\n", ""},
		{"lone cr", "a\rb", "a\nb", ""},
		{"bom", "\xEF\xBB\xBF---\ntitle: x\n", "---\ntitle: x\n", ""},
		{"utf16le", "\xFF\xFEa\x00", "", "x.md:1:1: the file is saved as UTF-16"},
		{"utf16be", "\xFE\xFF\x00a", "", "x.md:1:1: the file is saved as UTF-16"},
		{"nul", "ab\ncd\x00", "", "x.md:2:3: the file contains a NUL byte"},
		{"latin1", "caf\xE9\n", "", "x.md:1:4: invalid UTF-8 (byte 0xE9)"},
		{"smart quotes stay", "\u201cquoted\u201d\u00a0text", "\u201cquoted\u201d\u00a0text", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize("x.md", []byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want prefix %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPosition(t *testing.T) {
	src := []byte("ab\nc\u00e9d\n")
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {6, 2, 3}, {100, 3, 1},
	} {
		line, col := Position(src, tt.off)
		if line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}
