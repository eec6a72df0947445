// Package content embeds the starter Patient Safety Partner handbook: the
// Markdown pages under handbook/ and the terms in glossary.yaml. They are
// the bottom layer of every build unless handbook.yaml says starter: false,
// so a trust starts from a complete, good-practice handbook and replaces or
// hides only what it must.
package content

import (
	"embed"
	"io/fs"
)

//go:embed all:handbook glossary.yaml
var embedded embed.FS

// Starter returns the starter handbook's pages, rooted at handbook/.
func Starter() fs.FS {
	sub, err := fs.Sub(embedded, "handbook")
	if err != nil {
		panic(err) // the embedded tree always has the folder
	}
	return sub
}

// GlossaryFS returns a file system holding glossary.yaml at its root.
func GlossaryFS() fs.FS { return embedded }
