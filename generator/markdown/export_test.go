package markdown

// Exported for the tests of package markdown_test, which cannot reach
// unexported names but can import components (package markdown cannot).

// ParseReference is parseReference.
var ParseReference = parseReference

// MaxNesting is maxNesting.
const MaxNesting = maxNesting
