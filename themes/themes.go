// Package themes embeds the default theme: the templates and assets every
// handbook is built with, unless its own theme/ folder overrides a file.
//
// The default theme's layout:
//
//	templates/page.html          one page of the handbook
//	templates/404.html           the "page not found" page
//	templates/partials/*.html    parts shared by pages (header, navigation…)
//	templates/components/*.html  the block components pages use ({{ contacts }}…)
//	assets/*.css, assets/*.js    stylesheets and scripts, fingerprinted when built
//
// A handbook overrides any one of these by putting a file with the same
// path in its theme/ folder, for example theme/templates/partials/footer.html.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var embedded embed.FS

// Default returns the files of the default theme.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embedded tree always has the folder
	}
	return sub
}
