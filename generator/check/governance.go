package check

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/nhs-psp/handbook/generator/source"
)

// governance runs the document-control rules over one page: review dates,
// owner, approval, draft status and the starter text it replaces. They are
// all reported at the page's front matter.
func (r *run) governance(p *Page) {
	cfg := r.in.Config
	c := ControlFor(p.Meta, cfg)
	today := r.in.Today
	switch StatusOf(c, today, cfg.Governance.DueSoonDays) {
	case ReviewOverdue:
		days := daysBetween(c.NextReview.Time, today)
		then := "set approved_on to the date it is approved again"
		if c.ReviewSource == ReviewFromReviewBy {
			then = "set approved_on to the date it is approved again and review_by to the next review date"
		}
		r.reportPage("review_overdue", p,
			"review overdue: the page was due for review on %s (%s), %s ago; review it, then %s",
			c.NextReview, reviewBasis(c, p.Meta.ReviewIn, cfg.Governance.ReviewCycleMonths), plural(days, "day"), then)
	case ReviewDueSoon:
		days := daysBetween(today, c.NextReview.Time)
		when := "today"
		if days > 0 {
			when = "in " + plural(days, "day")
		}
		r.reportPage("review_due_soon", p,
			"review due soon: the page is due for review on %s (%s), %s; plan the review with its owner",
			c.NextReview, reviewBasis(c, p.Meta.ReviewIn, cfg.Governance.ReviewCycleMonths), when)
	}
	if c.Owner == "" {
		r.reportPage("no_owner", p,
			"no owner: add owner: (a job title, such as Patient Safety Specialist) to the front matter, or governance.default_owner to handbook.yaml")
	}
	switch {
	case c.ApprovedOn.IsZero() && c.ApprovedBy == "":
		r.reportPage("no_approval", p,
			"no approval recorded: add approved_on: (YYYY-MM-DD) and approved_by: (the approving committee) to the front matter, or governance.approved_on and governance.approved_by to handbook.yaml; without a date the page has no review date")
	case c.ApprovedOn.IsZero():
		r.reportPage("no_approval", p,
			"no approval date: add approved_on: (YYYY-MM-DD) to the front matter, or governance.approved_on to handbook.yaml; without it the page has no review date")
	case c.ApprovedBy == "":
		r.reportPage("no_approval", p,
			"no approving body: add approved_by: (the committee that approved the page) to the front matter, or governance.approved_by to handbook.yaml")
	}
	if p.Meta.Status == source.StatusDraft {
		r.reportPage("draft", p,
			"the page is a draft: it is left out of the published handbook (build with --drafts to see it); set status: approved once it is approved")
	}
	r.starterChanged(p)
}

// reviewBasis says how the review date was worked out, for messages.
func reviewBasis(c Control, reviewIn, cycle int) string {
	switch c.ReviewSource {
	case ReviewFromReviewBy:
		return "its review_by date"
	case ReviewFromReviewIn:
		return fmt.Sprintf("approved on %s, review_in %s", c.ApprovedOn, plural(reviewIn, "month"))
	}
	return fmt.Sprintf("approved on %s, plus the review cycle of %s", c.ApprovedOn, plural(cycle, "month"))
}

// starterChanged compares the starter page a trust page replaces with the
// version it was copied from.
func (r *run) starterChanged(p *Page) {
	if p.Starter || p.Meta.Replaces == "" || r.in.Starter == nil {
		return
	}
	path, version, ok := source.ParseReplaces(p.Meta.Replaces)
	if !ok {
		r.reportPage("starter_changed", p,
			"replaces: %q is not written path@version; copy the page again with handbook new --from-starter PATH to record it", p.Meta.Replaces)
		return
	}
	b, err := fs.ReadFile(r.in.Starter, path)
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid):
		r.reportPage("starter_changed", p,
			"the national starter handbook no longer has the page %s that this page replaces; check whether it moved or was withdrawn (handbook new --from-starter lists the starter pages), then update or remove replaces:", path)
	case err != nil:
		r.reportPage("starter_changed", p, "cannot read the starter page %s that this page replaces: %v", path, err)
	case source.VersionHash(b) != version:
		r.reportPage("starter_changed", p,
			"the national starter text of %s has changed since the trust copied it: compare this page with a fresh copy from handbook new --from-starter %s (run it in a copy of the handbook folder: it never overwrites a page), take in what matters, then copy the fresh copy's replaces: line into this page", path, path)
	}
}

// plural writes "1 day", "3 days".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
