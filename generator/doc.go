// Package generator builds a handbook: it reads a handbook folder
// (handbook.yaml, content/, theme/, static/) and writes a complete static
// site through a publish.Writer.
//
// The pipeline runs one way; each stage takes the previous stage's value:
//
//	handbook.yaml ─► config ─┐
//	content/**.md ─► source ─┼─► markdown ─► site ─► theme ─► publish ─► public/
//	starter pack  ─┘ (layers) │   (goldmark)  (nav,    (html/     (minify,
//	themes/default ───────────┘               links)   template)   atomic write)
//
// Every problem found on the way is a diag.Diagnostic with a file, line and
// column. Build reports all of them, not only the first: errors make the
// build fail (and the caller discards the output), warnings do not.
//
// Anything that depends on today's date reads Options.Today, so tests and
// the --today flag pin it.
package generator
