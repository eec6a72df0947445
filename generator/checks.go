package generator

import (
	"github.com/nhs-psp/handbook/generator/check"
	"github.com/nhs-psp/handbook/generator/diag"
)

// runChecks runs the rules that look across pages (anchors, orphans) and
// gathers the findings each page's own rules made while it was rendered.
// Error findings stop the build, so a broken anchor never reaches the
// intranet; the whole result is kept for `handbook check`.
func (b *builder) runChecks(in *inputs, sum *summary) *check.Result {
	res := check.Run(check.Input{
		Pages:    sum.checks,
		Local:    sum.local,
		Config:   in.config,
		Glossary: in.glossary,
		Today:    in.today,
		Starter:  in.starter,
	})
	for _, f := range res.Findings {
		if f.Severity == diag.Error {
			b.diags.Add(f)
		}
	}
	return res
}
