package check

import (
	"strings"
	"time"

	"github.com/nhs-psp/handbook/generator/config"
	"github.com/nhs-psp/handbook/generator/source"
)

// Control is a page's document control: its front matter, with the gaps
// filled from handbook.yaml's governance: defaults.
type Control struct {
	Reference, Version, Status, Owner string
	// OwnerContact is the key of the owner's entry under contacts, or "".
	OwnerContact string
	ApprovedBy   string
	ApprovedOn   config.Date
	// EffectiveFrom is the page's effective_from; it has no default.
	EffectiveFrom config.Date
	// NextReview is when the page is due for review; zero when the page
	// has neither review_by nor an approval date to count from.
	NextReview config.Date
	// ReviewSource says how NextReview was found: "review_by",
	// "review_in" or "review cycle"; "" when NextReview is zero.
	ReviewSource string
	EIA          source.EIA
	Changes      []source.Change
}

// How Control.NextReview was found.
const (
	ReviewFromReviewBy = "review_by"
	ReviewFromReviewIn = "review_in"
	ReviewFromCycle    = "review cycle"
)

// ControlFor fills in a page's document control. A value in the page's
// front matter wins over the governance: default in cfg:
//
//   - Owner, OwnerContact, ApprovedBy, ApprovedOn and Version come from the
//     page, else from governance.default_owner, owner_contact, approved_by,
//     approved_on and version.
//   - Reference is the page's reference, with governance.reference_prefix
//     put in front unless it is already there. A page without a reference
//     has none: ControlFor never invents one.
//   - Status is the page's status; without one, a page with an approval
//     date (its own or the governance default) is "approved" and any other
//     page "draft", because a document nobody has approved is, in
//     governance terms, still a draft. (The draft rule only fires for an
//     explicit "status: draft": a missing approval is no_approval's job.)
//   - NextReview is review_by; else the approval date plus review_in
//     months; else the approval date plus governance.review_cycle_months.
//     It is zero when there is no approval date. Month arithmetic clamps
//     to the end of a shorter month (31 August + 6 months = 28 or 29
//     February).
//
// A nil cfg means config.Default().
func ControlFor(m source.Meta, cfg *config.Config) Control {
	if cfg == nil {
		cfg = config.Default()
	}
	g := cfg.Governance
	c := Control{
		Reference:     m.Reference,
		Version:       or(m.Version, g.Version),
		Status:        string(m.Status),
		Owner:         or(m.Owner, g.DefaultOwner),
		OwnerContact:  or(m.OwnerContact.Key, g.OwnerContact.Key),
		ApprovedBy:    or(m.ApprovedBy, g.ApprovedBy),
		ApprovedOn:    m.ApprovedOn,
		EffectiveFrom: m.EffectiveFrom,
		EIA:           m.EIA,
		Changes:       m.Changes,
	}
	if c.Reference != "" && g.ReferencePrefix != "" && !strings.HasPrefix(c.Reference, g.ReferencePrefix) {
		c.Reference = g.ReferencePrefix + c.Reference
	}
	if c.ApprovedOn.IsZero() {
		c.ApprovedOn = g.ApprovedOn
	}
	if c.Status == "" {
		c.Status = string(source.StatusDraft)
		if !c.ApprovedOn.IsZero() {
			c.Status = string(source.StatusApproved)
		}
	}
	switch {
	case !m.ReviewBy.IsZero():
		c.NextReview, c.ReviewSource = m.ReviewBy, ReviewFromReviewBy
	case c.ApprovedOn.IsZero():
	case m.ReviewIn > 0:
		c.NextReview, c.ReviewSource = c.ApprovedOn.AddMonths(m.ReviewIn), ReviewFromReviewIn
	case g.ReviewCycleMonths > 0:
		c.NextReview, c.ReviewSource = c.ApprovedOn.AddMonths(g.ReviewCycleMonths), ReviewFromCycle
	}
	return c
}

func or(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return strings.TrimSpace(a)
	}
	return strings.TrimSpace(b)
}

// ReviewStatus is where a page stands against its review date.
type ReviewStatus string

// The review statuses, most urgent first.
const (
	// ReviewNoDate: the page has no next review date, because it has no
	// approval date and no review_by.
	ReviewNoDate ReviewStatus = "no_date"
	// ReviewOverdue: the next review date is before today.
	ReviewOverdue ReviewStatus = "overdue"
	// ReviewDueSoon: the next review date is today or within the
	// due-soon window.
	ReviewDueSoon ReviewStatus = "due_soon"
	// ReviewNoOwner: the date is fine but nobody owns the page.
	ReviewNoOwner ReviewStatus = "no_owner"
	// ReviewOK: in date and owned.
	ReviewOK ReviewStatus = "ok"
)

// Text returns the status in words, for tables and the document-control
// panel: "Overdue", "Due soon"…
func (s ReviewStatus) Text() string {
	switch s {
	case ReviewNoDate:
		return "No review date"
	case ReviewOverdue:
		return "Overdue"
	case ReviewDueSoon:
		return "Due soon"
	case ReviewNoOwner:
		return "No owner"
	case ReviewOK:
		return "In date"
	}
	return string(s)
}

// StatusOf returns where c stands on today. When more than one status
// applies, the first of this list wins: no_date (nothing to count from),
// overdue (NextReview before today), due_soon (NextReview no more than
// dueSoonDays days after today), no_owner, ok. A page reviewed on its due
// date is due soon that day, and overdue the next.
func StatusOf(c Control, today time.Time, dueSoonDays int) ReviewStatus {
	today = dateOnly(today)
	switch {
	case c.NextReview.IsZero():
		return ReviewNoDate
	case c.NextReview.Before(today):
		return ReviewOverdue
	case !c.NextReview.After(today.AddDate(0, 0, max(dueSoonDays, 0))):
		return ReviewDueSoon
	case c.Owner == "":
		return ReviewNoOwner
	}
	return ReviewOK
}

// daysBetween counts the calendar days from a to b.
func daysBetween(a, b time.Time) int {
	return int(dateOnly(b).Sub(dateOnly(a)).Hours() / 24)
}
