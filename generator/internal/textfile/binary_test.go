package textfile

import (
	"strings"
	"testing"
)

// TestBinaryFilesNamed checks that a picture or document saved with a text
// file's name is named for what it is, with what to do, rather than
// reported as "a NUL byte" or "invalid UTF-8".
func TestBinaryFilesNamed(t *testing.T) {
	tests := map[string]string{
		"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR": "x.md:1:1: this is a PNG picture, not a text file: a picture needs a name ending in .png",
		"\xff\xd8\xff\xe0\x00\x10JFIF":        "x.md:1:1: this is a JPEG picture, not a text file",
		"GIF89a\x01\x00":                      "x.md:1:1: this is a GIF picture, not a text file",
		"%PDF-1.7\n%\xe2\xe3\xcf\xd3":         "x.md:1:1: this is a PDF document, not a text file: give it a name ending in .pdf",
		"PK\x03\x04\x14\x00\x06\x00":          "x.md:1:1: this is a Word document (or another ZIP file), not a text file",
		"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":    "x.md:1:1: this is an old Word or Excel document, not a text file",
	}
	for in, want := range tests {
		_, err := Normalize("x.md", []byte(in))
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Normalize(%q) = %v, want %s…", in, err, want)
		}
	}
	// Text that merely starts with similar letters is text.
	for _, in := range []string{"GIF images are fine", "PK is a name", "%PDF is mentioned"} {
		if _, err := Normalize("x.md", []byte(in)); err != nil {
			t.Errorf("Normalize(%q) = %v", in, err)
		}
	}
}
