package check

import (
	"strings"
	"time"

	"github.com/nhs-psp/handbook/generator/config"
)

// View is a page's document control as the theme shows it: the
// document-control panel (partials/doccontrol.html) and the review banner
// (partials/review-banner.html) read it as .Page.Control. Every value is
// ready to print; an empty string or a nil date means "leave the row out".
type View struct {
	Reference, Version string
	// Status is "Approved" or "Draft".
	Status string
	// Owner is the owner's job title; ContactName is the name of the
	// person, when the owner contact is a contact in handbook.yaml.
	Owner, ContactName string
	ApprovedBy         string
	ApprovedOn         *DateView
	EffectiveFrom      *DateView
	NextReview         *DateView
	// EIA is the equality impact assessment, nil when there is none.
	EIA     *EIAView
	Changes []ChangeView
	// Review is where the page stands against its review date when the
	// site was built, and ReviewText the same in words.
	Review     ReviewStatus
	ReviewText string
	// Overdue is true when the review date had passed when the site was
	// built: the banner shows without JavaScript.
	Overdue bool
}

// DateView is a date as text ("1 April 2029") and as YYYY-MM-DD for a
// <time datetime> or a data- attribute.
type DateView struct {
	Text, ISO string
}

// EIAView is an equality impact assessment.
type EIAView struct {
	Date    *DateView
	Outcome string
}

// ChangeView is one entry of the change log.
type ChangeView struct {
	Version string
	Date    *DateView
	Summary string
}

// NewView returns the document-control view of c on today, naming the
// owner contact from cfg's contacts.
func NewView(c Control, cfg *config.Config, today time.Time) *View {
	if cfg == nil {
		cfg = config.Default()
	}
	v := &View{
		Reference:     c.Reference,
		Version:       c.Version,
		Status:        capitalise(c.Status),
		Owner:         c.Owner,
		ApprovedBy:    c.ApprovedBy,
		ApprovedOn:    dateView(c.ApprovedOn),
		EffectiveFrom: dateView(c.EffectiveFrom),
		NextReview:    dateView(c.NextReview),
		Review:        StatusOf(c, today, cfg.Governance.DueSoonDays),
	}
	v.ReviewText = v.Review.Text()
	v.Overdue = v.Review == ReviewOverdue
	if ct, ok := cfg.Contacts[c.OwnerContact]; ok && c.OwnerContact != "" {
		v.ContactName = strings.TrimSpace(ct.Name)
	}
	if !c.EIA.Date.IsZero() || strings.TrimSpace(c.EIA.Outcome) != "" {
		v.EIA = &EIAView{Date: dateView(c.EIA.Date), Outcome: strings.TrimSpace(c.EIA.Outcome)}
	}
	for _, ch := range c.Changes {
		v.Changes = append(v.Changes, ChangeView{Version: ch.Version, Date: dateView(ch.Date), Summary: ch.Summary})
	}
	return v
}

func dateView(d config.Date) *DateView {
	if d.IsZero() {
		return nil
	}
	return &DateView{Text: d.String(), ISO: d.ISO()}
}

func capitalise(s string) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ScheduleRowView is one row of the review schedule page
// (templates/review.html), which reads them as .Page.Schedule.
type ScheduleRowView struct {
	// Href links to the page, relative to the review schedule page.
	Href  string
	Title string
	Owner string
	// ApprovedBy, ApprovedOn and NextReview are "" when not known; the
	// dates read "1 April 2029", and the ISO fields hold YYYY-MM-DD.
	ApprovedBy                   string
	ApprovedOn, NextReview       string
	ApprovedOnISO, NextReviewISO string
	Status                       ReviewStatus
	StatusText                   string
}

// ScheduleViews turns schedule rows into rows of the review schedule page.
// href returns the link to a page's URL from the review schedule page.
func ScheduleViews(rows []ScheduleRow, href func(url string) string) []ScheduleRowView {
	out := make([]ScheduleRowView, 0, len(rows))
	for _, r := range rows {
		out = append(out, ScheduleRowView{
			Href:          href(r.URL),
			Title:         r.Title,
			Owner:         r.Owner,
			ApprovedBy:    r.ApprovedBy,
			ApprovedOn:    r.ApprovedOn.String(),
			ApprovedOnISO: r.ApprovedOn.ISO(),
			NextReview:    r.NextReview.String(),
			NextReviewISO: r.NextReview.ISO(),
			Status:        r.Status,
			StatusText:    r.Status.Text(),
		})
	}
	return out
}
