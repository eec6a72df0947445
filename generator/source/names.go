package source

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/nhs-psp/handbook/generator/internal/slug"
)

// isIndexBase reports whether a file name without its extension names a
// section's own page: "_index" or "index" in any case ("Index.md" saved
// on Windows is the same file as "index.md" there, so it must make the
// same URL).
func isIndexBase(base string) bool {
	f := slug.Fold(base)
	return f == "_index" || f == "index"
}

// windowsReserved are the device names Windows refuses as file names,
// with or without an extension ("con.md", "Aux.txt").
var windowsReserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true,
	"com6": true, "com7": true, "com8": true, "com9": true,
	"com¹": true, "com²": true, "com³": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true,
	"lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
	"lpt¹": true, "lpt²": true, "lpt³": true,
}

// windowsProblem says why Windows cannot hold a file or folder called
// name, or returns "". Trusts edit their handbooks on Windows, so a name
// made on a Mac or on Linux that Windows cannot check out is an error
// here, where it is found, not on someone's desktop later.
func windowsProblem(name string) string {
	stem, _, _ := strings.Cut(name, ".")
	if windowsReserved[strings.ToLower(strings.TrimRight(stem, " "))] {
		return fmt.Sprintf("%q is a name Windows keeps for a device", strings.TrimRight(stem, " "))
	}
	if i := strings.IndexAny(name, `<>:"\|?*`); i >= 0 {
		return fmt.Sprintf("it contains %q, which Windows does not allow in names", name[i])
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "it ends in a dot or a space, which Windows removes"
	}
	return ""
}

// maxPathChars is the longest path inside the handbook folder that does
// not draw a warning. Windows programs (Explorer, Word, many editors)
// cannot open a file whose whole path, drive and folders included, is 260
// characters or more, and the handbook folder itself usually sits some 60
// characters deep ("C:\Users\jane.smith\OneDrive - NHS\Handbooks\psp\"),
// so 200 is where trouble starts. It is a warning, not an error: the build
// itself works, and only editing on Windows is at risk.
const maxPathChars = 200

// longPathWarning returns the warning for a path inside the handbook
// folder (such as "content/about/…/page.md") that is too long for
// Windows, or "".
func longPathWarning(rel string) string {
	n := utf8.RuneCountInString(rel)
	if n <= maxPathChars {
		return ""
	}
	return fmt.Sprintf("this path is %d characters long inside the handbook folder; Windows cannot open files whose full path is 260 characters or more, so people editing on Windows may not be able to open it: shorten the file or folder names", n)
}

// symlinkProblem looks at a symbolic link found while reading a layer and
// says what is wrong with it, or returns "" when it leads to a readable
// file inside the handbook folder. The layer is read through os.Root, so
// a link out of the handbook folder cannot be followed; the bare error
// ("path escapes from parent") does not tell an author what to do.
func symlinkProblem(fsys fs.FS, p string) string {
	fi, err := fs.Stat(fsys, p)
	switch {
	case err == nil && fi.IsDir():
		return "this is a symbolic link to a folder, and folders behind links are not read: copy or move the folder into the handbook instead"
	case err == nil:
		return ""
	case escapes(err):
		return "this is a symbolic link to a place outside the handbook folder, and links out of the handbook are not followed (so a build reads nothing it was not given): copy what it points to into the handbook folder instead"
	case errors.Is(err, syscall.ELOOP):
		return "this symbolic link goes round in a loop (it leads, directly or through other links, back to itself): remove it, or point it at a real file"
	case errors.Is(err, fs.ErrNotExist):
		return "this symbolic link points to a file that does not exist: remove it, or point it at a real file"
	}
	return fmt.Sprintf("this symbolic link cannot be followed (%v): copy the file it points to into the handbook folder instead", unwrapPathError(err))
}

// escapes reports whether err is os.Root refusing a path that leads out of
// the root. os does not export that error, so its text is compared.
func escapes(err error) bool {
	for err != nil {
		if err.Error() == "path escapes from parent" {
			return true
		}
		err = errors.Unwrap(err)
	}
	return false
}
