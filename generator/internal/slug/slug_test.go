package slug

import (
	"io/fs"
	"testing"
)

func TestMake(t *testing.T) {
	tests := map[string]string{
		"Meeting notes":                    "meeting-notes",
		"Before you recruit: money & time": "before-you-recruit-money-time",
		"  --Leading and trailing--  ":     "leading-and-trailing",
		"Don't do the bare minimum":        "dont-do-the-bare-minimum",
		"Don’t":                            "dont",
		"Café culture":                     "café-culture",
		"PSIRF (2022)":                     "psirf-2022",
		"!!!":                              "",
		"a__b":                             "a-b",
	}
	for in, want := range tests {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFile(t *testing.T) {
	tests := map[string]string{
		"Team Photo.PNG": "team-photo.png",
		"logo.svg":       "logo.svg",
		"archive.tar.gz": "archive-tar.gz",
		"README":         "readme",
		".png":           "png",
		"!!!.png":        "",
	}
	for in, want := range tests {
		if got := File(in); got != want {
			t.Errorf("File(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{"Meeting notes", "Café", "a/b", "..", "\x00", "Don’t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if Make(got) != got {
			t.Errorf("Make not idempotent: %q → %q → %q", s, got, Make(got))
		}
		if got != "" && !fs.ValidPath(got) {
			t.Errorf("Make(%q) = %q is not a valid path element", s, got)
		}
	})
}
