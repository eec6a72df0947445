// Package textfile turns the bytes of a hand-edited text file into clean
// UTF-8 with "\n" line endings, or explains in plain words why it cannot.
//
// Handbook authors save files from Notepad, Word and editors on Windows and
// macOS, so the input may start with a byte-order mark, end lines with
// "\r\n" or "\r", or be saved in UTF-16. Normalising here, once, lets every
// later stage assume one encoding and one line ending while line numbers
// stay those the author sees in their editor.
package textfile

import (
	"bytes"
	"unicode/utf8"

	"github.com/nhs-psp/handbook/generator/diag"
)

// Normalize returns src as UTF-8 with a leading byte-order mark removed and
// every line ending turned into "\n". path names the file in errors.
//
// It refuses UTF-16 and UTF-32 files, files holding NUL bytes (binary
// files, or text saved in a wide encoding without a mark) and invalid
// UTF-8, each with the position of the first offending byte and what to do.
func Normalize(path string, src []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(src, []byte{0, 0, 0xFE, 0xFF}):
		return nil, diag.Errorf(path, 1, 1, "the file is saved as UTF-32; save it as UTF-8 instead (in Notepad: File, Save as, Encoding: UTF-8)")
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		return nil, diag.Errorf(path, 1, 1, "the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8 instead (in Notepad: File, Save as, Encoding: UTF-8)")
	}
	if what, advice := binaryKind(src); what != "" {
		return nil, diag.Errorf(path, 1, 1, "this is %s, not a text file: %s", what, advice)
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := Position(src, i)
		return nil, diag.Errorf(path, line, col, "the file contains a NUL byte, so it is not a text file (a binary file, or text saved as UTF-16 without a byte-order mark); save it as UTF-8 text")
	}
	if !utf8.Valid(src) {
		i := firstInvalid(src)
		line, col := Position(src, i)
		return nil, diag.Errorf(path, line, col, "invalid UTF-8 (byte 0x%02X); the file is probably saved as Windows-1252 or Latin-1: save it as UTF-8", src[i])
	}
	if bytes.IndexByte(src, '\r') < 0 {
		return src, nil
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			out = append(out, '\n')
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// binaryKinds are the files most often given a text file's name by
// mistake (a picture or a Word document saved as page.md), known by their
// first bytes, so the message can say what the file is and what to do
// rather than only that it is not text.
var binaryKinds = []struct {
	magic, what, advice string
}{
	{"\x89PNG\r\n\x1a\n", "a PNG picture", "a picture needs a name ending in .png, and a page shows it with ![what it shows](name.png)"},
	{"\xFF\xD8\xFF", "a JPEG picture", "a picture needs a name ending in .jpg, and a page shows it with ![what it shows](name.jpg)"},
	{"GIF87a", "a GIF picture", "a picture needs a name ending in .gif, and a page shows it with ![what it shows](name.gif)"},
	{"GIF89a", "a GIF picture", "a picture needs a name ending in .gif, and a page shows it with ![what it shows](name.gif)"},
	{"%PDF-", "a PDF document", "give it a name ending in .pdf and link to it from a page: [title](name.pdf)"},
	{"PK\x03\x04", "a Word document (or another ZIP file)", "copy its text into a page and save that as plain text (UTF-8), or give the file its own extension, such as .docx, and link to it"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Word or Excel document", "copy its text into a page and save that as plain text (UTF-8), or give the file its own extension, such as .doc, and link to it"},
}

// binaryKind returns what src is and what to do, when it starts like a
// well-known binary file.
func binaryKind(src []byte) (what, advice string) {
	for _, k := range binaryKinds {
		if bytes.HasPrefix(src, []byte(k.magic)) {
			return k.what, k.advice
		}
	}
	return "", ""
}

func firstInvalid(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(src)
}

// Position converts byte offset off in src to a 1-based line and a 1-based
// column counted in characters, as editors show them.
func Position(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	before := src[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(src[start:off]) + 1
}
